package org.councilchat.knowledge;

import java.time.OffsetDateTime;

/**
 * The web page a crawled FAQ came from, as the last crawl found it.
 *
 * @param goneSince set while the page, or the question on it, has gone
 * @param changedSinceEdit set while the page has changed since an editor changed the FAQ: the crawl kept the
 *     editor's text, and the editor may want to compare
 */
public record CrawledPage(
        String url, OffsetDateTime crawledAt, OffsetDateTime goneSince, OffsetDateTime changedSinceEdit) {

    public boolean flagged() {
        return goneSince != null || changedSinceEdit != null;
    }
}
