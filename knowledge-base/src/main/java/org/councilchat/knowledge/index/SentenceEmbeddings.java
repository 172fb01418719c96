package org.councilchat.knowledge.index;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * Sentence embeddings from all-MiniLM-L6-v2 (quantised ONNX, shipped inside the langchain4j artifact and
 * run in-process by ONNX Runtime: nothing is downloaded). Sentences that mean the same thing get vectors
 * close together even when they share no words. Vectors are unit length, so a dot product is a cosine.
 *
 * <p>NOTE: the model takes about 2 seconds and 90 MB to load, and one short sentence about 3 ms to embed on
 * one core; it is loaded once per JVM, on first use, and shared (it is immutable and thread-safe).
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
                    shared = embeddings = new SentenceEmbeddings(MiniLm.load());
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

    /**
     * all-MiniLM-L6-v2 as langchain4j ships it, but with ONNX Runtime on one thread per embedding. Its
     * default spreads one short sentence over every core, which on a busy 2-core server made the slowest
     * searches 5 to 10 times slower than the typical one; one thread each keeps the tail short and lets
     * concurrent searches (and the batches of an index rebuild) use the other cores instead.
     */
    private static final class MiniLm extends AbstractInProcessEmbeddingModel {

        private static final String MODEL = "all-minilm-l6-v2-q.onnx";
        private static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";

        private final OnnxBertBiEncoder encoder;

        private MiniLm(OnnxBertBiEncoder encoder, Executor batches) {
            super(batches);
            this.encoder = encoder;
        }

        static MiniLm load() {
            ClassLoader classes = MiniLm.class.getClassLoader();
            try (InputStream model = classes.getResourceAsStream(MODEL);
                    InputStream tokenizer = classes.getResourceAsStream(TOKENIZER);
                    OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                if (model == null || tokenizer == null) {
                    throw new IllegalStateException("The sentence-embedding model is missing from the class path");
                }
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                OrtEnvironment environment = OrtEnvironment.getEnvironment();
                OrtSession session = environment.createSession(model.readAllBytes(), options);
                Executor batches =
                        Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), runnable -> {
                            Thread thread = new Thread(runnable, "sentence-embeddings");
                            thread.setDaemon(true);
                            return thread;
                        });
                return new MiniLm(new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN), batches);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the sentence-embedding model", e);
            } catch (OrtException e) {
                throw new IllegalStateException("Cannot start the sentence-embedding model", e);
            }
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }
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
