package org.councilchat.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.councilchat.engine.nlu.TrainingData;
import org.councilchat.engine.nlu.TrainingExample;
import org.councilchat.engine.nlu.TrainingFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intent model the bot is using, which staff can retrain while residents chat. Every message is
 * classified by one whole model: a retraining runs on a thread of its own and its model replaces the old one
 * in a single step once it is complete. A training file that cannot be read, or fails the checks, is refused
 * with its line and reason, and the old model carries on serving. Safe to use from many threads at once.
 */
public final class IntentModel {

    private static final Logger log = LoggerFactory.getLogger(IntentModel.class);

    /**
     * Fewest examples an intent in an uploaded file may have. An intent with one or two is nearly always a
     * misspelt intent name ("bin_dya"), which would quietly take examples away from the real intent.
     */
    static final int MIN_EXAMPLES_PER_INTENT = 3;

    /** How a model is trained from examples: the engine's blended classifier, or a quick stand-in in tests. */
    @FunctionalInterface
    interface Trainer {
        Trained train(List<TrainingExample> examples, TrainingProgress progress);
    }

    /** A model fresh from a {@link Trainer}, and whether it reads sentence embeddings. */
    record Trained(IntentClassifier classifier, boolean sentenceEmbeddings) {}

    /** Keeps a retrained model so that it still serves after a restart. */
    @FunctionalInterface
    interface Keeper {

        /** For a server with nowhere to keep models: a retrained model serves until the restart. */
        Keeper NOWHERE = (trained, version) -> {};

        void keep(Trained trained, ModelVersion version) throws IOException;
    }

    private record Serving(IntentClassifier classifier, ModelVersion version) {}

    /**
     * The latest retraining: running (with the stage it has reached), serving its new model, or refused or
     * failed with the reason, for the editor's page.
     *
     * @param line the 1-based line of a refused file's problem, 0 when none or about the whole file
     * @param trained the version of the model it made, once it serves
     */
    public record Retraining(
            Status status,
            String source,
            Instant started,
            Instant finished,
            String stage,
            int done,
            int total,
            int line,
            String reason,
            ModelVersion trained) {

        public enum Status {
            RUNNING,
            SERVING,
            REFUSED,
            FAILED
        }

        static Retraining running(String source, Instant started) {
            return new Retraining(Status.RUNNING, source, started, null, "reading", 0, 0, 0, null, null);
        }

        static Retraining refused(TrainingDataInvalid invalid, Instant at) {
            return new Retraining(
                    Status.REFUSED, invalid.source(), at, at, null, 0, 0, invalid.line(), invalid.reason(), null);
        }

        Retraining progress(String stage, int done, int total) {
            return new Retraining(status, source, started, finished, stage, done, total, line, reason, trained);
        }

        Retraining serving(ModelVersion version, Instant at) {
            return new Retraining(Status.SERVING, source, started, at, null, 0, 0, 0, null, version);
        }

        Retraining failed(String why, Instant at) {
            return new Retraining(Status.FAILED, source, started, at, null, 0, 0, 0, why, null);
        }

        public boolean isRunning() {
            return status == Status.RUNNING;
        }

        /** How long it ran, or has been running until {@code now}. */
        public Duration took(Instant now) {
            return Duration.between(started, finished == null ? now : finished);
        }
    }

    private final AtomicReference<Serving> serving;
    private final AtomicReference<Retraining> retraining = new AtomicReference<>();
    private final Trainer trainer;
    private final Keeper keeper;
    private final Executor training;
    private final Clock clock;

    /**
     * @param training runs retrainings; one thread is enough, since only one may run at a time, and keeps
     *     the request threads free
     */
    IntentModel(
            IntentClassifier initial,
            ModelVersion version,
            Trainer trainer,
            Keeper keeper,
            Executor training,
            Clock clock) {
        this.serving = new AtomicReference<>(new Serving(initial, version));
        this.trainer = trainer;
        this.keeper = keeper;
        this.training = training;
        this.clock = clock;
    }

    /** Classifies with the model serving now; a retraining in progress does not hold it up. */
    public IntentRanking classify(String residentWords) {
        return serving.get().classifier().classify(residentWords);
    }

    /** The intents the model serving now can recognise. */
    public java.util.Set<String> knownIntents() {
        return serving.get().classifier().knownIntents();
    }

    /** The version of the model serving now. */
    public ModelVersion version() {
        return serving.get().version();
    }

    /**
     * Serves a model retrained elsewhere (by editors on another server) in place of the one serving now, in a
     * single step as a retraining's model would.
     */
    void serve(IntentClassifier classifier, ModelVersion version) {
        serving.set(new Serving(classifier, version));
    }

    /** Whether a retrained model is kept, so that it still serves after a restart. */
    public boolean keepsRetrainedModels() {
        return keeper != Keeper.NOWHERE;
    }

    /** The latest retraining since the start, if there was one. */
    public Optional<Retraining> lastRetraining() {
        return Optional.ofNullable(retraining.get());
    }

