package org.councilchat.knowledge;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What to crawl: a start page, the hosts the crawl may visit (the start page's host and any others given),
 * how many URLs it may fetch at most, and whether what it finds is published at once. On those hosts only the
 * web's own ports (80 and 443) are visited, and the start page's port when it names one: another port on the
 * same host is another service (an admin console, a database), not the council's website. What it finds becomes
 * the FAQs of {@code councilId} (null: the first council's).
 */
public record CrawlRequest(URI start, int maxPages, Set<String> allowedHosts, boolean publish, String councilId) {

    /** A crawl for the first council (a deployment of one). */
    public CrawlRequest(URI start, int maxPages, Set<String> allowedHosts, boolean publish) {
        this(start, maxPages, allowedHosts, publish, null);
    }

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

    /** Whether the crawl may visit {@code url}: an http(s) URL on an allowed host, and on an allowed port. */
    public boolean allows(URI url) {
        if (url.getHost() == null
                || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
                || !allowedHosts.contains(url.getHost().toLowerCase(Locale.ROOT))) {
            return false;
        }
        int port = port(url);
        return port == 80 || port == 443 || (url.getHost().equalsIgnoreCase(start.getHost()) && port == port(start));
    }

    private static int port(URI url) {
        return url.getPort() != -1 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
    }
}
