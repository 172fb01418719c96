package org.councilchat.chat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * {@code council_chat_broker_up}: 1 while this server receives the other servers' live events (always, on one
 * server), 0 while it is cut off from RabbitMQ. The same answer as the {@code broker} health component, as a number
 * to alert on.
 */
@Component
class BrokerGauge implements MeterBinder {

    private final BrokerHealth broker;

    BrokerGauge(BrokerHealth broker) {
        this.broker = broker;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(
                        "council_chat_broker_up",
                        broker,
                        health -> Status.UP.equals(health.health().getStatus()) ? 1 : 0)
                .description("Whether this server receives the other servers' live events (1) or not (0)")
                .register(registry);
    }
}
