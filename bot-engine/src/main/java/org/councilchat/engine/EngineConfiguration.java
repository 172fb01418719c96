package org.councilchat.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import org.councilchat.engine.dialogue.ContactCentreHours;
import org.councilchat.engine.nlu.BlendedIntentClassifier;
import org.councilchat.engine.nlu.BlendedIntentClassifier.Settings;
import org.councilchat.engine.nlu.ModelFile;
import org.councilchat.engine.nlu.TrainingFiles;
import org.councilchat.engine.rules.ConversationRules;
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

/**
 * Builds the intent classifier when the application starts: loads the configured model file, or else trains
 * on the configured training data (the shipped council set by default; a second or so). Also reads the
 * handoff trigger phrases and the contact centre's hours, so a mistake in either stops the start-up.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EngineProperties.class)
class EngineConfiguration {

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
     * The council's conversation rules, checked against the intent model and the message bundles in English
     * and Welsh; a mistake stops the start-up with the file, line and reason.
     */
    @Bean(destroyMethod = "close")
    LiveConversationRules conversationRules(
            EngineProperties properties, ResourceLoader resources, IntentClassifier intents, MessageSource messages) {
        ConversationRules.Checks checks = ConversationRulesFile.checks(intents, messages);
        return LiveConversationRules.watching(
                resources.getResource(properties.conversationRules()),
                properties.conversationRules(),
                checks,
                properties.conversationRulesCheckEvery());
    }

    @Bean
    ContactCentreHours contactCentreHours(EngineProperties properties, BinCollections bins) {
        return new ContactCentreHours(
                properties.contactCentre().hours(),
                properties.contactCentre().closedOnBankHolidays(),
                ZoneId.of(properties.timeZone()),
                bins::bankHoliday);
    }

    @Bean
    IntentClassifier intentClassifier(EngineProperties properties, ResourceLoader resources) {
        boolean fromModel =
                properties.intentModel() != null && !properties.intentModel().isBlank();
        String location = fromModel ? properties.intentModel() : properties.trainingData();
        Resource resource = resources.getResource(location);
        try (InputStream in = resource.getInputStream()) {
            if (fromModel) {
                return ModelFile.read(in, location);
            }
            String name = resource.getFilename() == null ? location : resource.getFilename();
            return BlendedIntentClassifier.train(
                    TrainingFiles.read(in, name).examples(),
                    null,
                    Settings.DEFAULT.withSentenceEmbeddings(properties.sentenceEmbeddings()),
                    TrainingProgress.SILENT);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot " + (fromModel ? "load the intent model " : "read the intent training data ") + location
                            + ": " + e.getMessage(),
                    e);
        }
    }
}
