package org.councilchat.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.councilchat.councils.Council;
import org.councilchat.councils.Councils;
import org.councilchat.engine.dialogue.ContactCentreHours;
import org.councilchat.engine.dialogue.CouncilOpeningHours;
import org.councilchat.engine.nlu.BlendedIntentClassifier;
import org.councilchat.engine.nlu.BlendedIntentClassifier.Settings;
import org.councilchat.engine.nlu.ModelFile;
import org.councilchat.engine.nlu.TrainingData;
import org.councilchat.engine.nlu.TrainingFiles;
import org.councilchat.engine.rules.ConversationRules;
import org.councilchat.engine.rules.CouncilConversationRules;
import org.councilchat.engine.rules.LiveConversationRules;
import org.councilchat.engine.triggers.HandoffTriggers;
import org.councilchat.knowledge.BinCollections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Builds the intent model when the application starts: loads the configured model file, or else trains on
 * the configured training data (the shipped council set by default; half a minute or so on two cores, once
 * per version of the data when a model directory is set). Also reads the
 * handoff trigger phrases and the contact centre's hours, so a mistake in either stops the start-up.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EngineProperties.class)
class EngineConfiguration {

    /** In the model directory: which model editors retrained last, and which configured model it replaced. */
    private static final String RETRAINED = "retrained.properties";

    private static final String MODEL = "model";
    private static final String REPLACES = "replaces";

    private static final Logger log = LoggerFactory.getLogger(EngineConfiguration.class);

