package org.councilchat.engine;

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
    default java.util.Set<String> knownIntents() {
        return java.util.Set.of();
    }

    /**
     * Names the model classifying now, so that what it said about a text may be kept while that model serves;
     * empty when that is not known (an external NLU server, whose model may change at any time).
     */
    default java.util.Optional<String> modelVersion() {
        return java.util.Optional.empty();
    }
}
