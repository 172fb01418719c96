package org.councilchat.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The intent model the server starts with: a model file from {@code nlu train}, or the training data, trained
 * once and kept by version in the model directory, unless editors retrained it: their model is kept in the
 * database and serves on every server sharing it. Each says in the log which version serves.
 */
@ExtendWith(OutputCaptureExtension.class)
class EngineConfigurationTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T06:00:00Z"), ZoneOffset.UTC);

    private static final String TRAINING = """
            text,intent
            when is my bin day,bin_day
            what day are the bins collected,bin_day
            bins for MB1 1AA,bin_day
            which bin goes out this week,bin_day
            hello,greet
            hi there,greet
            good morning,greet
            hiya,greet
            """;

    private static final String RETRAINING = TRAINING + """
            my bin was missed,missed_bin
            the bin men didn't come,missed_bin
            bins not collected today,missed_bin
            """;

    @TempDir
    Path folder;

    /** One database for the test, shared by every "server" it starts, as a cluster's nodes share one. */
    private JdbcClient database;

    @BeforeEach
    void database() {
        DriverManagerDataSource dataSource =
                new DriverManagerDataSource("jdbc:h2:mem:engine-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure()
                .locations("classpath:db/migration/engine")
                .dataSource(dataSource)
                .load()
                .migrate();
        database = JdbcClient.create(dataSource);
    }

    @AfterEach
    void dropDatabase() {
        database.sql("SHUTDOWN").update();
    }

    @Test
    void servesTheModelFileFromNluTrainAndLogsItsVersion(CapturedOutput log) throws IOException {
        Path data = Files.writeString(folder.resolve("council.csv"), TRAINING);
        Path file = folder.resolve("council.model");
        IntentModels.TrainedModel trained = IntentModels.train(List.of(data), false, TrainingProgress.SILENT);
        IntentModels.save(trained, file);

        IntentModel model = intentModel(Map.of("council-chat.engine.intent-model", "file:" + file));

        assertThat(model.version()).isEqualTo(trained.version());
        assertThat(IntentModels.versionOf(file)).isEqualTo(trained.version());
        assertThat(model.classify("when do the bins go out").top().intent()).isEqualTo("bin_day");
        assertThat(log.getOut())
                .contains("Intent model " + trained.version().id() + " serving")
                .contains("on 8 examples of 2 intents from council.csv");
    }

    @Test
    void trainsTheDataAtTheFirstStartAndLoadsTheKeptModelAtTheNext(CapturedOutput log) throws IOException {
        Path data = Files.writeString(folder.resolve("council.csv"), TRAINING);
        Map<String, String> settings = wordsOnly(data);

        ModelVersion first = intentModel(settings).version();
        assertThat(log.getOut()).contains("Trained the intent model").doesNotContain("trained earlier");
        ModelVersion next = intentModel(settings).version();

        assertThat(next).isEqualTo(first);
        assertThat(folder.resolve("models/intents-" + first.id() + "-words.model"))
                .exists();
        assertThat(log.getOut()).contains("Loaded the intent model trained earlier on this data");
    }

    @Test
    void trainsOnEnglishAndWelshFilesAsOneSetNamedLikeOneFile(CapturedOutput log) throws IOException {
        String welsh = """
                text,intent
                pryd mae diwrnod bin,bin_day
                pa ddiwrnod mae'r biniau,bin_day
                pryd mae fy min i,bin_day
                casgliad bin MB2 4DF,bin_day
                shwmae,greet
                bore da,greet
                helo sut mae,greet
                prynhawn da,greet
                """;
        Path english = Files.writeString(folder.resolve("council.csv"), TRAINING);
        Path cymraeg = Files.writeString(folder.resolve("council-cy.csv"), welsh);
        Path together =
                Files.writeString(folder.resolve("together.csv"), TRAINING + welsh.substring(welsh.indexOf('\n') + 1));

        IntentModel bilingual = intentModel(Map.of(
                "council-chat.engine.training-data",
                "file:" + english + ",file:" + cymraeg,
                "council-chat.engine.sentence-embeddings",
                "false"));
        IntentModel oneFile = intentModel(wordsOnly(together));

        assertThat(bilingual.version().examples()).isEqualTo(16);
        // the same examples in the same order are the same training data, however many files they came in
        assertThat(bilingual.version().id()).isEqualTo(oneFile.version().id());
        assertThat(bilingual.classify("pa ddiwrnod mae fy min").top().intent()).isEqualTo("bin_day");
        assertThat(bilingual.classify("shwmae bore da").top().intent()).isEqualTo("greet");
        assertThat(log.getOut()).contains("from council.csv, council-cy.csv");
    }

    @Test
    void aModelEditorsRetrainedStillServesAfterARestart(CapturedOutput log) throws Exception {
        Path data = Files.writeString(folder.resolve("council.csv"), TRAINING);
        // Sentence embeddings allowed: on so little data training leaves them out, and the model still serves.
        Map<String, String> settings = Map.of(
                "council-chat.engine.training-data",
                "file:" + data,
                "council-chat.engine.model-directory",
                folder.resolve("models").toString());
        IntentModel model = intentModel(settings);
        ModelVersion configured = model.version();

        ModelVersion retrained = editorsRetrain(model);
        IntentModel afterRestart = intentModel(settings);

        assertThat(retrained).isNotEqualTo(configured);
        assertThat(afterRestart.version()).isEqualTo(retrained);
        assertThat(afterRestart.classify("my bin was missed").top().intent()).isEqualTo("missed_bin");
        assertThat(log.getOut())
                .contains("Kept the retrained intent model " + retrained.id())
                .contains(
                        "Serving the intent model editors retrained from editors.csv in place of the configured model "
                                + configured.id());
    }

    @Test
    void newTrainingDataFromTheDeploymentReplacesWhatEditorsRetrained(CapturedOutput log) throws Exception {
        Path data = Files.writeString(folder.resolve("council.csv"), TRAINING);
        editorsRetrain(intentModel(wordsOnly(data)));

        Files.writeString(data, TRAINING + "hey,greet\n");
        IntentModel afterUpgrade = intentModel(wordsOnly(data));

        assertThat(afterUpgrade.version().examples()).isEqualTo(9);
        assertThat(afterUpgrade.knownIntents()).doesNotContain("missed_bin");
        assertThat(log.getOut()).contains("is not the one editors last retrained over");
    }

    @Test
    void aDamagedRetrainedModelFallsBackToTheConfiguredOne(CapturedOutput log) throws Exception {
        Path data = Files.writeString(folder.resolve("council.csv"), TRAINING);
        IntentModel model = intentModel(wordsOnly(data));
        ModelVersion configured = model.version();
        ModelVersion retrained = editorsRetrain(model);

        database.sql("UPDATE retrained_intent_model SET model_file = ?")
                .param("not a model".getBytes(StandardCharsets.UTF_8))
                .update();

        assertThat(retrained).isNotEqualTo(configured);
        assertThat(intentModel(wordsOnly(data)).version()).isEqualTo(configured);
        assertThat(log.getOut()).contains("Cannot load the retrained intent model");
    }

    @Test
    void aModelEditorsRetrainedOnOneServerServesOnAnotherWithoutTrainingAgain(CapturedOutput log) throws Exception {
        Path data = Files.writeString(folder.resolve("council.csv"), TRAINING);
        IntentModel nodeA = intentModel(wordsOnly(data));
        IntentModel nodeB = intentModel(wordsOnly(data));
        ModelVersion configured = nodeB.version();

        ModelVersion retrained = editorsRetrain(nodeA);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (nodeB.version().equals(configured) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(nodeB.version()).isEqualTo(retrained);
        assertThat(nodeB.classify("my bin was missed").top().intent()).isEqualTo("missed_bin");
        assertThat(nodeB.lastRetraining()).as("node B trained nothing itself").isEmpty();
        assertThat(log.getOut()).contains("Intent model " + retrained.id() + " now serving, retrained by editors");
    }

    @Test
    void aModelKeptInTheModelDirectoryByAnEarlierVersionStillServes() throws Exception {
        Path data = Files.writeString(folder.resolve("council.csv"), TRAINING);
        ModelVersion configured = intentModel(wordsOnly(data)).version();
        Path retraining = Files.writeString(folder.resolve("editors.csv"), RETRAINING);
        IntentModels.TrainedModel earlier = IntentModels.train(List.of(retraining), false, TrainingProgress.SILENT);
        String name = "intents-" + earlier.version().id() + "-words.model";
        IntentModels.save(earlier, folder.resolve("models").resolve(name));
        Files.writeString(
                folder.resolve("models/retrained.properties"),
                "model=" + name + "\nreplaces=" + configured.id() + "\n");

        assertThat(intentModel(wordsOnly(data)).version()).isEqualTo(earlier.version());
    }

    /** An editor uploads editors.csv at /editor/model; returns once the new model serves. */
    private static ModelVersion editorsRetrain(IntentModel model) throws Exception {
        return model.retrain(new ByteArrayInputStream(RETRAINING.getBytes(StandardCharsets.UTF_8)), "editors.csv")
                .get(2, TimeUnit.MINUTES);
    }

    private Map<String, String> wordsOnly(Path data) {
        return Map.of(
                "council-chat.engine.training-data",
                "file:" + data,
                "council-chat.engine.model-directory",
                folder.resolve("models").toString(),
                "council-chat.engine.sentence-embeddings",
                "false");
    }

    /** Starts a server's intent model over the test's database, as the application does. */
    private IntentModel intentModel(Map<String, String> settings) {
        // Unless a test keeps models, each trains afresh: nothing is kept between tests or runs.
        Map<String, String> withDefaults = new java.util.HashMap<>(Map.of("council-chat.engine.model-directory", ""));
        withDefaults.putAll(settings);
        EngineProperties properties = new Binder(new MapConfigurationPropertySource(withDefaults))
                .bindOrCreate("council-chat.engine", EngineProperties.class);
        EngineConfiguration configuration = new EngineConfiguration();
        KeptIntentModels kept = configuration.keptIntentModels(database, properties, CLOCK);
        started.add(kept);
        return configuration.intentModel(properties, new DefaultResourceLoader(), CLOCK, kept);
    }

    private final List<KeptIntentModels> started = new ArrayList<>();

    @AfterEach
    void stopFollowing() {
        started.forEach(KeptIntentModels::close);
    }
}
