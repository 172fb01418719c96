package org.councilchat.knowledge.crawl;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;

/**
 * Looks a host up for the crawl's HTTP client and refuses it unless every address it has is one the crawl may
 * connect to. The client connects to exactly the addresses returned here, so what was checked is what is
 * connected to: a name whose DNS answer changes between a check and the connect (DNS rebinding) cannot slip by.
 * Every hop of a redirect is a new connect and so is checked again.
 */
final class CheckedResolver implements DnsResolver {

    /** The lookup itself: the system's resolver, or a fixed answer in tests. */
    @FunctionalInterface
    interface Lookup {
        InetAddress[] addresses(String host) throws UnknownHostException;
    }

    private final CrawlableAddresses crawlable;
    private final Lookup lookup;

    CheckedResolver(CrawlableAddresses crawlable, Lookup lookup) {
        this.crawlable = crawlable;
        this.lookup = lookup;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = lookup.addresses(bare);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(bare);
        }
        // All or nothing: a name with one internal address among public ones is not the council's public site.
        if (!Arrays.stream(addresses).allMatch(address -> crawlable.allows(bare, address))) {
            throw new AddressRefused(bare);
        }
        return addresses;
    }

    /** Never an unresolved address, which the socket would look up again unchecked. */
    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        return Arrays.stream(resolve(host))
                .map(address -> new InetSocketAddress(address, port))
                .toList();
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        // Only asked for by SPNEGO/Kerberos, which the crawl does not do: no second, unchecked lookup.
        return host;
    }
}
