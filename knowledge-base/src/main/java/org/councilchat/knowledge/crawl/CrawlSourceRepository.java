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

    /** The crawl record of one FAQ; {@code goneSince} is set while its page or its question is missing. */
    public record CrawlSource(
            String faqId, String pageUrl, OffsetDateTime crawledAt, String contentHash, OffsetDateTime goneSince) {}

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

    /** Records a crawl of the FAQ's page that found it (again), clearing any earlier "gone" flag. */
    public void record(String faqId, String pageUrl, OffsetDateTime crawledAt, String contentHash) {
        int updated =
                jdbc.sql("""
                        UPDATE faq_crawl_source SET page_url = ?, crawled_at = ?, content_hash = ?, gone_since = NULL
                        WHERE faq_id = ?""").params(pageUrl, crawledAt, contentHash, faqId).update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO faq_crawl_source (faq_id, page_url, crawled_at, content_hash)
                            VALUES (?, ?, ?, ?)""").params(faqId, pageUrl, crawledAt, contentHash).update();
        }
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
                row.getObject("gone_since", OffsetDateTime.class));
    }
}
