package org.councilchat.knowledge.faq;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.councilchat.knowledge.Faq;
import org.councilchat.knowledge.FaqDraft;
import org.councilchat.knowledge.FaqReview;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Changes to FAQs waiting for a second editor (table {@code faq_review}), one per FAQ. */
@Repository
public class FaqReviewRepository {

    private final JdbcClient jdbc;

    public FaqReviewRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps the change as the FAQ's one waiting change, in place of any sent before. */
    public void put(FaqReview review) {
        FaqDraft change = review.change();
        jdbc.sql("DELETE FROM faq_review WHERE faq_id = ?").param(change.id()).update();
        jdbc.sql("""
                        INSERT INTO faq_review (faq_id, council_id, base_version, service_area, question, phrasings,
                          answer_html, source_url, language, owner, review_by, translation_of, sent_by, sent_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        change.id(),
                        change.councilId(),
                        review.baseVersion(),
                        change.serviceArea(),
                        change.question(),
                        String.join("\n", change.phrasings()),
                        change.answerHtml(),
                        change.sourceUrl(),
                        change.language(),
                        change.owner(),
                        change.reviewBy(),
                        change.translationOf(),
                        review.sentBy(),
                        review.sentAt())
                .update();
    }

    public Optional<FaqReview> find(String faqId) {
        return jdbc.sql("SELECT * FROM faq_review WHERE faq_id = ?")
                .param(faqId)
                .query(FaqReviewRepository::toReview)
                .optional();
    }

    /** The ids of the FAQs of these councils with a change waiting. */
    public List<String> waitingIn(Collection<String> councilIds) {
        if (councilIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT faq_id FROM faq_review WHERE council_id IN (:councils) ORDER BY sent_at")
                .param("councils", councilIds)
                .query(String.class)
                .list();
    }

    /**
     * Takes the change away if it is still the one sent at {@code sentAt}: false when another editor approved it,
     * sent it back or replaced it first, so two reviewers pressing at once publish it once.
     */
    public boolean take(String faqId, OffsetDateTime sentAt) {
        return jdbc.sql("DELETE FROM faq_review WHERE faq_id = ? AND sent_at = ?")
                        .params(faqId, sentAt)
                        .update()
                == 1;
    }

    /** Records on a version that it was published on review, sent by {@code sentBy}. */
    public void markReviewed(String faqId, int version, String sentBy) {
        jdbc.sql("UPDATE faq_version SET sent_for_review_by = ? WHERE faq_id = ? AND version = ?")
                .params(sentBy, faqId, version)
                .update();
    }

    /** Who sent each version of the FAQ that was published on review, by version. */
    public Map<Integer, String> sentForReview(String faqId) {
        Map<Integer, String> sent = new HashMap<>();
        jdbc.sql(
                        "SELECT version, sent_for_review_by FROM faq_version WHERE faq_id = ? AND sent_for_review_by IS NOT NULL")
                .param(faqId)
                .query(row -> {
                    sent.put(row.getInt("version"), row.getString("sent_for_review_by"));
                });
        return sent;
    }

    private static FaqReview toReview(ResultSet row, int rowNum) throws SQLException {
        String phrasings = row.getString("phrasings");
        FaqDraft change = new FaqDraft(
                row.getString("faq_id"),
                row.getString("service_area"),
                row.getString("question"),
                phrasings.isBlank() ? List.of() : Arrays.asList(phrasings.split("\n")),
                row.getString("answer_html"),
                row.getString("source_url"),
                Faq.FaqStatus.PUBLISHED,
                row.getString("language"),
                row.getString("owner"),
                row.getObject("review_by", LocalDate.class),
                row.getString("translation_of"),
                row.getString("council_id"));
        return new FaqReview(
                change,
                row.getInt("base_version"),
                row.getString("sent_by"),
                row.getObject("sent_at", OffsetDateTime.class));
    }
}
