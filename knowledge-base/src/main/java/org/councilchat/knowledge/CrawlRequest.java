package org.councilchat.knowledge;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What to crawl: a start page, the hosts the crawl may visit (the start page's host when none are given),
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
        allowedHosts = allowedHosts == null || allowedHosts.isEmpty()
                ? Set.of(start.getHost().toLowerCase(Locale.ROOT))
                : allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    public boolean allows(URI url) {
        return url.getHost() != null
                && ("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
                && allowedHosts.contains(url.getHost().toLowerCase(Locale.ROOT));
    }
}
