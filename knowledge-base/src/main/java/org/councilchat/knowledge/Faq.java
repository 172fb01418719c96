package org.councilchat.knowledge;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.councilchat.councils.Council;

/**
 * One question a resident might ask, with the council's answer. {@code answerHtml} is always within the
 * safe subset (p, ul, ol, li, a[href], strong, em, h3, h4, simple tables): it is cleaned on every save.
 *
 * @param translationOf the id of the FAQ in the other language that this one translates, or null: a Welsh FAQ
 *     names its English original, so that the two are one answer in two languages
 * @param councilId the council whose answer this is: residents of that council's site are answered from it, and
 *     only its editors see or change it. Ids are unique across councils.
 */
public record Faq(
        String id,
        String serviceArea,
        String question,
        List<String> phrasings,
        String answerHtml,
        String sourceUrl,
        FaqStatus status,
        String language,
        int version,
        OffsetDateTime updatedAt,
        String updatedBy,
        String owner,
        LocalDate reviewBy,
        String translationOf,
        String councilId) {

    public Faq {
        phrasings = List.copyOf(phrasings);
        councilId = councilId == null ? Council.DEFAULT_ID : councilId;
    }

    /** An FAQ of a deployment of one council (evaluations, tests). */
    public Faq(
            String id,
            String serviceArea,
            String question,
            List<String> phrasings,
            String answerHtml,
            String sourceUrl,
            FaqStatus status,
            String language,
            int version,
            OffsetDateTime updatedAt,
            String updatedBy,
            String owner,
            LocalDate reviewBy,
            String translationOf) {
        this(
                id,
                serviceArea,
                question,
                phrasings,
                answerHtml,
                sourceUrl,
                status,
                language,
                version,
                updatedAt,
                updatedBy,
                owner,
                reviewBy,
                translationOf,
                null);
    }

    /** An FAQ that translates no other. */
    public Faq(
            String id,
            String serviceArea,
            String question,
            List<String> phrasings,
            String answerHtml,
            String sourceUrl,
            FaqStatus status,
            String language,
            int version,
            OffsetDateTime updatedAt,
            String updatedBy,
            String owner,
            LocalDate reviewBy) {
        this(
                id,
                serviceArea,
                question,
                phrasings,
                answerHtml,
                sourceUrl,
                status,
                language,
                version,
                updatedAt,
                updatedBy,
                owner,
                reviewBy,
                null);
    }

    /** An FAQ nobody has taken ownership of or set a review date for. */
    public Faq(
            String id,
            String serviceArea,
            String question,
            List<String> phrasings,
            String answerHtml,
            String sourceUrl,
            FaqStatus status,
            String language,
            int version,
            OffsetDateTime updatedAt,
            String updatedBy) {
        this(
                id,
                serviceArea,
                question,
                phrasings,
                answerHtml,
                sourceUrl,
                status,
                language,
                version,
                updatedAt,
                updatedBy,
                null,
                null);
    }

    /** True when the review date has come: the answer may be out of date. */
    public boolean reviewDue(LocalDate today) {
        return reviewBy != null && !reviewBy.isAfter(today);
    }

    /** Where an FAQ is in its life: only published FAQs are searched. */
    public enum FaqStatus {
        DRAFT,
        PUBLISHED,
        ARCHIVED
    }
}
