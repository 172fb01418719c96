package org.councilchat.engine;

/**
 * Recognises what a resident wants from their words. Implementations are immutable once built and safe to
 * call from many threads at once.
 */
public interface IntentClassifier {

    IntentRanking classify(String residentWords);
}
