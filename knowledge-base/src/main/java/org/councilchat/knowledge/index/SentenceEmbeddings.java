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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sentence embeddings from all-MiniLM-L6-v2 (quantised ONNX, shipped inside the langchain4j artifact and
 * run in-process by ONNX Runtime: nothing is downloaded). Sentences that mean the same thing get vectors
 * close together even when they share no words. Vectors are unit length, so a dot product is a cosine.
 *
 * <p>NOTE: the model takes about 2 seconds and 90 MB to load, and one short sentence 2 to 15 ms of one core to
 * embed, depending on the CPU (about 2 ms with AVX-512 VNNI, 15 ms on an AMD EPYC without); it is loaded once
 * per JVM, on first use, and shared (it is immutable and thread-safe).
 */
public final class SentenceEmbeddings {

    /** Length of every vector. */
    public static final int DIMENSIONS = 384;

    /** Name of the threads that embed ahead on spare cores (benchmarks measure their CPU time). */
    public static final String AHEAD_THREAD = "sentence-embeddings-ahead";

    private static volatile SentenceEmbeddings shared;

    /**
     * How many of the latest texts are remembered. A resident's message is read by the intent model and then by
     * FAQ search within the same turn: remembering the last few embeds it once. Few enough that a benchmark's
     * warm-up never answers its timed queries. A plain least-recently-used map rather than Caffeine (used for the
     * larger caches): Caffeine's bound is kept by eviction after the fact, which a cache of four cannot afford.
     */
    private static final int RECENT = 4;

    private final EmbeddingModel model;
    private final ExecutorService spareCores;
    private final Map<String, float[]> recent = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > RECENT;
        }
    };

    private SentenceEmbeddings(EmbeddingModel model) {
        this.model = model;
        int spare = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        // A short queue, dropping what overflows: a task nobody ran is simply run by its caller.
        this.spareCores = new ThreadPoolExecutor(
                spare,
                spare,
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(4 * spare),
                runnable -> {
                    Thread thread = new Thread(runnable, AHEAD_THREAD);
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.DiscardPolicy());
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

    /** The unit-length embedding of one text. */
    public float[] embed(String text) {
        float[] known;
        synchronized (recent) {
            known = recent.get(text);
        }
        if (known == null) {
            known = unit(model.embed(text).content().vector());
            synchronized (recent) {
                recent.put(text, known);
            }
        }
        return known.clone();
    }

    /**
     * Starts embedding a text on a spare core and returns at once, so that the caller can do other work
     * meanwhile (FAQ search looks up the words while the model reads the sentence). If no spare core has
     * started it by the time {@link Pending#await} is called, the caller embeds it itself: on a busy server
     * nothing waits in a queue, and nothing is embedded twice.
     */
    public Pending embedAhead(String text) {
        Pending pending = new Pending(this, text);
        spareCores.execute(pending::runIfUnclaimed);
        return pending;
    }

    /** An embedding started by {@link #embedAhead}. */
    public static final class Pending {

        private final SentenceEmbeddings embeddings;
        private final String text;
        private final AtomicBoolean claimed = new AtomicBoolean();
        private final CompletableFuture<float[]> vector = new CompletableFuture<>();

        private Pending(SentenceEmbeddings embeddings, String text) {
            this.embeddings = embeddings;
            this.text = text;
        }

        private void runIfUnclaimed() {
            if (claimed.compareAndSet(false, true)) {
                try {
                    vector.complete(embeddings.embed(text));
                } catch (RuntimeException | Error e) {
                    vector.completeExceptionally(e);
                }
            }
        }

        /** The unit-length embedding, computed here if no spare core has begun it. */
        public float[] await() {
            runIfUnclaimed();
            try {
                return vector.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                if (e.getCause() instanceof Error cause) {
                    throw cause;
                }
                throw e;
            }
        }
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
