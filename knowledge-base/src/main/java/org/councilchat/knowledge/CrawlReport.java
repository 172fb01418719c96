package org.councilchat.knowledge;

import java.util.List;

/**
 * What a crawl did: HTML pages read, FAQs created, updated and left unchanged, URLs robots.txt kept us from,
 * URLs that failed (each named in {@code problems}), FAQs flagged because their page or question has gone, and
 * FAQs left as an editor changed them although their page has changed since ({@code keptEdits}).
 */
public record CrawlReport(
        int pages,
        int faqsCreated,
        int faqsUpdated,
        int unchanged,
        int skippedRobots,
        int errors,
        int flaggedGone,
        int keptEdits,
        List<String> problems) {

    public CrawlReport {
        problems = List.copyOf(problems);
    }

    /** A report of a crawl that found no editor's changes in its way. */
    public CrawlReport(
            int pages,
            int faqsCreated,
            int faqsUpdated,
            int unchanged,
            int skippedRobots,
            int errors,
            int flaggedGone,
            List<String> problems) {
        this(pages, faqsCreated, faqsUpdated, unchanged, skippedRobots, errors, flaggedGone, 0, problems);
    }

    /** The figures as one line of JSON, in the order the command's contract gives them. */
    public String toJson() {
        return "{\"pages\": %d, \"faqs_created\": %d, \"faqs_updated\": %d, \"unchanged\": %d, \"skipped_robots\": %d, \"errors\": %d}"
                .formatted(pages, faqsCreated, faqsUpdated, unchanged, skippedRobots, errors);
    }
}
