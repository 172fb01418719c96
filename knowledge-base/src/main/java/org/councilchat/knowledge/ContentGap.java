package org.councilchat.knowledge;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Questions residents asked that got no confident answer, or an answer they said did not help, or (asked in
 * Welsh) only an English answer, grouped because they ask the same thing. The words are redacted.
 *
 * @param typicalQuestion the question most like the others: a good start for a new FAQ's question
 * @param otherQuestions the group's other distinct wordings, most recent first (a good start for its phrasings)
 * @param asked how many times residents asked it
 * @param didNotHelp FAQs the bot gave that residents said did not help, if any
 * @param language the language residents asked in ({@code en} or {@code cy}); questions are grouped only with
 *     questions in the same language, since an FAQ answers in one
 * @param reason why the questions are a gap; questions are grouped only with questions of the same reason
 * @param onlyInEnglish for {@link Reason#NO_WELSH_VERSION}, the English FAQs the bot gave, each wanting a Welsh
 *     version
 */
public record ContentGap(
        String typicalQuestion,
        List<String> otherQuestions,
        int asked,
        OffsetDateTime firstAsked,
        OffsetDateTime lastAsked,
        List<Faq> didNotHelp,
        String language,
        Reason reason,
        List<Faq> onlyInEnglish) {

    /** Why residents' questions are a gap. */
    public enum Reason {
        /** No FAQ answered confidently, or the one given did not help. */
        NO_ANSWER,
        /** Asked in Welsh and answered from an English FAQ that has no Welsh version ({@code onlyInEnglish}). */
        NO_WELSH_VERSION
    }

    public ContentGap {
        otherQuestions = List.copyOf(otherQuestions);
        didNotHelp = List.copyOf(didNotHelp);
        onlyInEnglish = List.copyOf(onlyInEnglish);
    }

    /** A gap of questions no FAQ answered, or answered unhelpfully. */
    public ContentGap(
            String typicalQuestion,
            List<String> otherQuestions,
            int asked,
            OffsetDateTime firstAsked,
            OffsetDateTime lastAsked,
            List<Faq> didNotHelp,
            String language) {
        this(
                typicalQuestion,
                otherQuestions,
                asked,
                firstAsked,
                lastAsked,
                didNotHelp,
                language,
                Reason.NO_ANSWER,
                List.of());
    }
}
