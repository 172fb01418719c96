package org.councilchat.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.councilchat.engine.nlu.BlendedIntentClassifier;
import org.councilchat.engine.nlu.BlendedIntentClassifier.Settings;
import org.councilchat.engine.nlu.ModelFile;
import org.councilchat.engine.nlu.TrainingData;
import org.councilchat.engine.nlu.TrainingExample;
import org.councilchat.engine.nlu.TrainingFiles;
import org.councilchat.engine.nlu.evaluation.IntentScorer;

/**
 * Training, saving, loading and evaluating intent models from training files ({@code text,intent} CSV or
 * Rasa NLU YAML), for the offline commands. Needs no database or web server.
 */
public final class IntentModels {

    private IntentModels() {}

    /** A freshly trained model, its version (which names its training data) and how long it took. */
    public record TrainedModel(IntentClassifier classifier, ModelVersion version, double trainSeconds) {

        public int examples() {
            return version.examples();
        }

        public List<String> intents() {
            return List.copyOf(version.examplesPerIntent().keySet());
        }

        public boolean sentenceEmbeddings() {
            return version.sentenceEmbeddings();
        }
    }

    /**
     * Trains on all the files together, holding back a tenth of each intent to tune the calibration and
     * then training again on everything.
     *
     * @param sentenceEmbeddings offer the model sentence embeddings as features (it uses them if they help on
     *     the held-back tenth; the model file records whether it did)
     * @throws TrainingDataInvalid when a file is malformed, naming the file and line
     */
    public static TrainedModel train(List<Path> data, boolean sentenceEmbeddings, TrainingProgress progress)
            throws IOException {
        TrainingData all = TrainingFiles.readAll(data);
        long start = System.nanoTime();
        BlendedIntentClassifier classifier = BlendedIntentClassifier.train(
                all.examples(), null, Settings.DEFAULT.withSentenceEmbeddings(sentenceEmbeddings), progress);
        String source = data.stream().map(file -> file.getFileName().toString()).collect(Collectors.joining(", "));
        ModelVersion version = IntentModel.versionOf(all, source, Instant.now(), classifier.usesSentenceEmbeddings());
        return new TrainedModel(classifier, version, seconds(start));
    }

    /**
     * Writes a model trained by {@link #train} to a model file that records its version; the server loads
     * it with {@code council-chat.engine.intent-model=file:PATH}.
     */
    public static void save(TrainedModel model, Path file) throws IOException {
        ModelFile.write((BlendedIntentClassifier) model.classifier(), model.version(), file);
    }

    public static IntentClassifier load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return ModelFile.read(in, file.toString());
        }
    }

    /** The version recorded in a model file, read without loading the model. */
    public static ModelVersion versionOf(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return ModelFile.readHeader(in, file.toString()).version();
        }
    }

    /**
     * Trains on {@code train} (tuning on {@code val} when given, then training again on both), and scores
     * the model on {@code test} one message at a time.
     */
    public static IntentEvaluation evaluate(
            Path train, Path val, Path test, boolean sentenceEmbeddings, TrainingProgress progress) throws IOException {
        List<TrainingExample> training = TrainingFiles.read(train).examples();
        List<TrainingExample> tuning =
                val == null ? null : TrainingFiles.read(val).examples();
        List<TrainingExample> testing = TrainingFiles.read(test).examples();
        long start = System.nanoTime();
        BlendedIntentClassifier classifier = BlendedIntentClassifier.train(
                training, tuning, Settings.DEFAULT.withSentenceEmbeddings(sentenceEmbeddings), progress);
        double trainSeconds = seconds(start);
        return IntentScorer.score(classifier, testing, trainSeconds, BlendedIntentClassifier.OUT_OF_SCOPE);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
