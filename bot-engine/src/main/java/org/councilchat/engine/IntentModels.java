package org.councilchat.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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
     * Trains once on all the {@code train} files together (tuning on all the {@code val} files together when
     * there are any, then training again on both), and scores the model on each {@code test} file separately,
     * one message at a time, so English and Welsh figures come from the same model.
     *
     * @return one evaluation per test file, in the order given
     */
    public static List<IntentEvaluation> evaluate(
            List<Path> train, List<Path> val, List<Path> test, boolean sentenceEmbeddings, TrainingProgress progress)
            throws IOException {
        List<TrainingExample> training = TrainingFiles.readAll(train).examples();
        List<TrainingExample> tuning =
                val.isEmpty() ? null : TrainingFiles.readAll(val).examples();
        List<List<TrainingExample>> testing = new ArrayList<>();
        for (Path file : test) {
            testing.add(TrainingFiles.read(file).examples());
        }
        long start = System.nanoTime();
        BlendedIntentClassifier classifier = BlendedIntentClassifier.train(
                training, tuning, Settings.DEFAULT.withSentenceEmbeddings(sentenceEmbeddings), progress);
        double trainSeconds = seconds(start);
        return testing.stream()
                .map(examples ->
                        IntentScorer.score(classifier, examples, trainSeconds, BlendedIntentClassifier.OUT_OF_SCOPE))
                .toList();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
