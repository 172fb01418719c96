package org.councilchat.knowledge.crawl;

import java.net.UnknownHostException;

/**
 * A host resolved to an address the crawl may not connect to (see {@link CrawlableAddresses}). It is an
 * {@link UnknownHostException} so that it leaves the HTTP client's connect the way a failed lookup does: no
 * connection is made.
 */
final class AddressRefused extends UnknownHostException {

    AddressRefused(String host) {
        super("Not a public address: " + host);
    }
}
