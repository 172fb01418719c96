package org.councilchat.councils;

import java.util.List;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Binds {@code council-chat.councils}, and refuses to start while a setting that moved there is still set: left
 * alone, the old one would be silently ignored and the widget would show "Your council" to residents.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CouncilsProperties.class)
class CouncilsConfiguration implements InitializingBean {

    private static final List<String> MOVED = List.of(
            "council-chat.webchat.council-name",
            "council-chat.webchat.privacy-url",
            "council-chat.webchat.allowed-origins");

    private final Environment environment;

    CouncilsConfiguration(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        for (String setting : MOVED) {
            if (environment.containsProperty(setting) || environment.containsProperty(setting + "[0]")) {
                throw new IllegalStateException(setting + " has moved: set the council's name, privacy-url and"
                        + " origins under council-chat.councils (one entry for a single council), see README,"
                        + " \"Councils\"");
            }
        }
    }
}
