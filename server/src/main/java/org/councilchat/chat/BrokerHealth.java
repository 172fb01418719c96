package org.councilchat.chat;

import java.time.Instant;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.broker.BrokerAvailabilityEvent;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code broker}: whether this server can push live events. The in-memory
 * broker always can; the relay can while its shared connection to RabbitMQ is up, as Spring's
 * {@link BrokerAvailabilityEvent} says.
 *
 * <p>Not part of readiness ({@code /actuator/health/readiness}, what the load balancer should ask), on purpose. A
 * server whose relay is down cannot push live events, but residents' messages are still stored and answered, pages
 * and the staff console still work, and every page catches up from the database once the relay reconnects (the
 * relay retries every few seconds). The usual cause is RabbitMQ itself being down or restarting, and then every
 * server is in the same state: readiness that followed the broker would take all of them out of the load balancer
 * at once and turn a pause in live delivery into a total outage. So readiness stays up, the overall health and this
 * component say {@code DOWN}, and that is what operators alert on.
 */
@Component("broker")
class BrokerHealth implements HealthIndicator {

    private final BrokerProperties broker;
    private volatile boolean available;
    private volatile Instant since = Instant.now();

    BrokerHealth(BrokerProperties broker) {
        this.broker = broker;
    }

    @EventListener
    void changed(BrokerAvailabilityEvent event) {
        available = event.isBrokerAvailable();
        since = Instant.now();
    }

    @Override
    public Health health() {
        return switch (broker.mode()) {
            case SIMPLE -> Health.up().withDetail("mode", "simple").build();
            case RELAY -> relay();
        };
    }

    private Health relay() {
        Health.Builder health = available ? Health.up() : Health.down();
        health.withDetail("mode", "relay")
                .withDetail("relay", broker.relay().address())
                .withDetail("since", since.toString());
        if (!available) {
            health.withDetail(
                    "reason",
                    "No STOMP connection to RabbitMQ at " + broker.relay().address()
                            + " (not reachable, refused the sign-in, or missed heartbeats); retrying."
                            + " Messages are still stored and answered; live events resume when it reconnects.");
        }
        return health.build();
    }
}
