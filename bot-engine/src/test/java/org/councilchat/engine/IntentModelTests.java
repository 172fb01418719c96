package org.councilchat.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.councilchat.engine.IntentModel.Retraining;
import org.councilchat.engine.nlu.TrainingExample;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The swappable intent model, with stand-in models that answer every message with one intent, so each test
 * knows which model answered: the old one until a retraining is complete, then the new one.
 */
class IntentModelTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T06:00:00Z"), ZoneOffset.UTC);

    private static final String GOOD = """
            text,intent
            when is my bin day,bin_day
            bins,bin_day
            what day are the bins collected,bin_day
            speak to a person,speak_to_person
            can i talk to someone,speak_to_person
            human please,speak_to_person
            """;

    private final ExecutorService trainingThread = Executors.newSingleThreadExecutor();

    /** Opened by a test to let a blocked stand-in training finish. */
    private final CountDownLatch finishTraining = new CountDownLatch(1);

    @AfterEach
    void stopTraining() {
        finishTraining.countDown();
        trainingThread.shutdownNow();
    }

    @Test
    void newModelServesOnceRetrainingIsComplete() throws Exception {
        IntentModel model = startedWith("old_model", trainerAnswering("new_model", false));

        ModelVersion trained = model.retrain(csv(GOOD), "council.csv").get(10, TimeUnit.SECONDS);

        assertThat(model.classify("anything").top().intent()).isEqualTo("new_model");
        assertThat(model.version()).isEqualTo(trained);
        assertThat(trained.examplesPerIntent())
                .containsExactly(Map.entry("bin_day", 3), Map.entry("speak_to_person", 3));
        assertThat(trained.source()).isEqualTo("council.csv");
        assertThat(trained.id()).hasSize(12).isNotEqualTo("old-version0");
        assertThat(model.lastRetraining()).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(Retraining.Status.SERVING);
            assertThat(r.trained()).isEqualTo(trained);
        });
    }

    @Test
    void versionIsTheSameForTheSameExamplesInAnotherFormat() throws Exception {
        IntentModel model = startedWith("old_model", trainerAnswering("new_model", false));
        ModelVersion fromCsv = model.retrain(csv(GOOD), "council.csv").get(10, TimeUnit.SECONDS);
        String yaml = """
                version: "3.1"
                nlu:
                - intent: bin_day
                  examples: |
                    - when is my bin day
                    - bins
                    - what day are the bins collected
                - intent: speak_to_person
                  examples: |
                    - speak to a person
                    - can i talk to someone
                    - human please
                """;

        ModelVersion fromYaml = model.retrain(csv(yaml), "council.yml").get(10, TimeUnit.SECONDS);
        ModelVersion changed = model.retrain(csv(GOOD + "bin day please,bin_day\n"), "council.csv")
                .get(10, TimeUnit.SECONDS);

        assertThat(fromYaml.id()).isEqualTo(fromCsv.id());
        assertThat(changed.id()).isNotEqualTo(fromCsv.id());
    }

    @Test
    void malformedFileIsRefusedWithItsLineAndTheOldModelKeepsServing() throws Exception {
        IntentModel model = startedWith("old_model", trainerAnswering("new_model", false));
        String broken = GOOD + "\"an unterminated quote,bin_day\n";

        assertThatThrownBy(() -> model.retrain(csv(broken), "council.csv"))
                .isInstanceOfSatisfying(
                        TrainingDataInvalid.class,
                        invalid -> assertThat(invalid.line()).isEqualTo(8));

        assertThat(model.classify("anything").top().intent()).isEqualTo("old_model");
        assertThat(model.version().id()).isEqualTo("old-version0");
        assertThat(model.lastRetraining()).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(Retraining.Status.REFUSED);
            assertThat(r.source()).isEqualTo("council.csv");
            assertThat(r.line()).isEqualTo(8);
            assertThat(r.reason()).isNotBlank();
        });
    }

    @Test
    void misspeltIntentWithFewExamplesIsRefusedAtItsFirstLine() {
        IntentModel model = startedWith("old_model", trainerAnswering("new_model", false));
        String typo = GOOD + "when are the bins,bin_dya\n";

        assertThatThrownBy(() -> model.retrain(csv(typo), "council.csv"))
                .isInstanceOfSatisfying(TrainingDataInvalid.class, invalid -> {
                    assertThat(invalid.line()).isEqualTo(8);
                    assertThat(invalid.reason()).contains("\"bin_dya\"", "only 1 example");
                });
        assertThat(model.classify("when are the bins").top().intent()).isEqualTo("old_model");
    }

    @Test
    void fileOfOneIntentIsRefused() {
        IntentModel model = startedWith("old_model", trainerAnswering("new_model", false));

        assertThatThrownBy(
                        () -> model.retrain(csv("text,intent\nbins,bin_day\nbin day,bin_day\nbin,bin_day\n"), "a.csv"))
                .isInstanceOfSatisfying(
                        TrainingDataInvalid.class,
                        invalid -> assertThat(invalid.reason()).contains("two intents"));
    }

    @Test
    void failedTrainingKeepsTheOldModelAndSaysWhy() throws Exception {
        IntentModel model = startedWith("old_model", (examples, progress) -> {
            throw new IllegalArgumentException("There are no training examples with words in them");
        });

        CompletableFuture<ModelVersion> retraining = model.retrain(csv(GOOD), "council.csv");

        assertThatThrownBy(() -> retraining.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(model.classify("anything").top().intent()).isEqualTo("old_model");
        assertThat(model.lastRetraining()).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(Retraining.Status.FAILED);
            assertThat(r.reason()).contains("no training examples");
        });
    }

    @Test
    void messagesAreAnsweredByTheOldModelWhileRetrainingRunsAndByTheNewOneAfter() throws Exception {
        IntentModel model = startedWith("old_model", trainerAnswering("new_model", true));
        ExecutorService residents = Executors.newFixedThreadPool(4);
        AtomicBoolean swapped = new AtomicBoolean();
        try {
            CompletableFuture<ModelVersion> retraining = model.retrain(csv(GOOD), "council.csv");
            assertThat(model.lastRetraining())
                    .hasValueSatisfying(r -> assertThat(r.isRunning()).isTrue());

            // Residents chat throughout; none may see anything but a whole old or a whole new model, and
            // once the swap is seen, never the old one again on that thread.
            List<Future<List<String>>> chats = new ArrayList<>();
            for (int resident = 0; resident < 4; resident++) {
                chats.add(residents.submit(() -> {
                    List<String> answers = new ArrayList<>();
                    while (!swapped.get() || answers.size() < 50) {
                        answers.add(model.classify("when is my bin day").top().intent());
                    }
                    answers.add(model.classify("when is my bin day").top().intent());
                    return answers;
                }));
            }
            Thread.sleep(100);
            assertThat(model.classify("bins").top().intent()).isEqualTo("old_model");
            assertThatThrownBy(() -> model.retrain(csv(GOOD), "again.csv"))
                    .isInstanceOf(RetrainingAlreadyRunning.class);

            finishTraining.countDown();
            retraining.get(10, TimeUnit.SECONDS);
            swapped.set(true);

            for (Future<List<String>> chat : chats) {
                List<String> answers = chat.get(10, TimeUnit.SECONDS);
                assertThat(answers).containsOnly("old_model", "new_model");
                int firstNew = answers.indexOf("new_model");
                assertThat(answers.subList(firstNew, answers.size())).containsOnly("new_model");
                assertThat(answers.getLast()).isEqualTo("new_model");
            }
        } finally {
            residents.shutdownNow();
        }
    }

    @Test
    void findsTheLineThatLabelsAnIntentInCsvAndRasaYaml() {
        assertThat(IntentModel.firstLineOf("bin_dya", "text,intent\nbins,bin_day\n\"bins, please\",bin_dya\n"))
                .isEqualTo(3);
        assertThat(IntentModel.firstLineOf("greet", "nlu:\n- intent: bin_day\n  examples: |\n- intent: greet\n"))
                .isEqualTo(4);
        assertThat(IntentModel.firstLineOf("greet", "text,intent\nhello,greeting\n"))
                .isZero();
    }

    private IntentModel startedWith(String intent, IntentModel.Trainer trainer) {
        ModelVersion first =
                new ModelVersion("old-version0", CLOCK.instant(), "foundation.csv", Map.of(intent, 1), false);
        return new IntentModel(answering(intent), first, trainer, IntentModel.Keeper.NOWHERE, trainingThread, CLOCK);
    }

    /** A trainer whose model answers {@code intent}; when {@code blocks}, it waits for the test to let it finish. */
    private IntentModel.Trainer trainerAnswering(String intent, boolean blocks) {
        return (List<TrainingExample> examples, TrainingProgress progress) -> {
            progress.update("svm", 0, 2);
            if (blocks) {
                try {
                    finishTraining.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            progress.update("svm", 2, 2);
            return new IntentModel.Trained(answering(intent), false);
        };
    }

    private static IntentClassifier answering(String intent) {
        return words -> new IntentRanking(List.of(new IntentScore(intent, 1.0)));
    }

    private static InputStream csv(String text) throws IOException {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
