package org.councilchat.chat;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code broker}: whether live events reach every page. On one server they
 * always do; in a cluster, while this server is receiving the other servers' events through RabbitMQ
 * ({@link NodeRelay}).
 *
 * <p>Not part of readiness ({@code /actuator/health/readiness}, what the load balancer should ask), on purpose. A
 * server cut off from RabbitMQ still serves its own residents and agents live, stores and answers every message,
 * and every page catches up from the database once the link is back (tried every two seconds). The usual cause is
 * RabbitMQ itself being down or restarting, and then every server is in the same state: readiness that followed the
 * broker would take all of them out of the load balancer at once and turn a pause in the events between servers
 * into a total outage. So readiness stays up, the overall health and this component say {@code DOWN}, and that is
 * what operators alert on.
 */
@Component("broker")
class BrokerHealth implements HealthIndicator {

    private final BrokerProperties broker;
    private final ObjectProvider<NodeRelay> relay;

    BrokerHealth(BrokerProperties broker, ObjectProvider<NodeRelay> relay) {
        this.broker = broker;
        this.relay = relay;
    }

    @Override
    public Health health() {
        NodeRelay link = relay.getIfAvailable();
        if (broker.mode() == BrokerProperties.Mode.SIMPLE || link == null) {
            return Health.up().withDetail("mode", "simple").build();
        }
        Health.Builder health = link.linked() ? Health.up() : Health.down();
        health.withDetail("mode", "relay")
                .withDetail("relay", broker.relay().address())
                .withDetail("since", link.since().toString());
        if (!link.linked()) {
            health.withDetail(
                    "reason",
                    "Not receiving the other servers' live events: no connection to RabbitMQ at "
                            + broker.relay().address()
                            + " (not reachable, or refused the sign-in); retrying. Residents and agents on this server"
                            + " keep chatting live; pages catch up on what other servers sent once it is back.");
        }
        return health.build();
    }
}
