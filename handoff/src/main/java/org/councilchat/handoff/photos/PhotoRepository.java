package org.councilchat.handoff.photos;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code chat_photo} table, each photo sent to an adviser, kept until its conversation is deleted; and the
 * {@code case_photo} table, each photo added to a message left, kept until its case is deleted. A photo's id is
 * unique across both, so the resident's page and the staff pages find either by its id alone.
 */
@Repository
public class PhotoRepository {

    private final JdbcClient jdbc;

    PhotoRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored photo with the council whose chat it is in, for a staff page to check before showing it. */
    public record StoredPhoto(String id, String conversationId, String councilId, byte[] jpeg) {}

    public void insert(String id, String conversationId, byte[] jpeg, int width, int height, Instant sentAt) {
        jdbc.sql("INSERT INTO chat_photo (id, conversation_id, jpeg, width, height, sent_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, conversationId, jpeg, width, height, sentAt.atOffset(ZoneOffset.UTC))
                .update();
    }

    /** A photo added to the message left as case {@code caseReference}. */
    public void insertForCase(String id, String caseReference, byte[] jpeg, int width, int height, Instant sentAt) {
        jdbc.sql("INSERT INTO case_photo (id, case_reference, jpeg, width, height, sent_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, caseReference, jpeg, width, height, sentAt.atOffset(ZoneOffset.UTC))
                .update();
    }

    public void delete(String id) {
        jdbc.sql("DELETE FROM chat_photo WHERE id = ?").param(id).update();
        jdbc.sql("DELETE FROM case_photo WHERE id = ?").param(id).update();
    }

    /** How many photos this conversation has had since {@code since}, to an adviser or with messages it left. */
    public int sentSince(String conversationId, Instant since) {
        return jdbc.sql("""
                        SELECT (SELECT COUNT(*) FROM chat_photo WHERE conversation_id = :chat AND sent_at >= :since)
                             + (SELECT COUNT(*) FROM case_photo p JOIN resident_case r ON r.reference = p.case_reference
                                WHERE r.conversation_id = :chat AND p.sent_at >= :since)""")
                .param("chat", conversationId)
                .param("since", since.atOffset(ZoneOffset.UTC))
                .query(Integer.class)
                .single();
    }

    /** A photo added to a message left, as its case page lists it. */
    public record CasePhoto(String id, int width, int height, Instant sentAt) {}

    /** The photos added to this case, in the order they came. */
    public List<CasePhoto> ofCase(String caseReference) {
        return jdbc.sql(
                        "SELECT id, width, height, sent_at FROM case_photo WHERE case_reference = ? ORDER BY sent_at, id")
                .param(caseReference)
                .query((row, n) -> new CasePhoto(
                        row.getString("id"),
                        row.getInt("width"),
                        row.getInt("height"),
                        row.getObject("sent_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    public Optional<StoredPhoto> find(String id) {
        return jdbc.sql("""
                        SELECT p.id, p.conversation_id, c.council_id, p.jpeg
                        FROM chat_photo p JOIN conversation c ON c.id = p.conversation_id
                        WHERE p.id = :id
                        UNION ALL
                        SELECT p.id, r.conversation_id, r.council_id, p.jpeg
                        FROM case_photo p JOIN resident_case r ON r.reference = p.case_reference
                        WHERE p.id = :id""")
                .param("id", id)
                .query((row, n) -> new StoredPhoto(
                        row.getString("id"),
                        row.getString("conversation_id"),
                        row.getString("council_id"),
                        row.getBytes("jpeg")))
                .optional();
    }
}
