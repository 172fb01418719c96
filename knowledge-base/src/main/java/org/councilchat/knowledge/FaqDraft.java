package org.councilchat.knowledge;

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
        String language) {

    public FaqDraft {
        phrasings = phrasings == null ? List.of() : List.copyOf(phrasings);
        language = language == null ? "en" : language;
    }
}