    @Bean
    HandoffTriggers handoffTriggers(EngineProperties properties, ResourceLoader resources) {
        if (properties.emergencyDutyNumber().isBlank()) {
            log.warn("council-chat.engine.emergency-duty-number is not set: residents who disclose a risk will be"
                    + " shown 999 and Samaritans but not the council's out-of-hours emergency duty team");
        }
        Resource resource = resources.getResource(properties.handoffTriggers());
        try (InputStream in = resource.getInputStream()) {
            return HandoffTriggers.read(in, properties.handoffTriggers());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot read the handoff trigger phrases " + properties.handoffTriggers() + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * The deployment's conversation rules, and each council's own file where it names one, checked against the
     * intent model and the message bundles in English and Welsh; a mistake stops the start-up with the file, line
     * and reason.
     */
    @Bean(destroyMethod = "close")
    CouncilConversationRules conversationRules(
            EngineProperties properties,
            ResourceLoader resources,
            IntentClassifier intents,
            MessageSource messages,
            Councils councils) {
        ConversationRules.Checks checks = ConversationRules.Checks.against(intents, messages);
        Map<String, LiveConversationRules> byCouncil = new LinkedHashMap<>();
        for (Council council : councils.all()) {
            if (!council.conversationRules().isBlank()) {
                byCouncil.put(
                        council.id(),
                        LiveConversationRules.watching(
                                resources.getResource(council.conversationRules()),
                                council.conversationRules(),
                                checks,
                                properties.conversationRulesCheckEvery()));
            }
        }
        return new CouncilConversationRules(
                LiveConversationRules.watching(
                        resources.getResource(properties.conversationRules()),
                        properties.conversationRules(),
                        checks,
                        properties.conversationRulesCheckEvery()),
                byCouncil);
    }

    /**
     * The deployment's contact-centre hours, and each council's that sets its own hours, bank-holiday closing or
     * bank holidays; a rule that cannot be read stops the start-up, naming the council.
     */
    @Bean
    CouncilOpeningHours contactCentreHours(EngineProperties properties, BinCollections bins, Councils councils) {
        ZoneId zone = ZoneId.of(properties.timeZone());
        EngineProperties.ContactCentre deployment = properties.contactCentre();
        Map<String, ContactCentreHours> byCouncil = new LinkedHashMap<>();
        for (Council council : councils.all()) {
            if (council.contactCentreHours().isEmpty()
                    && council.closedOnBankHolidays() == null
                    && council.bankHolidays() == null) {
                continue;
            }
            try {
                byCouncil.put(
                        council.id(),
                        new ContactCentreHours(
                                council.contactCentreHours().isEmpty()
                                        ? deployment.hours()
                                        : council.contactCentreHours(),
                                council.closedOnBankHolidays() == null
                                        ? deployment.closedOnBankHolidays()
                                        : council.closedOnBankHolidays(),
                                zone,
                                day -> bins.bankHoliday(council.id(), day)));
            } catch (IllegalArgumentException unreadable) {
                throw new IllegalArgumentException(
                        "council-chat.councils '" + council.id() + "' contact-centre-hours: " + unreadable.getMessage(),
                        unreadable);
            }
        }
        return new CouncilOpeningHours(
                new ContactCentreHours(deployment.hours(), deployment.closedOnBankHolidays(), zone, bins::bankHoliday),
                byCouncil);
    }

    /** Where editors' retrained models are kept for every server, and how each server notices a newer one. */
    @Bean(destroyMethod = "close")
    KeptIntentModels keptIntentModels(JdbcClient jdbc, EngineProperties properties, Clock clock) {
        return new KeptIntentModels(jdbc, properties.sentenceEmbeddings(), clock);
    }

    /**
     * The intent model: the configured model file, or else a model trained on the configured training data
     * (loaded from the model directory instead when that data was trained before), unless editors retrained it
     * (on any server) since that was configured. Either way it is ready before the application serves; later
     * retrainings run on a thread of their own, and those on other servers are noticed within seconds.
     */
    @Bean
    IntentModel intentModel(EngineProperties properties, ResourceLoader resources, Clock clock, KeptIntentModels kept) {
        IntentModel.Trainer trainer = (examples, progress) -> {
            BlendedIntentClassifier classifier = BlendedIntentClassifier.train(
                    examples, null, Settings.DEFAULT.withSentenceEmbeddings(properties.sentenceEmbeddings()), progress);
            return new IntentModel.Trained(classifier, classifier.usesSentenceEmbeddings());
        };
        // One daemon thread: retrainings take turns, never run on a request thread, and never keep the JVM up.
        ExecutorService retraining = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name("intent-model-retraining").factory());
        boolean fromModel =
                properties.intentModel() != null && !properties.intentModel().isBlank();
        String location = fromModel ? properties.intentModel() : String.join(",", properties.trainingData());
        try {
            ModelFile.Loaded initial;
            if (fromModel) {
                try (InputStream in = resources.getResource(location).getInputStream()) {
                    initial = ModelFile.load(in, location);
                }
                log.info("Loaded the intent model file {}", location);
            } else {
                initial = trainedAtStart(trainingData(properties.trainingData(), resources), properties, clock);
            }
            ModelVersion configured = initial.header().version();
            Path models = properties.modelDirectory().isBlank() ? null : Path.of(properties.modelDirectory());
            ModelFile.Loaded serving = kept.newest(configured)
                    .map(loaded -> {
                        log.info(
                                "Serving the intent model editors retrained from {} in place of the configured model {}",
                                loaded.header().version().source(),
                                configured.id());
                        return loaded;
                    })
                    // Kept in the model directory before retrained models were kept in the database.
                    .or(() -> models == null || kept.keptAny()
                            ? Optional.empty()
                            : retrainedInstead(models, configured, properties.sentenceEmbeddings()))
                    .orElse(initial);
            ModelVersion version = serving.header().version();
            log.info(
                    "Intent model {} serving: trained {} on {} examples of {} intents from {}, {} sentence embeddings",
                    version.id(),
                    version.trainedAt(),
                    version.examples(),
                    version.intents(),
                    version.source(),
                    version.sentenceEmbeddings() ? "with" : "without");
            IntentModel model = new IntentModel(
                    serving.classifier(),
                    version,
                    trainer,
                    (trained, retrained) -> kept.keep(configured, trained, retrained),
                    retraining,
                    clock);
            kept.follow(model, configured);
            return model;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot " + (fromModel ? "load the intent model " : "read the intent training data ") + location
                            + ": " + e.getMessage(),
                    e);
        }
    }

    /** What the dialogue and the Rasa-compatible API classify with: whichever model is serving at the time. */
    @Bean
    IntentClassifier intentClassifier(IntentModel model) {
        return new IntentClassifier() {
            @Override
            public IntentRanking classify(String residentWords) {
                return model.classify(residentWords);
            }

            @Override
            public java.util.Set<String> knownIntents() {
                return model.knownIntents();
            }

            @Override
            public Optional<String> modelVersion() {
                return Optional.of(model.version().id() + "@" + model.version().trainedAt());
            }
        };
    }

