package org.councilchat.knowledge.crawl;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which addresses a crawl may connect to: the public internet, and of the internal ranges (loopback, link-local
 * with the cloud metadata address, private, CGNAT, unspecified, multicast, broadcast and reserved) only what the
 * council has allowed, by host name, address or CIDR range ({@code council-chat.knowledge.crawl.allowed-internal-
 * hosts}). Without this an editor's crawl could read the server's own admin ports or the cloud's credentials.
 *
 * <p>An IPv6 address that carries an IPv4 one (mapped {@code ::ffff:a.b.c.d}, compatible {@code ::a.b.c.d},
 * NAT64 {@code 64:ff9b::a.b.c.d}, 6to4 {@code 2002:aabb:ccdd::}) is judged by the IPv4 address too.
 */
public final class CrawlableAddresses {

    private static final List<Range> INTERNAL = Arrays.stream(new String[] {
                "0.0.0.0/8", // "this network": 0.0.0.0 reaches the server itself on Linux
                "10.0.0.0/8",
                "100.64.0.0/10", // carrier-grade NAT
                "127.0.0.0/8",
                "169.254.0.0/16", // link-local, with 169.254.169.254, the cloud's metadata and credentials
                "172.16.0.0/12",
                "192.0.0.0/24",
                "192.168.0.0/16",
                "198.18.0.0/15",
                "224.0.0.0/4", // multicast
                "240.0.0.0/4", // reserved, with 255.255.255.255
                "::/96", // unspecified, loopback and IPv4-compatible
                "fc00::/7",
                "fe80::/10",
                "fec0::/10",
                "ff00::/8"
            })
            .map(Range::parse)
            .toList();

    private final Set<String> allowedHosts;
    private final List<Range> allowedRanges;

    private CrawlableAddresses(Set<String> allowedHosts, List<Range> allowedRanges) {
        this.allowedHosts = allowedHosts;
        this.allowedRanges = allowedRanges;
    }

    /** Only public addresses, the default. */
    public static CrawlableAddresses publicOnly() {
        return allowing(List.of());
    }

    /**
     * Public addresses and the given exceptions: each a host name ({@code intranet.millbrook.local}, trusted
     * whatever it resolves to), an address ({@code 10.1.2.3}) or a range ({@code 10.20.0.0/16}).
     *
     * @throws IllegalArgumentException for a range that is not one
     */
    public static CrawlableAddresses allowing(List<String> exceptions) {
        Set<String> hosts = new HashSet<>();
        List<Range> ranges = new ArrayList<>();
        for (String exception : exceptions == null ? List.<String>of() : exceptions) {
            String entry = bare(exception.strip());
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.contains("/") || isAddressLiteral(entry)) {
                ranges.add(Range.parse(entry));
            } else {
                hosts.add(entry.toLowerCase(Locale.ROOT));
            }
        }
        return new CrawlableAddresses(Set.copyOf(hosts), List.copyOf(ranges));
    }

    /** Whether a connection to {@code address}, found for {@code host}, may be made. */
    public boolean allows(String host, InetAddress address) {
        if (allowedHosts.contains(bare(host).toLowerCase(Locale.ROOT))) {
            return true;
        }
        if (allowedRanges.stream().anyMatch(range -> range.contains(address))) {
            return true;
        }
        return INTERNAL.stream().noneMatch(range -> range.contains(address))
                && embeddedIpv4(address).map(v4 -> allows(host, v4)).orElse(true);
    }

    /** The IPv4 address an IPv6 address stands for, if it carries one. */
    private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] b = address.getAddress();
        boolean mapped = Arrays.equals(b, 0, 10, new byte[10], 0, 10) && b[10] == (byte) 0xff && b[11] == (byte) 0xff;
        boolean nat64 = b[0] == 0x00 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b;
        if (mapped || nat64) {
            return Optional.of(v4(Arrays.copyOfRange(b, 12, 16)));
        }
        if (b[0] == 0x20 && b[1] == 0x02) { // 6to4
            return Optional.of(v4(Arrays.copyOfRange(b, 2, 6)));
        }
        return Optional.empty();
    }

    private static InetAddress v4(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("Four bytes are always an IPv4 address", e);
        }
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static boolean isAddressLiteral(String entry) {
        return entry.contains(":") || entry.matches("[0-9.]+");
    }

    /** A CIDR range; an address alone is a range of one. */
    record Range(byte[] network, int prefix) {

        static Range parse(String cidr) {
            String[] parts = cidr.split("/", 2);
            if (!isAddressLiteral(bare(parts[0]))) {
                throw new IllegalArgumentException("Not an address range: " + cidr);
            }
            byte[] network;
            try {
                // a literal, so no lookup happens
                network = InetAddress.getByName(bare(parts[0])).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("Not an address range: " + cidr, e);
            }
            int prefix;
            try {
                prefix = parts.length == 1 ? network.length * 8 : Integer.parseInt(parts[1].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Not an address range: " + cidr, e);
            }
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("Not an address range: " + cidr);
            }
            return new Range(network, prefix);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
