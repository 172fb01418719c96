package org.councilchat.knowledge;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Questions residents asked that got no confident answer, or an answer they said did not help, grouped because
 * they ask the same thing. The words are redacted.
 *
 * @param typicalQuestion the question most like the others: a good start for a new FAQ's question
 * @param otherQuestions the group's other distinct wordings, most recent first (a good start for its phrasings)
 * @param asked how many times residents asked it
 * @param didNotHelp FAQs the bot gave that residents said did not help, if any
 * @param language the language residents asked in ({@code en} or {@code cy}); questions are grouped only with
 *     questions in the same language, since an FAQ answers in one
 */
public record ContentGap(
        String typicalQuestion,
        List<String> otherQuestions,
        int asked,
        OffsetDateTime firstAsked,
        OffsetDateTime lastAsked,
        List<Faq> didNotHelp,
        String language) {

    public ContentGap {
        otherQuestions = List.copyOf(otherQuestions);
        didNotHelp = List.copyOf(didNotHelp);
    }
}
