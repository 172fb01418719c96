package org.councilchat.engine.nlu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.councilchat.engine.IntentRanking;
import org.councilchat.engine.IntentScore;
import org.councilchat.engine.ModelVersion;
import org.councilchat.engine.TrainingProgress;
import org.councilchat.engine.nlu.BlendedIntentClassifier.Settings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The built-in intent classifier (OpenNLP maxent blended with linear SVMs), trained on a tiny inline corpus as
 * OpenNLP's own doccat tests do.
 */
class BlendedIntentClassifierTests {

    private static final Map<String, List<String>> CORPUS = Map.of(
            "bin_day",
            List.of(
                    "when is my bin day",
                    "what day are the bins collected",
                    "which day is bin collection",
                    "when do you collect my rubbish",
                    "when is recycling collected",
                    "bin collection day",
                    "what day do the bin men come",
                    "when should I put my bins out"),
            "speak_to_person",
            List.of(
                    "I want to speak to a person",
                    "can I talk to someone",
                    "speak to a human",
                    "put me through to an advisor",
                    "I need a real person",
                    "talk to staff please",
                    "connect me to an agent",
                    "let me speak to customer services"),
            "council_tax",
            List.of(
                    "how do I pay my council tax",
                    "council tax band",
                    "can I get a council tax discount",
                    "set up a direct debit for council tax",
                    "I cannot afford my council tax bill",
                    "council tax reduction",
                    "how much council tax do I pay",
                    "moving house council tax"),
            "greet",
            List.of("hello", "hi", "hi there", "good morning", "hey", "hello there", "good afternoon", "hiya"));

    private static BlendedIntentClassifier classifier;

    @TempDir
    Path folder;

    @BeforeAll
    static void train() {
        List<TrainingExample> examples = new ArrayList<>();
        CORPUS.forEach((intent, texts) -> texts.forEach(text -> examples.add(new TrainingExample(text, intent))));
        classifier = BlendedIntentClassifier.train(examples);
    }

    @ParameterizedTest
    @CsvSource({
        "which day do you empty the bins, bin_day",
        "when are bins collected on my street, bin_day",
        "could I speak to a real human, speak_to_person",
        "put me through to a person please, speak_to_person",
        "I want to pay council tax, council_tax",
        "what band is my council tax, council_tax",
        "hello good morning, greet"
    })
    void recognisesParaphrasesItWasNotTrainedOn(String residentWords, String intent) {
        assertThat(classifier.classify(residentWords).top().intent()).isEqualTo(intent);
    }

    @Test
    void recognisesMisspelledWords() {
        assertThat(classifier.classify("wen is my bin colection").top().intent())
                .isEqualTo("bin_day");
        assertThat(classifier.classify("councel tax").top().intent()).isEqualTo("council_tax");
    }

    @Test
    void ranksEveryIntentMostLikelyFirstWithConfidencesSummingToOne() {
        IntentRanking ranking = classifier.classify("when is my bin day");

        assertThat(ranking.scores())
                .extracting(IntentScore::intent)
                .containsExactlyInAnyOrderElementsOf(CORPUS.keySet());
        assertThat(ranking.scores())
                .extracting(IntentScore::confidence)
                .allSatisfy(confidence -> assertThat(confidence).isBetween(0.0, 1.0))
                .isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(ranking.scores().stream()
                        .mapToDouble(IntentScore::confidence)
                        .sum())
                .isCloseTo(1.0, within(1e-6));
        assertThat(ranking.is("bin_day", 0.5)).isTrue();
    }

    @Test
    void emptyOrPunctuationOnlyTextStillGetsARanking() {
        for (String nothing : new String[] {"", "   ", "?!", null}) {
            IntentRanking ranking = classifier.classify(nothing);
            assertThat(ranking.scores()).hasSize(CORPUS.size());
            assertThat(ranking.top().confidence())
                    .as("no intent should be sure of nothing")
                    .isLessThan(0.9);
        }
    }