    /**
     * Reads and checks a training file at once, then trains a model from it on the training thread; the new
     * model serves as soon as it is complete. Reading a file is quick; training takes seconds to minutes.
     *
     * @param name the file's name: {@code .csv} ({@code text,intent}) or {@code .yml}/{@code .yaml} (Rasa NLU)
     * @return completes with the new version once it serves, or exceptionally if training failed (the old
     *     model then keeps serving)
     * @throws TrainingDataInvalid the file is malformed or fails the checks, naming the line where it can;
     *     nothing changes but {@link #lastRetraining()}
     * @throws RetrainingAlreadyRunning another retraining has not finished yet
     */
    public synchronized CompletableFuture<ModelVersion> retrain(InputStream file, String name) throws IOException {
        Retraining current = retraining.get();
        if (current != null && current.isRunning()) {
            throw new RetrainingAlreadyRunning(current.source());
        }
        TrainingData data;
        try {
            byte[] bytes = file.readAllBytes();
            data = TrainingFiles.read(new ByteArrayInputStream(bytes), name);
            check(data, name, new String(bytes, StandardCharsets.UTF_8));
        } catch (TrainingDataInvalid invalid) {
            retraining.set(Retraining.refused(invalid, clock.instant()));
            log.warn(
                    "Refused intent training file {}{}; the model {} keeps serving",
                    invalid.source(),
                    invalid.line() > 0 ? " at line " + invalid.line() : "",
                    version().id());
            throw invalid;
        }
        Retraining started = Retraining.running(name, clock.instant());
        retraining.set(started);
        CompletableFuture<ModelVersion> done = new CompletableFuture<>();
        try {
            training.execute(() -> train(data, name, started, done));
        } catch (RuntimeException rejected) {
            retraining.set(started.failed("the training thread is not running", clock.instant()));
            done.completeExceptionally(rejected);
        }
        return done;
    }

    private void train(TrainingData data, String name, Retraining started, CompletableFuture<ModelVersion> done) {
        // Only one retraining runs at a time, so a running one is this one.
        TrainingProgress progress = (stage, finished, total) -> retraining.updateAndGet(
                now -> now != null && now.isRunning() ? now.progress(stage, finished, total) : now);
        try {
            Trained trained = trainer.train(data.examples(), progress);
            ModelVersion version = versionOf(data, name, clock.instant(), trained.sentenceEmbeddings());
            serving.set(new Serving(trained.classifier(), version));
            retraining.set(retraining.get().serving(version, version.trainedAt()));
            try {
                keeper.keep(trained, version);
            } catch (IOException | RuntimeException unkept) {
                log.warn(
                        "Cannot keep the retrained intent model {} ({}); it serves until the server restarts",
                        version.id(),
                        describe(unkept));
            }
            log.info(
                    "Intent model {} now serving: {} examples of {} intents from {}, trained in {} s",
                    version.id(),
                    version.examples(),
                    version.intents(),
                    name,
                    started.took(version.trainedAt()).toSeconds());
            done.complete(version);
        } catch (RuntimeException | Error e) {
            retraining.set(retraining.get().failed(describe(e), clock.instant()));
            log.warn(
                    "Retraining the intent model from {} failed; the model {} keeps serving",
                    name,
                    version().id(),
                    e);
            done.completeExceptionally(e);
        }
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * What every training file must pass beyond being well formed: examples of at least two intents, and
     * enough of each to be a real intent rather than a typing mistake.
     */
    static void check(TrainingData data, String name, String text) throws TrainingDataInvalid {
        List<TrainingExample> examples = data.examples().stream()
                .filter(example -> !example.text().isBlank())
                .toList();
        if (examples.isEmpty()) {
            throw new TrainingDataInvalid(name, 0, "there are no training examples");
        }
        Map<String, Integer> counts = TrainingData.of(examples).examplesPerIntent();
        if (counts.size() < 2) {
            throw new TrainingDataInvalid(name, 0, "examples of at least two intents are needed, there is only one");
        }
        for (Map.Entry<String, Integer> intent : counts.entrySet()) {
            if (intent.getValue() < MIN_EXAMPLES_PER_INTENT) {
                throw new TrainingDataInvalid(
                        name,
                        firstLineOf(intent.getKey(), text),
                        "the intent \"" + intent.getKey() + "\" has only " + intent.getValue() + " example"
                                + (intent.getValue() == 1 ? "" : "s") + "; every intent needs at least "
                                + MIN_EXAMPLES_PER_INTENT + " (is its name misspelt?)");
            }
        }
    }

    /**
     * The first line that labels an example with {@code intent}: a CSV line ending in it, or a Rasa
     * {@code - intent:} line; 0 if none is found. The parsers do not keep line numbers for examples that
     * were well formed, and a file that passed them is simple enough to search.
     */
    static int firstLineOf(String intent, String text) {
        Pattern labelled = Pattern.compile("(?:,|intent:)\\s*[\"']?" + Pattern.quote(intent) + "[\"']?\\s*$");
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            if (labelled.matcher(lines[i]).find()) {
                return i + 1;
            }
        }
        return 0;
    }

    static ModelVersion versionOf(TrainingData data, String source, Instant trainedAt, boolean sentenceEmbeddings) {
        return new ModelVersion(data.contentHash(), trainedAt, source, data.examplesPerIntent(), sentenceEmbeddings);
    }
}
