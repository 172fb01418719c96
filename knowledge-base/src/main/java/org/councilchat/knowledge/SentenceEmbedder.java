package org.councilchat.knowledge;

import java.util.List;
import org.councilchat.knowledge.index.SentenceEmbeddings;

/**
 * The knowledge base's sentence-embedding model (all-MiniLM-L6-v2, in-process), for other modules that want
 * the meaning of a sentence as a vector: {@value #DIMENSIONS} floats of unit length, so a dot product is a
 * cosine. One model per JVM, shared with FAQ search; immutable and thread-safe.
 *
 * <p>NOTE: the first call loads the model (about 2 seconds and 90 MB); a short sentence then takes 2 to 15 ms
 * of one core to embed, depending on the CPU (about 2 ms with AVX-512 VNNI, 15 ms on an AMD EPYC without).
 */
public final class SentenceEmbedder {

    /** Length of every vector. */
    public static final int DIMENSIONS = SentenceEmbeddings.DIMENSIONS;

    private static final SentenceEmbedder SHARED = new SentenceEmbedder();

    private SentenceEmbedder() {}

    /** The shared embedder; the model itself is loaded on the first embedding. */
    public static SentenceEmbedder shared() {
        return SHARED;
    }

    /** The unit-length embedding of one text. */
    public float[] embed(String text) {
        return SentenceEmbeddings.shared().embed(text);
    }

    /** The embeddings of many texts, in order, several at a time on the model's threads. */
    public List<float[]> embedAll(List<String> texts) {
        return SentenceEmbeddings.shared().embedAll(texts);
    }
}
