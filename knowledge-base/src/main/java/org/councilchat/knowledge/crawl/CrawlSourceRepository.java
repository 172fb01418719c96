package org.councilchat.knowledge.crawl;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which page each crawled FAQ came from, when it was crawled, a hash of its content, and whether the page has gone. */
@Repository
public class CrawlSourceRepository {

    /**
     * The crawl record of one FAQ; {@code goneSince} is set while its page or its question is missing;
     * {@code faqVersion} is the FAQ's version as the crawl last wrote it (null for FAQs crawled before versions
     * were recorded); {@code pageChangedSince} is set while the page has changed since an editor's edit.
     */
    public record CrawlSource(
            String faqId,
            String pageUrl,
            OffsetDateTime crawledAt,
            String contentHash,
            OffsetDateTime goneSince,
            Integer faqVersion,
            OffsetDateTime pageChangedSince) {}

    private final JdbcClient jdbc;

    public CrawlSourceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<CrawlSource> find(String faqId) {
        return jdbc.sql("SELECT * FROM faq_crawl_source WHERE faq_id = ?")
                .param(faqId)
                .query(CrawlSourceRepository::toSource)
                .optional();
    }

    public List<CrawlSource> fromPage(String pageUrl) {
        return jdbc.sql("SELECT * FROM faq_crawl_source WHERE page_url = ? ORDER BY faq_id")
                .param(pageUrl)
                .query(CrawlSourceRepository::toSource)
                .list();
    }

    /** Every page an FAQ was crawled from, so a re-crawl visits them again even when nothing links to them. */
    public List<String> knownPages() {
        return jdbc.sql("SELECT DISTINCT page_url FROM faq_crawl_source ORDER BY page_url")
                .query(String.class)
                .list();
    }

    /**
     * Records a crawl of the FAQ's page that found it (again) as the FAQ says it, clearing any earlier "gone" or
     * "page changed" flag.
     */
    public void record(String faqId, String pageUrl, OffsetDateTime crawledAt, String contentHash) {
        int updated =
                jdbc.sql("""
                        UPDATE faq_crawl_source SET page_url = ?, crawled_at = ?, content_hash = ?, gone_since = NULL,
                          page_changed_since = NULL
                        WHERE faq_id = ?""").params(pageUrl, crawledAt, contentHash, faqId).update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO faq_crawl_source (faq_id, page_url, crawled_at, content_hash)
                            VALUES (?, ?, ?, ?)""").params(faqId, pageUrl, crawledAt, contentHash).update();
        }
    }

    /** Remembers the FAQ's version as the crawl wrote it, so a later edit by an editor can be told apart. */
    public void rememberVersion(String faqId, int version) {
        jdbc.sql("UPDATE faq_crawl_source SET faq_version = ? WHERE faq_id = ?")
                .params(version, faqId)
                .update();
    }

    /**
     * Records that the page was crawled and still has the FAQ, but with content that differs from what the FAQ
     * was taken from, while an editor's text stands: the flag keeps its first date.
     */
    public void pageChangedSinceEdit(String faqId, OffsetDateTime crawledAt) {
        jdbc.sql("""
                        UPDATE faq_crawl_source SET crawled_at = ?, gone_since = NULL,
                          page_changed_since = COALESCE(page_changed_since, ?)
                        WHERE faq_id = ?""").params(crawledAt, crawledAt, faqId).update();
    }

    /** Crawled FAQs with a flag for an editor: their page has gone, or changed since an editor's edit. */
    public List<CrawlSource> flagged() {
        return jdbc.sql("SELECT * FROM faq_crawl_source WHERE gone_since IS NOT NULL OR page_changed_since IS NOT NULL")
                .query(CrawlSourceRepository::toSource)
                .list();
    }

    /** Flags FAQs whose page (or whose question on it) has gone; those already flagged keep their date. */
    public int markGone(Collection<String> faqIds, OffsetDateTime since) {
        int flagged = 0;
        for (String id : faqIds) {
            flagged += jdbc.sql("UPDATE faq_crawl_source SET gone_since = ? WHERE faq_id = ? AND gone_since IS NULL")
                    .params(since, id)
                    .update();
        }
        return flagged;
    }

    private static CrawlSource toSource(ResultSet row, int rowNum) throws SQLException {
        return new CrawlSource(
                row.getString("faq_id"),
                row.getString("page_url"),
                row.getObject("crawled_at", OffsetDateTime.class),
                row.getString("content_hash"),
                row.getObject("gone_since", OffsetDateTime.class),
                row.getObject("faq_version", Integer.class),
                row.getObject("page_changed_since", OffsetDateTime.class));
    }
}
