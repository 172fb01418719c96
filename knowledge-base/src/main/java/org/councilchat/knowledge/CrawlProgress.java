package org.councilchat.knowledge;

import java.net.URI;

/** Told about each URL as the crawl deals with it, for a progress display. */
@FunctionalInterface
public interface CrawlProgress {

    /**
     * @param outcome what happened, in a few words ("3 FAQs: 1 new, 2 unchanged", "HTTP 404", "robots.txt")
     * @param done URLs dealt with so far
     * @param waiting URLs found and not yet dealt with
     */
    void visited(URI url, String outcome, int done, int waiting);

    CrawlProgress NONE = (url, outcome, done, waiting) -> {};
}
