package org.councilchat.knowledge;

import java.time.LocalDate;
import java.util.List;

/**
 * What an editor (or an import) submits to create or change an FAQ.
 *
 * @param translationOf the id of the FAQ in the other language this one translates, or null
 * @param councilId the council whose FAQ it is; null for the first council (a deployment of one, an import that
 *     names none). An FAQ never moves to another council.
 */
public record FaqDraft(
        String id,
        String serviceArea,
        String question,
        List<String> phrasings,
        String answerHtml,
        String sourceUrl,
        Faq.FaqStatus status,
        String language,
        String owner,
        LocalDate reviewBy,
        String translationOf,
        String councilId) {

    public FaqDraft {
        phrasings = phrasings == null ? List.of() : List.copyOf(phrasings);
        language = language == null ? "en" : language;
        owner = owner == null || owner.isBlank() ? null : owner.strip();
        translationOf = translationOf == null || translationOf.isBlank() ? null : translationOf.strip();
    }

    /** A draft of the first council's. */
    public FaqDraft(
            String id,
            String serviceArea,
            String question,
            List<String> phrasings,
            String answerHtml,
            String sourceUrl,
            Faq.FaqStatus status,
            String language,
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
                owner,
                reviewBy,
                translationOf,
                null);
    }

    /** What a saved FAQ (or one of its versions) says, as a draft to save again. */
    public static FaqDraft of(Faq faq) {
        return new FaqDraft(
                faq.id(),
                faq.serviceArea(),
                faq.question(),
                faq.phrasings(),
                faq.answerHtml(),
                faq.sourceUrl(),
                faq.status(),
                faq.language(),
                faq.owner(),
                faq.reviewBy(),
                faq.translationOf(),
                faq.councilId());
    }

    /** This draft with another status. */
    public FaqDraft withStatus(Faq.FaqStatus other) {
        return new FaqDraft(
                id,
                serviceArea,
                question,
                phrasings,
                answerHtml,
                sourceUrl,
                other,
                language,
                owner,
                reviewBy,
                translationOf,
                councilId);
    }

    /** This draft, for a council. */
    public FaqDraft forCouncil(String council) {
        return new FaqDraft(
                id,
                serviceArea,
                question,
                phrasings,
                answerHtml,
                sourceUrl,
                status,
                language,
                owner,
                reviewBy,
                translationOf,
                council);
    }

    /** A draft that translates no other FAQ. */
    public FaqDraft(
            String id,
            String serviceArea,
            String question,
            List<String> phrasings,
            String answerHtml,
            String sourceUrl,
            Faq.FaqStatus status,
            String language,
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
                owner,
                reviewBy,
                null,
                null);
    }

    /** A draft without an owner or a review date. */
    public FaqDraft(
            String id,
            String serviceArea,
            String question,
            List<String> phrasings,
            String answerHtml,
            String sourceUrl,
            Faq.FaqStatus status,
            String language) {
        this(id, serviceArea, question, phrasings, answerHtml, sourceUrl, status, language, null, null, null, null);
    }
}
