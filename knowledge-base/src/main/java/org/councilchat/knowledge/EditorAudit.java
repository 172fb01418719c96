package org.councilchat.knowledge;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Who did what to the knowledge base, and when: creates, edits, publishing, reverts, imports and crawls. Entries
 * are only ever added. A summary names the FAQ's question or the file, never residents' words.
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
