package org.councilchat.knowledge;

import java.util.List;
import java.util.Optional;

/**
 * Ranked FAQs for one resident question. {@link #confidentAnswer()} is present only when the best hit
 * clears the configured threshold; below it the bot should clarify or hand over rather than guess.
 */
public record FaqSearch(List<FaqMatch> hits, double threshold) {

    public FaqSearch {
        hits = List.copyOf(hits);
    }

    public Optional<FaqMatch> confidentAnswer() {
        return hits.stream().findFirst().filter(best -> best.confidence() >= threshold);
    }
}
