package org.councilchat.rasa;

import org.councilchat.engine.RasaClient;
import org.councilchat.engine.RasaProperties;
import org.councilchat.engine.RasaUnavailable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} says whether the Rasa server this deployment understands residents with is
 * answering. When it is not, residents still get answers (the built-in model stands in), so the status is
 * reported as a detail rather than taking the whole service down.
 */
@Component("rasa")
class RasaHealth implements HealthIndicator {

    private final ObjectProvider<RasaClient> rasa;
    private final RasaProperties properties;

    RasaHealth(ObjectProvider<RasaClient> rasa, RasaProperties properties) {
        this.rasa = rasa;
        this.properties = properties;
    }

    @Override
    public Health health() {
        RasaClient client = rasa.getIfAvailable();
        if (client == null) {
            return Health.up()
                    .withDetail("nlu", properties.nlu())
                    .withDetail("dialogue", properties.dialogue())
                    .withDetail("rasa", "not configured")
                    .build();
        }
        try {
            return Health.up()
                    .withDetail("nlu", properties.nlu())
                    .withDetail("dialogue", properties.dialogue())
                    .withDetail("rasa", "up")
                    .withDetail("version", client.version().get("version"))
                    .build();
        } catch (RasaUnavailable down) {
            // UP overall: the built-in model is answering; "rasa: down" is what operators alert on.
            return Health.up()
                    .withDetail("nlu", properties.nlu())
                    .withDetail("dialogue", properties.dialogue())
                    .withDetail("rasa", "down")
                    .withDetail("reason", down.getMessage())
                    .build();
        }
    }
}