    /**
     * The model editors retrained last as recorded in the model directory by earlier versions, which kept it
     * there rather than in the database, when it replaced the model of the training data configured now. A
     * deployment that configures other training data (or another model file) has the last word: its model
     * serves, and the retrained one is set aside.
     */
    private static Optional<ModelFile.Loaded> retrainedInstead(
            Path models, ModelVersion configured, boolean sentenceEmbeddings) {
        Path record = models.resolve(RETRAINED);
        if (!Files.isReadable(record)) {
            return Optional.empty();
        }
        Properties retrained = new Properties();
        try (Reader in = Files.newBufferedReader(record, StandardCharsets.UTF_8)) {
            retrained.load(in);
        } catch (IOException | IllegalArgumentException unreadable) {
            log.warn("Cannot read {} ({}); serving the configured intent model", record, unreadable.getMessage());
            return Optional.empty();
        }
        if (!configured.id().equals(retrained.getProperty(REPLACES))) {
            log.info(
                    "The configured intent model {} is not the one editors last retrained over; it serves, not theirs",
                    configured.id());
            return Optional.empty();
        }
        String name = retrained.getProperty(MODEL, "");
        // Only a file name in the model directory: the record is data, not a way to point elsewhere.
        if (!name.matches("intents-[0-9a-f]+(-words)?\\.model")) {
            log.warn("{} names no model file; serving the configured intent model", record);
            return Optional.empty();
        }
        Path file = models.resolve(name);
        try (InputStream in = Files.newInputStream(file)) {
            ModelFile.Loaded loaded = ModelFile.load(in, file.toString());
            // Training leaves the embeddings out when they do not help; a model that reads them cannot serve
            // once they are switched off.
            if (loaded.header().sentenceEmbeddings() && !sentenceEmbeddings) {
                log.info(
                        "The retrained intent model {} reads sentence embeddings, which are now off; serving the"
                                + " configured one",
                        loaded.header().version().id());
                return Optional.empty();
            }
            log.info(
                    "Serving the intent model editors retrained from {} in place of the configured model {}",
                    loaded.header().version().source(),
                    configured.id());
            return Optional.of(loaded);
        } catch (IOException unreadable) {
            log.warn(
                    "Cannot load the retrained intent model {} ({}); serving the configured one",
                    file,
                    unreadable.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Each configured training file, checked on its own (so a mistake is reported with its file's name and
     * line), then all of them as one set in the order configured: the same examples as one CSV with one header,
     * so the set's hash, which names the model, does not depend on how the files are split.
     */
    private static NamedTrainingData trainingData(List<String> locations, ResourceLoader resources) throws IOException {
        TrainingData all = TrainingData.of(List.of());
        List<String> names = new ArrayList<>();
        for (String location : locations) {
            Resource resource = resources.getResource(location.strip());
            String name = resource.getFilename() == null ? location.strip() : resource.getFilename();
            byte[] file;
            try (InputStream in = resource.getInputStream()) {
                file = in.readAllBytes();
            } catch (IOException e) {
                throw new IOException(location.strip() + ": " + e.getMessage(), e);
            }
            TrainingData data = TrainingFiles.read(new ByteArrayInputStream(file), name);
            IntentModel.check(data, name, new String(file, StandardCharsets.UTF_8));
            all = all.and(data);
            names.add(name);
        }
        return new NamedTrainingData(all, String.join(", ", names));
    }

    /** The training set read at start-up and the names of the files it came from, for the model's version. */
    private record NamedTrainingData(TrainingData data, String name) {}

    /**
     * Trains on the training data, or loads the model trained on exactly this data at an earlier start from the
     * model directory, when there is one (its file name carries the data's hash).
     */
    private static ModelFile.Loaded trainedAtStart(NamedTrainingData training, EngineProperties properties, Clock clock)
            throws IOException {
        TrainingData data = training.data();
        String name = training.name();
        Path kept = properties.modelDirectory().isBlank()
                ? null
                : Path.of(properties.modelDirectory())
                        .resolve("intents-" + data.contentHash() + (properties.sentenceEmbeddings() ? "" : "-words")
                                + ".model");
        if (kept != null && Files.isReadable(kept)) {
            try (InputStream in = Files.newInputStream(kept)) {
                ModelFile.Loaded loaded = ModelFile.load(in, kept.toString());
                log.info("Loaded the intent model trained earlier on this data from {}", kept);
                return loaded;
            } catch (IOException unreadable) {
                log.warn("Cannot load the kept intent model {} ({}); training again", kept, unreadable.getMessage());
            }
        }
        long start = System.nanoTime();
        BlendedIntentClassifier classifier = BlendedIntentClassifier.train(
                data.examples(),
                null,
                Settings.DEFAULT.withSentenceEmbeddings(properties.sentenceEmbeddings()),
                TrainingProgress.SILENT);
        ModelVersion version = IntentModel.versionOf(data, name, clock.instant(), classifier.usesSentenceEmbeddings());
        log.info("Trained the intent model in {} s", (System.nanoTime() - start) / 1_000_000_000L);
        if (kept != null) {
            try {
                ModelFile.write(classifier, version, kept);
            } catch (IOException unwritable) {
                log.warn("Cannot keep the intent model in {} ({})", kept, unwritable.getMessage());
            }
        }
        return new ModelFile.Loaded(
                new ModelFile.Header(ModelFile.FORMAT_VERSION, version.examples(), version), classifier);
    }
}
