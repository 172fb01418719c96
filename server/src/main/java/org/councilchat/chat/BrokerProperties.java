package org.councilchat.chat;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How live chat events reach residents and agents ({@code council-chat.broker.*}). Either way every connection is
 * served by Spring's in-memory broker on the server it reached; in {@code relay} mode the servers of a cluster also
 * pass each other their events through RabbitMQ ({@link NodeRelay}), so that a resident on one server and an agent
 * on another reach each other. The database, not the broker, is the record.
 *
 * @param mode {@code simple} (one server, the default) or {@code relay} (several servers, through RabbitMQ)
 * @param relay where RabbitMQ is and how to sign in to it; read only in relay mode
 */
@ConfigurationProperties("council-chat.broker")
record BrokerProperties(
        @DefaultValue("simple") Mode mode, @DefaultValue Relay relay) {

    /** One server, or a cluster. */
    enum Mode {
        SIMPLE,
        RELAY
    }

    /**
     * Each server holds two AMQP connections to RabbitMQ (one to send, one to receive), however many residents
     * and agents are connected to it.
     *
     * @param host RabbitMQ's host
     * @param port RabbitMQ's AMQP port (5672 is its default)
     * @param virtualHost the RabbitMQ virtual host
     * @param username the RabbitMQ user the servers sign in as
     * @param password its password
     * @param heartbeat how often a server and RabbitMQ expect to hear from each other; longer silence counts as the
     *     broker down, and the server reconnects
     * @param exchange the fanout exchange the servers share; servers of different deployments on one RabbitMQ must
     *     use different names (or virtual hosts), or they would show each other's events
     */
    record Relay(
            @DefaultValue("127.0.0.1") String host,
            @DefaultValue("5672") int port,
            @DefaultValue("/") String virtualHost,
            @DefaultValue("guest") String username,
            @DefaultValue("guest") String password,
            @DefaultValue("10s") Duration heartbeat,
            @DefaultValue("council-chat.live") String exchange) {

        Relay {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("council-chat.broker.relay.port must be a TCP port (1-65535)");
            }
            if (heartbeat.isNegative() || heartbeat.toSeconds() > 65535) {
                throw new IllegalArgumentException(
                        "council-chat.broker.relay.heartbeat must be between 0 and 65535 seconds");
            }
            if (exchange.isBlank()) {
                throw new IllegalArgumentException("council-chat.broker.relay.exchange must not be blank");
            }
        }

        /** For health and logs: never the credentials. */
        String address() {
            return host + ":" + port + " (virtual host " + virtualHost + ")";
        }
    }
}
