package org.councilchat.knowledge;

import java.time.LocalDate;
import java.util.List;

/** What an editor (or an import) submits to create or change an FAQ. */
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
        LocalDate reviewBy) {

    public FaqDraft {
        phrasings = phrasings == null ? List.of() : List.copyOf(phrasings);
        language = language == null ? "en" : language;
        owner = owner == null || owner.isBlank() ? null : owner.strip();
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
        this(id, serviceArea, question, phrasings, answerHtml, sourceUrl, status, language, null, null);
    }
}
