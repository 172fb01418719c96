package org.councilchat.engine;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which intent model is answering: {@code id} is a short hash of the examples it learnt from, so the same
 * training data gives the same id whichever file or format it came in, and staff can tell two models apart.
 *
 * @param id twelve hex digits of the SHA-256 of the training examples (intent and text, in order)
 * @param trainedAt when training finished
 * @param source the training file or files, by name, or the model file it was loaded from
 * @param examplesPerIntent how many training examples each intent had, by intent name in alphabetical order
 * @param sentenceEmbeddings whether the model also reads each message's sentence embedding
 */
public record ModelVersion(
        String id,
        Instant trainedAt,
        String source,
        Map<String, Integer> examplesPerIntent,
        boolean sentenceEmbeddings) {

    public ModelVersion {
        examplesPerIntent = Collections.unmodifiableMap(new TreeMap<>(examplesPerIntent));
    }

    public int examples() {
        return examplesPerIntent.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int intents() {
        return examplesPerIntent.size();
    }
}
