package org.councilchat.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.councilchat.engine.nlu.MaxentIntentClassifier;
import org.councilchat.engine.nlu.TrainingCsv;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/** Builds the intent classifier from the configured training data when the application starts. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EngineProperties.class)
class EngineConfiguration {

    @Bean
    IntentClassifier intentClassifier(EngineProperties properties, ResourceLoader resources) {
        Resource data = resources.getResource(properties.trainingData());
        try (InputStream csv = data.getInputStream()) {
            return MaxentIntentClassifier.train(TrainingCsv.read(csv, properties.trainingData()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the intent training data " + properties.trainingData(), e);
        }
    }
}
