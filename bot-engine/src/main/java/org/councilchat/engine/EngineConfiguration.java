package org.councilchat.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.councilchat.engine.nlu.BlendedIntentClassifier;
import org.councilchat.engine.nlu.BlendedIntentClassifier.Settings;
import org.councilchat.engine.nlu.ModelFile;
import org.councilchat.engine.nlu.TrainingFiles;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Builds the intent classifier when the application starts: loads the configured model file, or else trains
 * on the configured training data (the shipped council set by default; a second or so).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EngineProperties.class)
class EngineConfiguration {

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
