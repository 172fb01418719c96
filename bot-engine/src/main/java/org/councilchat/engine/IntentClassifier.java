package org.councilchat.engine;

import java.util.Optional;
import java.util.Set;

/**
 * Recognises what a resident wants from their words. Implementations are immutable once built and safe to
 * call from many threads at once.
 */
public interface IntentClassifier {

    IntentRanking classify(String residentWords);

    /**
     * The intents this classifier can recognise, for checking the conversation rules against it; empty when
     * they are not known in advance (an external NLU server).
     */
    default Set<String> knownIntents() {
        return Set.of();
    }

    /**
     * Names the model classifying now, so that what it said about a text may be kept while that model serves;
     * empty when that is not known (an external NLU server, whose model may change at any time).
     */
    default Optional<String> modelVersion() {
        return Optional.empty();
    }
}
