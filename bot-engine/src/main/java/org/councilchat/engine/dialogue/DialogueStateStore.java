package org.councilchat.engine.dialogue;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps each conversation's {@link DialogueState} in the database, so it survives a restart: as one JSON document
 * of the record's fields, so a new field is one edit of the record. A field the document lacks (written before
 * the field existed) reads as null, or 0; one this version does not know (written by a newer server during a
 * rolling upgrade) is ignored.
 */
@Repository
public class DialogueStateStore {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // A state stored before a field was added has none: false, 0 (addressChosen: ask again, the safe side).
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final JdbcClient jdbc;
    private final Clock clock;

    public DialogueStateStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Deletes what the bot learned in conversations not touched since {@code cutoff}; returns how many. */
    public int forgetBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM dialogue_state WHERE updated_at < ?")
                .param(cutoff.atOffset(ZoneOffset.UTC))
                .update();
    }

    /** Deletes what the bot learned in these conversations; returns how many had something. */
    public int forget(List<String> conversationIds) {
        int forgotten = 0;
        for (int from = 0; from < conversationIds.size(); from += 500) {
            forgotten += jdbc.sql("DELETE FROM dialogue_state WHERE conversation_id IN (:ids)")
                    .param("ids", conversationIds.subList(from, Math.min(conversationIds.size(), from + 500)))
                    .update();
        }
        return forgotten;
    }

    public DialogueState load(String conversationId) {
        return jdbc.sql("SELECT document FROM dialogue_state WHERE conversation_id = ?")
                .param(conversationId)
                .query(String.class)
                .optional()
                .map(document -> JSON.readValue(document, DialogueState.class))
                .orElse(DialogueState.NEW);
    }

    public void save(String conversationId, DialogueState state) {
        String document = JSON.writeValueAsString(state);
        OffsetDateTime now = OffsetDateTime.now(clock);
        int updated = jdbc.sql("UPDATE dialogue_state SET document = ?, updated_at = ? WHERE conversation_id = ?")
                .params(document, now, conversationId)
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO dialogue_state (conversation_id, document, updated_at) VALUES (?, ?, ?)")
                    .params(conversationId, document, now)
                    .update();
        }
    }
}
