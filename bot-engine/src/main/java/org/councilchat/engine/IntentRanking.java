package org.councilchat.engine;

import java.util.List;

/** Every intent the classifier knows, most likely first; the confidences sum to one. */
public record IntentRanking(List<IntentScore> scores) {

    public IntentRanking {
        if (scores.isEmpty()) {
            throw new IllegalArgumentException("A ranking needs at least one intent");
        }
        scores = List.copyOf(scores);
    }

    public IntentScore top() {
        return scores.getFirst();
    }

    /** True when the top intent is {@code intent} with at least {@code confidence}. */
    public boolean is(String intent, double confidence) {
        return top().intent().equals(intent) && top().confidence() >= confidence;
    }
}
