package org.councilchat.engine.dialogue;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Keeps each conversation's {@link DialogueState} in the database, so it survives a restart. */
@Repository
public class DialogueStateStore {

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

    public DialogueState load(String conversationId) {
        return jdbc.sql("SELECT * FROM dialogue_state WHERE conversation_id = ?")
                .param(conversationId)
                .query((row, n) -> new DialogueState(
                        DialogueState.Awaiting.valueOf(row.getString("awaiting")),
                        DialogueState.Task.valueOf(row.getString("task")),
                        row.getString("wanted_stream"),
                        row.getString("postcode"),
                        row.getString("uprn"),
                        row.getString("address"),
                        row.getString("last_intent"),
                        row.getObject("last_confidence", Double.class),
                        row.getString("answered_faq_id"),
                        row.getString("missed_bin_reference"),
                        row.getInt("consecutive_failures"),
                        row.getString("contact_name"),
                        row.getString("contact_details"),
                        row.getString("case_reference"),
                        row.getString("safeguarding"),
                        row.getString("service"),
                        row.getString("feedback_question"),
                        row.getString("topic")))
                .optional()
                .orElse(DialogueState.NEW);
    }

    public void save(String conversationId, DialogueState state) {
        Object[] values = {
            state.awaiting().name(),
            state.postcode(),
            state.uprn(),
            state.address(),
            state.lastIntent(),
            state.lastConfidence(),
            state.answeredFaqId(),
            state.consecutiveFailures(),
            state.task().name(),
            state.missedBinReference(),
            state.wantedStream(),
            state.contactName(),
            state.contactDetails(),
            state.caseReference(),
            state.safeguarding(),
            state.service(),
            state.feedbackQuestion(),
            state.topic(),
            OffsetDateTime.now(clock),
            conversationId
        };
        int updated = jdbc.sql("""
                        UPDATE dialogue_state SET awaiting = ?, postcode = ?, uprn = ?, address = ?, last_intent = ?,
                          last_confidence = ?, answered_faq_id = ?, consecutive_failures = ?, task = ?, missed_bin_reference = ?, wanted_stream = ?,
                          contact_name = ?, contact_details = ?, case_reference = ?, safeguarding = ?, service = ?, feedback_question = ?,
                          topic = ?, updated_at = ?
                        WHERE conversation_id = ?""").params(values).update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO dialogue_state (awaiting, postcode, uprn, address, last_intent, last_confidence,
                              answered_faq_id, consecutive_failures, task, missed_bin_reference, wanted_stream, contact_name,
                              contact_details, case_reference, safeguarding, service, feedback_question, topic, updated_at, conversation_id)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""").params(values).update();
        }
    }
}