    @Test
    void givesTheSameAnswersFromManyThreadsAtOnceAsFromOne() throws Exception {
        List<String> questions = List.of(
                "when is my bin day",
                "can I talk to someone",
                "council tax band",
                "hello",
                "wen is my bin colection",
                "put me through to an advisor",
                "I cannot afford my council tax bill",
                "good morning");
        Map<String, IntentRanking> sequential =
                questions.stream().collect(Collectors.toMap(Function.identity(), classifier::classify));

        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                Callable<List<String>> worker = () -> {
                    start.await();
                    List<String> wrong = new ArrayList<>();
                    for (int i = 0; i < 200; i++) {
                        String question = questions.get((i + offset) % questions.size());
                        if (!classifier.classify(question).equals(sequential.get(question))) {
                            wrong.add(question);
                        }
                    }
                    return wrong;
                };
                results.add(pool.submit(worker));
            }
            start.countDown();
            for (Future<List<String>> result : results) {
                assertThat(result.get())
                        .as("rankings that differed from the sequential ones")
                        .isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSavedModelRanksExactlyAsTheOneThatWasTrained() throws Exception {
        Path file = folder.resolve("intents.model");
        ModelFile.write(classifier, versionOf(classifier, 32), file);

        BlendedIntentClassifier loaded;
        try (InputStream in = Files.newInputStream(file)) {
            loaded = ModelFile.read(in, file.toString());
        }
        for (String question : List.of("when is my bin day", "speak to a human", "councel tax", "", "hiya")) {
            assertThat(loaded.classify(question)).isEqualTo(classifier.classify(question));
        }
        assertThat(loaded.calibration()).isEqualTo(classifier.calibration());
    }

    @Test
    void aSavedModelRecordsWhetherItUsesSentenceEmbeddings() throws Exception {
        List<TrainingExample> train = clincSlice("train.csv");
        BlendedIntentClassifier withEmbeddings = BlendedIntentClassifier.train(train);
        BlendedIntentClassifier withoutEmbeddings = BlendedIntentClassifier.train(
                train, null, Settings.DEFAULT.withSentenceEmbeddings(false), TrainingProgress.SILENT);

        assertThat(withEmbeddings.usesSentenceEmbeddings()).isTrue();
        assertThat(withoutEmbeddings.usesSentenceEmbeddings()).isFalse();
        for (BlendedIntentClassifier trained : List.of(withEmbeddings, withoutEmbeddings)) {
            Path file = folder.resolve("clinc-" + trained.usesSentenceEmbeddings() + ".model");
            ModelFile.write(trained, versionOf(trained, train.size()), file);
            try (InputStream in = Files.newInputStream(file)) {
                assertThat(ModelFile.readHeader(in, file.toString()).sentenceEmbeddings())
                        .isEqualTo(trained.usesSentenceEmbeddings());
            }
            BlendedIntentClassifier loaded;
            try (InputStream in = Files.newInputStream(file)) {
                loaded = ModelFile.read(in, file.toString());
            }
            assertThat(loaded.embeddingScale()).isEqualTo(trained.embeddingScale());
            for (String question : List.of("what's the weather in paris", "who painted the mona lisa", "balance")) {
                assertThat(loaded.classify(question)).isEqualTo(trained.classify(question));
            }
        }
    }

    @Test
    void embeddingsAddTheSentenceAsDenseColumnsAfterTheWords() {
        TextFeatures.SparseVector words = new TextFeatures.SparseVector(new int[] {2, 7}, new float[] {0.6f, 0.8f});

        TextFeatures.SparseVector both =
                BlendedIntentClassifier.withEmbedding(words, new float[] {0.5f, -0.5f, 0f}, 2.0, 10);

        assertThat(both.index()).containsExactly(2, 7, 10, 11, 12);
        assertThat(both.value()).containsExactly(0.6f, 0.8f, 1.0f, -1.0f, 0f);
    }

    @Test
    void refusesAFileThatIsNotAModel() throws Exception {
        Path file = Files.writeString(folder.resolve("notes.model"), "text,intent\nhello,greet\n");
        assertThatIOException()
                .isThrownBy(() -> ModelFile.read(Files.newInputStream(file), "notes.model"))
                .withMessageContaining("notes.model is not a Council Chat intent model");
    }

    @Test
    void ranksUnsureMessagesOutOfScopeWhenTheDataHasAnOutOfScopeIntent() throws Exception {
        List<TrainingExample> train = clincSlice("train.csv");
        BlendedIntentClassifier withOutOfScope = BlendedIntentClassifier.train(train);

        assertThat(withOutOfScope.intents()).contains(BlendedIntentClassifier.OUT_OF_SCOPE);
        assertThat(withOutOfScope
                        .classify("what is the weather like in london today")
                        .top()
                        .intent())
                .isEqualTo("weather");
        assertThat(withOutOfScope
                        .classify("how much money is in my checking account")
                        .top()
                        .intent())
                .isEqualTo("balance");
        IntentRanking unrelated = withOutOfScope.classify("who painted the mona lisa");
        assertThat(unrelated.top().intent()).isEqualTo(BlendedIntentClassifier.OUT_OF_SCOPE);
        assertThat(unrelated.scores().stream()
                        .mapToDouble(IntentScore::confidence)
                        .sum())
                .isCloseTo(1.0, within(1e-6));
    }

    static List<TrainingExample> clincSlice(String file) throws IOException {
        try (InputStream csv = BlendedIntentClassifierTests.class.getResourceAsStream("/nlu/clinc150-slice/" + file)) {
            return TrainingCsv.read(csv, file);
        }
    }

    /** A version for a model file, as if {@code examples} examples of one intent had trained it. */
    private static ModelVersion versionOf(BlendedIntentClassifier classifier, int examples) {
        return new ModelVersion(
                "0123456789ab",
                Instant.parse("2026-11-30T06:00:00Z"),
                "test.csv",
                Map.of("bin_day", examples),
                classifier.usesSentenceEmbeddings());
    }
}
