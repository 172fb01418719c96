package org.councilchat.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.councilchat.engine.nlu.BlendedIntentClassifier;
import org.councilchat.engine.nlu.ModelFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * The intent model editors retrained last, kept in the database so that it serves on every server: the
 * server that trained it writes the model file's bytes, the others notice the newer revision within a second
 * or two and load those bytes rather than train again, and a server that starts later loads the newest. A
 * kept model serves only in place of the configured model it replaced, and only if it loads.
 */
final class KeptIntentModels implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KeptIntentModels.class);

    /** NOTE: one query for the newest revision a second; the model itself is read only when it changed. */
    private static final long FOLLOW_EVERY_MILLISECONDS = 1_000;

    private final JdbcClient jdbc;
    private final boolean sentenceEmbeddings;
    private final Clock clock;
    private final ScheduledExecutorService follower = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("intent-model-follower").factory());

    /** The newest revision this server has loaded, kept or set aside; guarded by {@code this}. */
    private long known;

    /** @param sentenceEmbeddings whether this server offers sentence embeddings, which some kept models read */
    KeptIntentModels(JdbcClient jdbc, boolean sentenceEmbeddings, Clock clock) {
        this.jdbc = jdbc;
        this.sentenceEmbeddings = sentenceEmbeddings;
        this.clock = clock;
    }

    /** A row of {@code retrained_intent_model}. */
    private record Kept(long revision, String replaces, byte[] modelFile) {}

    /**
     * The newest model editors kept, when it should serve in place of {@code configured}: it replaced that
     * model, it loads, and it does not read sentence embeddings that are switched off here.
     */
    synchronized Optional<ModelFile.Loaded> newest(ModelVersion configured) {
        Optional<Kept> newest = jdbc.sql("""
                        SELECT revision, replaces, model_file FROM retrained_intent_model
                        ORDER BY revision DESC FETCH FIRST 1 ROWS ONLY""")
                .query((row, rowNum) ->
                        new Kept(row.getLong("revision"), row.getString("replaces"), row.getBytes("model_file")))
                .optional();
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        Kept kept = newest.get();
        known = Math.max(known, kept.revision());
        if (!configured.id().equals(kept.replaces())) {
            log.info(
                    "The configured intent model {} is not the one editors last retrained over; it serves, not theirs",
                    configured.id());
            return Optional.empty();
        }
        String name = "retrained intent model revision " + kept.revision();
        try {
            ModelFile.Loaded loaded = ModelFile.load(new ByteArrayInputStream(kept.modelFile()), name);
            // Training leaves the embeddings out when they do not help; a model that reads them cannot serve
            // once they are switched off.
            if (loaded.header().sentenceEmbeddings() && !sentenceEmbeddings) {
                log.info(
                        "The retrained intent model {} reads sentence embeddings, which are now off; serving the"
                                + " configured one",
                        loaded.header().version().id());
                return Optional.empty();
            }
            return Optional.of(loaded);
        } catch (IOException | RuntimeException unreadable) {
            log.warn(
                    "Cannot load the {} ({}); serving the configured one",
                    name,
                    unreadable.getMessage() == null ? unreadable.toString() : unreadable.getMessage());
            return Optional.empty();
        }
    }

    /** Whether editors have kept any retrained model, as far as this server has looked. */
    synchronized boolean keptAny() {
        return known > 0;
    }

    /** Keeps a model editors retrained here, in place of {@code configured}, for this and every other server. */
    synchronized void keep(ModelVersion configured, IntentModel.Trained trained, ModelVersion version)
            throws IOException {
        if (!(trained.classifier() instanceof BlendedIntentClassifier classifier)) {
            throw new IllegalStateException("only the engine's own models can be kept");
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        ModelFile.write(classifier, version, file);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO retrained_intent_model (model_id, replaces, model_file, kept_at)
                        VALUES (?, ?, ?, ?)""")
                .params(version.id(), configured.id(), file.toByteArray(), OffsetDateTime.now(clock))
                .update(key, "revision");
        long revision = key.getKeyAs(Long.class);
        jdbc.sql("DELETE FROM retrained_intent_model WHERE revision < ?")
                .param(revision)
                .update();
        known = Math.max(known, revision);
        log.info("Kept the retrained intent model {}: it serves on every server, and after a restart", version.id());
    }

    /**
     * From now on, once a second off the request path, serves in {@code model} any newer model kept by another
     * server.
     */
    void follow(IntentModel model, ModelVersion configured) {
        follower.scheduleWithFixedDelay(
                () -> {
                    try {
                        catchUp(model, configured);
                    } catch (RuntimeException e) {
                        // The database may be restarting; the model serving now carries on and the next round retries.
                        log.warn("Could not check for a newer retrained intent model: {}", e.toString());
                    }
                },
                FOLLOW_EVERY_MILLISECONDS,
                FOLLOW_EVERY_MILLISECONDS,
                TimeUnit.MILLISECONDS);
    }

    /** Serves the newest kept model in {@code model} if another server kept one since this server last looked. */
    synchronized void catchUp(IntentModel model, ModelVersion configured) {
        long newest = jdbc.sql("SELECT COALESCE(MAX(revision), 0) FROM retrained_intent_model")
                .query(Long.class)
                .single();
        if (newest <= known) {
            return;
        }
        newest(configured).ifPresent(loaded -> {
            ModelVersion version = loaded.header().version();
            model.serve(loaded.classifier(), version);
            log.info("Intent model {} now serving, retrained by editors on another server", version.id());
        });
    }

    @Override
    public void close() {
        follower.shutdownNow();
    }
}
