package org.councilchat.knowledge;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What to crawl: a start page, the hosts the crawl may visit (the start page's host and any others given),
 * how many URLs it may fetch at most, and whether what it finds is published at once.
 */
public record CrawlRequest(URI start, int maxPages, Set<String> allowedHosts, boolean publish) {

    public CrawlRequest {
        if (start.getHost() == null || !("http".equals(start.getScheme()) || "https".equals(start.getScheme()))) {
            throw new IllegalArgumentException("The start page must be an http or https URL: " + start);
        }
        if (maxPages < 1) {
            throw new IllegalArgumentException("At least one page must be allowed");
        }
        // The start page's host is always allowed: --allow adds hosts (www. and non-www., a subdomain for forms).
        allowedHosts = Stream.concat(
                        Stream.of(start.getHost()), allowedHosts == null ? Stream.empty() : allowedHosts.stream())
                .map(h -> h.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    public boolean allows(URI url) {
        return url.getHost() != null
                && ("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
                && allowedHosts.contains(url.getHost().toLowerCase(Locale.ROOT));
    }
}
