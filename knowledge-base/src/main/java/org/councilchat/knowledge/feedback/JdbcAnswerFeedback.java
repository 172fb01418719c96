package org.councilchat.knowledge.feedback;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.councilchat.knowledge.AnswerFeedback;
import org.councilchat.knowledge.TypedText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Residents' feedback in the database, their words redacted before they are written. Recording never throws at
 * the chat: a resident's conversation matters more than a lost data point.
 */
@Repository
public class JdbcAnswerFeedback implements AnswerFeedback {

    /**
     * What came of a question: no confident FAQ, the resident's yes or no to the FAQ given, or an English FAQ
     * given to a Welsh question because no Welsh one answers it.
     */
    public enum Outcome {
        UNANSWERED,
        HELPED,
        NOT_HELPED,
        ANSWERED_IN_ENGLISH
    }

    /** One stored question; {@code faqId} is the FAQ given, null when none was. */
    public record Asked(OffsetDateTime at, Outcome outcome, String faqId, String words, String language) {}

    /** How often an FAQ helped and did not. */
    public record Counts(int helped, int notHelped) {}

    private static final int WORDS_LENGTH = 2000;
    private static final Logger log = LoggerFactory.getLogger(JdbcAnswerFeedback.class);

    private final JdbcClient jdbc;
    private final Clock clock;

    public JdbcAnswerFeedback(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void unanswered(String councilId, String residentWords, String language) {
        store(councilId, Outcome.UNANSWERED, null, residentWords, language);
    }

    @Override
    public void rated(String councilId, String faqId, boolean helped, String residentWords, String language) {
        store(councilId, helped ? Outcome.HELPED : Outcome.NOT_HELPED, faqId, residentWords, language);
    }

    @Override
    public void answeredOnlyInEnglish(String councilId, String faqId, String residentWords, String language) {
        store(councilId, Outcome.ANSWERED_IN_ENGLISH, faqId, residentWords, language);
    }

    private void store(String councilId, Outcome outcome, String faqId, String residentWords, String language) {
        String words = TypedText.strip(Redaction.redact(residentWords));
        if (TypedText.isBlank(words)) {
            if (outcome == Outcome.UNANSWERED || outcome == Outcome.ANSWERED_IN_ENGLISH) {
                // Nothing an editor could read: no gap at all.
                return;
            }
            // The rating still counts for its FAQ; the gaps page shows no words it cannot read.
            words = "";
        }
        if (words.length() > WORDS_LENGTH) {
            words = words.substring(0, WORDS_LENGTH);
        }
        String lang =
                language == null || language.isBlank() ? "en" : language.substring(0, Math.min(5, language.length()));
        try {
            jdbc.sql("""
                            INSERT INTO answer_feedback (council_id, asked_at, outcome, faq_id, resident_words,
                              language)
                            VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(councilId, OffsetDateTime.now(clock), outcome.name(), faqId, words, lang)
                    .update();
        } catch (RuntimeException e) {
            // The words stay out of the log: they are personal data.
            log.warn(
                    "Could not record a resident's feedback ({}): {}",
                    outcome,
                    e.getClass().getSimpleName());
        }
    }

    /**
     * Unanswered questions, unhelpful answers and Welsh questions answered in English since {@code since}, newest
     * first, at most {@code limit}.
     */
    public List<Asked> gapsSince(OffsetDateTime since, int limit, Collection<String> councilIds) {
        if (councilIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT * FROM answer_feedback
                        WHERE outcome IN ('UNANSWERED', 'NOT_HELPED', 'ANSWERED_IN_ENGLISH') AND asked_at >= :since
                          AND council_id IN (:councils)
                        ORDER BY asked_at DESC, id DESC LIMIT :limit""")
                .param("since", since)
                .param("councils", List.copyOf(councilIds))
                .param("limit", limit)
                .query((row, n) -> new Asked(
                        row.getObject("asked_at", OffsetDateTime.class),
                        Outcome.valueOf(row.getString("outcome")),
                        row.getString("faq_id"),
                        row.getString("resident_words"),
                        row.getString("language")))
                .list();
    }

    /** Helped and not-helped counts of every rated FAQ. */
    public Map<String, Counts> ratings() {
        Map<String, Counts> counts = new HashMap<>();
        jdbc.sql("""
                        SELECT faq_id,
                          SUM(CASE WHEN outcome = 'HELPED' THEN 1 ELSE 0 END) AS helped,
                          SUM(CASE WHEN outcome = 'NOT_HELPED' THEN 1 ELSE 0 END) AS not_helped
                        FROM answer_feedback WHERE faq_id IS NOT NULL GROUP BY faq_id""").query(row -> {
            counts.put(row.getString("faq_id"), new Counts(row.getInt("helped"), row.getInt("not_helped")));
        });
        return counts;
    }

    /** Deletes everything asked before {@code cutoff}; returns how many questions went. */
    public int purgeBefore(OffsetDateTime cutoff) {
        return jdbc.sql("DELETE FROM answer_feedback WHERE asked_at < ?")
                .param(cutoff)
                .update();
    }
}
