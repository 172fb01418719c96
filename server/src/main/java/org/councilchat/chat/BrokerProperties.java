package org.councilchat.chat;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which broker carries live chat events ({@code council-chat.broker.*}): Spring's in-memory broker for one
 * server, or a STOMP broker relay to RabbitMQ (its {@code rabbitmq_stomp} plugin) so that several servers behind a
 * load balancer reach each other's residents and agents. Either way the database, not the broker, is the record.
 *
 * @param mode {@code simple} (one server, the default) or {@code relay} (RabbitMQ)
 * @param relay where RabbitMQ's STOMP listener is and how to sign in to it; read only in relay mode
 */
@ConfigurationProperties("council-chat.broker")
record BrokerProperties(
        @DefaultValue("simple") Mode mode, @DefaultValue Relay relay) {

    /** The two brokers. */
    enum Mode {
        SIMPLE,
        RELAY
    }

    /**
     * The relay opens one STOMP connection to RabbitMQ per chat connection (signed in as the client user) and one
     * shared "system" connection for events the server sends (signed in as the system user).
     *
     * @param host RabbitMQ's STOMP host
     * @param port RabbitMQ's STOMP port (61613 is the plugin's default)
     * @param virtualHost the RabbitMQ virtual host, sent as STOMP's {@code host} header
     * @param clientLogin the RabbitMQ user for residents' and agents' connections
     * @param clientPasscode its password
     * @param systemLogin the RabbitMQ user for the server's shared connection
     * @param systemPasscode its password
     * @param systemHeartbeat how often the shared connection and RabbitMQ expect to hear from each other; a broker
     *     that goes quiet for longer is treated as down and the relay reconnects
     */
    record Relay(
            @DefaultValue("127.0.0.1") String host,
            @DefaultValue("61613") int port,
            @DefaultValue("/") String virtualHost,
            @DefaultValue("guest") String clientLogin,
            @DefaultValue("guest") String clientPasscode,
            @DefaultValue("guest") String systemLogin,
            @DefaultValue("guest") String systemPasscode,
            @DefaultValue("10s") Duration systemHeartbeat) {

        Relay {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("council-chat.broker.relay.port must be a TCP port (1-65535)");
            }
            if (systemHeartbeat.isNegative()) {
                throw new IllegalArgumentException("council-chat.broker.relay.system-heartbeat must not be negative");
            }
        }

        /** For health and logs: never the credentials. */
        String address() {
            return host + ":" + port + " (virtual host " + virtualHost + ")";
        }
    }
}
