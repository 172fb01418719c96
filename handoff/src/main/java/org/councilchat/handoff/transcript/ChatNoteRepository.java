package org.councilchat.handoff.transcript;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.councilchat.handoff.ChatNote;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Staff notes on conversations, in their own table so no query for a resident's transcript can include them. */
@Repository
public class ChatNoteRepository {

    private final JdbcClient jdbc;

    public ChatNoteRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores a note after the conversation's latest message; the conversation must exist (a foreign key
     * ensures it).
     */
    public ChatNote add(
            String conversationId,
            ChatNote.Kind kind,
            String authorUsername,
            String authorName,
            String text,
            Instant now) {
        long afterSeq = jdbc.sql("SELECT last_seq FROM conversation WHERE id = ?")
                .param(conversationId)
                .query(Long.class)
                .single();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO chat_note (conversation_id, kind, after_seq, author_username, author_name, body, written_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        conversationId,
                        kind.name(),
                        afterSeq,
                        authorUsername,
                        authorName,
                        text,
                        now.atOffset(ZoneOffset.UTC))
                .update(key, "id");
        return new ChatNote(
                key.getKeyAs(Number.class).longValue(), conversationId, kind, afterSeq, authorName, text, now);
    }

    /** Every note on the conversation, oldest first. */
    public List<ChatNote> of(String conversationId) {
        return jdbc.sql("SELECT * FROM chat_note WHERE conversation_id = ? ORDER BY id")
                .param(conversationId)
                .query((row, n) -> new ChatNote(
                        row.getLong("id"),
                        row.getString("conversation_id"),
                        ChatNote.Kind.valueOf(row.getString("kind")),
                        row.getLong("after_seq"),
                        row.getString("author_name"),
                        row.getString("body"),
                        row.getObject("written_at", OffsetDateTime.class).toInstant()))
                .list();
    }
}
