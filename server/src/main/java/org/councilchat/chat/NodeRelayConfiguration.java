package org.councilchat.chat;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.Base64UrlNamingStrategy;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.user.SimpUserRegistry;

/**
 * The cluster's link through RabbitMQ ({@code council-chat.broker.mode: relay}): a fanout exchange the
 * servers share, and for each server a queue of its own that goes when its connection does (an event is for the
 * pages connected now; those that reconnect later catch up from the database). See {@link NodeRelay}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@ConditionalOnProperty(name = "council-chat.broker.mode", havingValue = "relay")
class NodeRelayConfiguration {

    /** How soon a server tries RabbitMQ again after losing it. */
    static final long RECONNECT_EVERY_MILLIS = 2_000;

    @Bean(destroyMethod = "destroy")
    CachingConnectionFactory relayConnections(BrokerProperties broker) {
        BrokerProperties.Relay relay = broker.relay();
        CachingConnectionFactory connections = new CachingConnectionFactory(relay.host(), relay.port());
        connections.setVirtualHost(relay.virtualHost());
        connections.setUsername(relay.username());
        connections.setPassword(relay.password());
        connections.setRequestedHeartBeat((int) relay.heartbeat().toSeconds());
        connections.setConnectionTimeout(5_000);
        // So that RabbitMQ's own tools show which server a connection is.
        String name = "council-chat " + ProcessHandle.current().pid() + "@" + hostName();
        connections.setConnectionNameStrategy(factory -> name);
        return connections;
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException unnamed) {
            return "unknown-host";
        }
    }

    @Bean
    Declarables relayQueues(BrokerProperties broker) {
        // Holds nothing: it goes when the last server does, and the first to come back declares it again.
        FanoutExchange everyServer = new FanoutExchange(broker.relay().exchange(), false, true);
        AnonymousQueue thisServer = new AnonymousQueue(new Base64UrlNamingStrategy("council-chat.server."));
        return new Declarables(
                everyServer, thisServer, BindingBuilder.bind(thisServer).to(everyServer));
    }

    /** Declares the exchange and this server's queue on every (re)connection. */
    @Bean
    RabbitAdmin relayAdmin(CachingConnectionFactory relayConnections) {
        return new RabbitAdmin(relayConnections);
    }

    @Bean
    NodeRelay nodeRelay(
            CachingConnectionFactory relayConnections,
            BrokerProperties broker,
            @Qualifier("brokerMessagingTemplate") SimpMessagingTemplate local,
            SimpUserRegistry connected) {
        RabbitTemplate rabbit = new RabbitTemplate(relayConnections);
        // Sending on its own connection, so RabbitMQ slowing a busy publisher never stalls this server's receiving.
        rabbit.setUsePublisherConnection(true);
        return new NodeRelay(rabbit, broker.relay().exchange(), local, connected);
    }

    @Bean
    SimpleMessageListenerContainer relayListener(
            CachingConnectionFactory relayConnections, Declarables relayQueues, NodeRelay nodeRelay) {
        SimpleMessageListenerContainer listener = new SimpleMessageListenerContainer(relayConnections);
        listener.setQueues(
                relayQueues.getDeclarablesByType(AnonymousQueue.class).toArray(AnonymousQueue[]::new));
        listener.setMessageListener(nodeRelay);
        // One consumer keeps each server's events in the order it sent them. Events are passing news, not records:
        // no acknowledgements to wait for.
        listener.setConcurrentConsumers(1);
        listener.setAcknowledgeMode(AcknowledgeMode.NONE);
        listener.setRecoveryInterval(RECONNECT_EVERY_MILLIS);
        listener.setMissingQueuesFatal(false);
        // A refused sign-in (RabbitMQ still loading its users after a restart, a password being rotated) is retried
        // like any other outage, not the end of the link until this server restarts.
        listener.setPossibleAuthenticationFailureFatal(false);
        return listener;
    }

    /**
     * Every part of the chat sends live events through this rather than Spring's own template, so that each event
     * reaches the other servers as well.
     */
    @Bean
    @Primary
    SimpMessagingTemplate livePush(
            @Qualifier("brokerChannel") MessageChannel brokerChannel,
            @Qualifier("brokerMessageConverter") MessageConverter converter,
            NodeRelay nodeRelay) {
        LivePush push = new LivePush(brokerChannel, nodeRelay);
        push.setMessageConverter(converter);
        push.setUserDestinationPrefix("/user");
        return push;
    }
}
