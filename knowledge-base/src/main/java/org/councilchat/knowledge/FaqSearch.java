package org.councilchat.knowledge;

import java.util.List;
import java.util.Optional;

/**
 * Ranked FAQs for one resident question. {@link #confidentAnswer()} is present only when the best hit
 * clears the configured threshold; below it the bot should clarify or hand over rather than guess.
 *
 * @param askedIn the language the resident asked in ({@code en} or {@code cy}); a hit may be in another when
 *     the council has no FAQ in that language that answers the question
 */
public record FaqSearch(List<FaqMatch> hits, double threshold, String askedIn) {

    public FaqSearch {
        hits = List.copyOf(hits);
        askedIn = askedIn == null ? "en" : askedIn;
    }

    /** A search of English words. */
    public FaqSearch(List<FaqMatch> hits, double threshold) {
        this(hits, threshold, "en");
    }

    /**
     * True when the confident answer is in another language than the question: a Welsh question that only an
     * English FAQ answers. The resident should be told, and editors shown the missing translation.
     */
    public boolean answerIsInAnotherLanguage() {
        return confidentAnswer()
                .filter(best -> !best.faq().language().equals(askedIn))
                .isPresent();
    }

    public Optional<FaqMatch> confidentAnswer() {
        return hits.stream().findFirst().filter(best -> best.confidence() >= threshold);
    }
}
