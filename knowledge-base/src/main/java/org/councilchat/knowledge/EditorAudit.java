package org.councilchat.knowledge;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Who did what to the knowledge base, and when: creates, edits, publishing, reverts, imports and crawls, heard
 * from the knowledge base's events on the thread (and in the transaction) that did them, so nothing an editor
 * does goes unrecorded and no page has to remember to record it. Entries are only ever added. A summary names
 * the FAQ's question or the file, never residents' words.
 */
@Service
public class EditorAudit {

    private static final int SUMMARY_LENGTH = 1000;

    private final JdbcClient jdbc;
    private final Clock clock;

    public EditorAudit(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventListener
    void on(FaqSaved saved) {
        record(
                saved.editor(),
                EditorAction.ofSave(saved.statusBefore(), saved.faq().status()),
                saved.faq().id(),
                describe(saved.faq()));
    }

    @EventListener
    void on(FaqReverted reverted) {
        record(
                reverted.editor(),
                EditorAction.REVERTED,
                reverted.faq().id(),
                "Version " + reverted.versionPutBack() + " put back: " + describe(reverted.faq()));
    }

    @EventListener
    void on(FaqReviewed reviewed) {
        String question = "“" + reviewed.question() + "”";
        record(
                reviewed.editor(),
                switch (reviewed.step()) {
                    case SENT -> EditorAction.SENT_FOR_REVIEW;
                    case APPROVED -> EditorAction.APPROVED;
                    case SENT_BACK -> EditorAction.SENT_BACK;
                },
                reviewed.faqId(),
                switch (reviewed.step()) {
                    case SENT -> question + ": waiting for another editor";
                    case APPROVED, SENT_BACK -> question + ", sent for review by " + reviewed.sentBy();
                });
    }

    @EventListener
    void on(FaqsImported imported) {
        record(
                imported.editor(),
                EditorAction.IMPORTED,
                null,
                imported.fileName() + ": " + imported.created() + " new, " + imported.replaced() + " replaced");
    }

    @EventListener
    void on(CrawlStarted started) {
        CrawlRequest request = started.request();
        record(
                started.editor(),
                EditorAction.CRAWL_STARTED,
                null,
                request.start() + ", at most " + request.maxPages() + " pages, hosts "
                        + String.join(" ", request.allowedHosts())
                        + (request.publish() ? ", publishing what it finds" : ", as drafts"));
    }

    @EventListener
    void on(CrawlFinished finished) {
        record(
                finished.editor(),
                EditorAction.CRAWL_FINISHED,
                null,
                finished.request().start() + ": " + finished.report().toJson());
    }

    private static String describe(Faq faq) {
        return "“" + faq.question() + "”, version " + faq.version() + ", "
                + faq.status().name().toLowerCase(Locale.ROOT);
    }

    public void record(String editor, EditorAction action, String faqId, String summary) {
        String text = summary == null ? "" : summary;
        jdbc.sql("""
                        INSERT INTO editor_audit (happened_at, editor, action, faq_id, summary)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(
                        OffsetDateTime.now(clock),
                        editor,
                        action.name(),
                        faqId,
                        text.length() > SUMMARY_LENGTH ? text.substring(0, SUMMARY_LENGTH - 1) + "…" : text)
                .update();
    }

    /** The newest entries first, at most {@code limit}; only one FAQ's when {@code faqId} is given. */
    public List<AuditEntry> recent(String faqId, int limit) {
        boolean oneFaq = faqId != null && !faqId.isBlank();
        var query = jdbc.sql("SELECT * FROM editor_audit"
                + (oneFaq ? " WHERE faq_id = :faq" : "")
                + " ORDER BY happened_at DESC, id DESC LIMIT :limit");
        if (oneFaq) {
            query = query.param("faq", faqId);
        }
        return query.param("limit", limit)
                .query((row, n) -> new AuditEntry(
                        row.getObject("happened_at", OffsetDateTime.class),
                        row.getString("editor"),
                        EditorAction.valueOf(row.getString("action")),
                        row.getString("faq_id"),
                        row.getString("summary")))
                .list();
    }
}
