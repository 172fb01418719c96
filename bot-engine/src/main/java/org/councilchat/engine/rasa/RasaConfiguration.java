package org.councilchat.engine.rasa;

import java.time.Clock;
import org.councilchat.engine.IntentClassifier;
import org.councilchat.engine.RasaClient;
import org.councilchat.engine.RasaProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Wraps whichever intent classifier the engine built: Rasa payloads always bypass it, and with
 * {@code council-chat.rasa.nlu: rasa} a Rasa server answers first, the built-in model standing in when it is down.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RasaProperties.class)
class RasaConfiguration {

    /** Only when a Rasa server is configured: most councils use the built-in engine alone. */
    static final class RasaServerConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !context.getEnvironment()
                    .getProperty("council-chat.rasa.url", "")
                    .isBlank();
        }
    }

    /** Only when Rasa runs the conversation ({@code council-chat.rasa.dialogue: rasa}). */
    static final class RasaRunsTheConversation implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return "rasa".equalsIgnoreCase(context.getEnvironment().getProperty("council-chat.rasa.dialogue", ""));
        }
    }

    @Bean
    @Conditional(RasaServerConfigured.class)
    RasaClient rasaClient(RasaProperties properties, Clock clock) {
        return new RasaClient(properties, clock);
    }

    /** Only with {@code council-chat.rasa.dialogue: rasa}; the Bot uses it when present. */
    @Bean
    @Conditional(RasaRunsTheConversation.class)
    RasaConversation rasaConversation(ObjectProvider<RasaClient> rasa) {
        RasaClient client = rasa.getIfAvailable();
        if (client == null) {
            throw new IllegalStateException("council-chat.rasa.dialogue is rasa but council-chat.rasa.url is not set");
        }
        return new RasaConversation(client);
    }

    /** Static, so the wrapping applies to the classifier however early it is created. */
    @Bean
    static BeanPostProcessor rasaAwareIntents(
            ObjectProvider<RasaProperties> properties, ObjectProvider<RasaClient> rasa) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!(bean instanceof IntentClassifier classifier) || bean instanceof PayloadAwareIntents) {
                    return bean;
                }
                IntentClassifier understanding = classifier;
                RasaProperties settings = properties.getObject();
                if (settings.usesRasaForUnderstanding()) {
                    RasaClient client = rasa.getIfAvailable();
                    if (client == null) {
                        throw new IllegalStateException(
                                "council-chat.rasa.nlu is rasa but council-chat.rasa.url is not set");
                    }
                    understanding = new RasaIntents(client, classifier);
                }
                return new PayloadAwareIntents(understanding);
            }
        };
    }
}
