package org.councilchat.knowledge.index;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.List;

/**
 * Sentence embeddings from all-MiniLM-L6-v2 (quantised ONNX, shipped inside the langchain4j artifact and
 * run in-process by ONNX Runtime: nothing is downloaded). Sentences that mean the same thing get vectors
 * close together even when they share no words. Vectors are unit length, so a dot product is a cosine.
 *
 * <p>NOTE: the model takes about 2 seconds and 90 MB to load, and one short sentence about 5 to 10 ms to
 * embed on one core; it is loaded once per JVM, on first use, and shared (it is immutable and thread-safe).
 */
public final class SentenceEmbeddings {

    /** Length of every vector. */
    public static final int DIMENSIONS = 384;

    private static volatile SentenceEmbeddings shared;

    private final EmbeddingModel model;

    private SentenceEmbeddings(EmbeddingModel model) {
        this.model = model;
    }

    /** The model, loaded on first call. */
    public static SentenceEmbeddings shared() {
        SentenceEmbeddings embeddings = shared;
        if (embeddings == null) {
            synchronized (SentenceEmbeddings.class) {
                embeddings = shared;
                if (embeddings == null) {
                    shared = embeddings = new SentenceEmbeddings(new AllMiniLmL6V2QuantizedEmbeddingModel());
                }
            }
        }
        return embeddings;
    }

    public float[] embed(String text) {
        return unit(model.embed(text).content().vector());
    }

    /** Embeds many texts, several at a time on the model's threads. */
    public List<float[]> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        return model.embedAll(segments).content().stream()
                .map(Embedding::vector)
                .map(SentenceEmbeddings::unit)
                .toList();
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static float[] unit(float[] vector) {
        double norm = Math.sqrt(dot(vector, vector));
        if (norm == 0) {
            return vector;
        }
        float[] unit = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            unit[i] = (float) (vector[i] / norm);
        }
        return unit;
    }
}
