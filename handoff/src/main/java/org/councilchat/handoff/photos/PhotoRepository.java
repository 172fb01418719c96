package org.councilchat.handoff.photos;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code chat_photo} table: each photo's JPEG, kept until its conversation is deleted. */
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

    public void delete(String id) {
        jdbc.sql("DELETE FROM chat_photo WHERE id = ?").param(id).update();
    }

    /** How many photos this conversation has had since {@code since}. */
    public int sentSince(String conversationId, Instant since) {
        return jdbc.sql("SELECT COUNT(*) FROM chat_photo WHERE conversation_id = ? AND sent_at >= ?")
                .params(conversationId, since.atOffset(ZoneOffset.UTC))
                .query(Integer.class)
                .single();
    }

    public Optional<StoredPhoto> find(String id) {
        return jdbc.sql("""
                        SELECT p.id, p.conversation_id, c.council_id, p.jpeg
                        FROM chat_photo p JOIN conversation c ON c.id = p.conversation_id
                        WHERE p.id = ?""")
                .param(id)
                .query((row, n) -> new StoredPhoto(
                        row.getString("id"),
                        row.getString("conversation_id"),
                        row.getString("council_id"),
                        row.getBytes("jpeg")))
                .optional();
    }
}
