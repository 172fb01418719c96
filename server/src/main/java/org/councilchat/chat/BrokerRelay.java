package org.councilchat.chat;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.scheduling.TaskScheduler;

/**
 * Live events through RabbitMQ's STOMP plugin, so several servers reach each other's residents and agents.
 *
 * <p>What RabbitMQ makes of the destinations the chat uses:
 * <ul>
 *   <li>Residents and agents are addressed by principal name ({@code /user/{conversation}/queue/events},
 *       {@code /user/{agent}/queue/agent}, {@code .../queue/errors}); each server resolves that to one queue per
 *       connection, {@code /queue/events-user{session}}. Which server holds which session is broadcast on
 *       {@code /topic/simp-user-registry}, and a name no local connection holds is handed to the others on
 *       {@code /topic/unresolved-user-destination}, so a resident on one server and an agent on another reach
 *       each other.
 *   <li>RabbitMQ declares a durable queue for every {@code /queue/...} name it is sent or subscribed to. Left as
 *       that, every connection that ever opened would leave its queue behind; {@link TemporaryQueues} asks for
 *       queues deleted when their connection goes, and for any queue nobody consumes (an event sent as a resident
 *       disconnected) deleted after a minute.
 *   <li>{@code /topic/agent.queue} goes through {@code amq.topic} with routing key {@code agent.queue}; RabbitMQ
 *       refuses a slash inside a topic name, which is why the name has a dot.
 * </ul>
 */
final class BrokerRelay {

    private BrokerRelay() {}

    static void enable(MessageBrokerRegistry registry, BrokerProperties.Relay relay, TaskScheduler heartbeats) {
        registry.enableStompBrokerRelay("/queue", "/topic")
                .setRelayHost(relay.host())
                .setRelayPort(relay.port())
                .setVirtualHost(relay.virtualHost())
                .setClientLogin(relay.clientLogin())
                .setClientPasscode(relay.clientPasscode())
                .setSystemLogin(relay.systemLogin())
                .setSystemPasscode(relay.systemPasscode())
                .setSystemHeartbeatSendInterval(relay.systemHeartbeat().toMillis())
                .setSystemHeartbeatReceiveInterval(relay.systemHeartbeat().toMillis())
                .setUserDestinationBroadcast("/topic/unresolved-user-destination")
                .setUserRegistryBroadcast("/topic/simp-user-registry")
                .setTaskScheduler(heartbeats);
        registry.configureBrokerChannel().interceptors(new TemporaryQueues());
    }

    /**
     * Gives every subscription to and every event for a {@code /queue/...} destination the same queue arguments.
     * NOTE: they must match on both, always: RabbitMQ refuses to declare an existing queue with other arguments, and
     * answers with an ERROR that closes the connection (for the server's shared connection, every live event
     * until the relay reconnects).
     */
    static final class TemporaryQueues implements ChannelInterceptor {

        /** A queue nobody consumes from this long is deleted. */
        static final String UNUSED_QUEUE_EXPIRES_MILLIS = "60000";

        @Override
        public Message<?> preSend(Message<?> message, MessageChannel channel) {
            SimpMessageHeaderAccessor headers =
                    MessageHeaderAccessor.getAccessor(message, SimpMessageHeaderAccessor.class);
            if (headers == null) {
                return message;
            }
            SimpMessageType type = headers.getMessageType();
            String destination = headers.getDestination();
            if ((type != SimpMessageType.MESSAGE && type != SimpMessageType.SUBSCRIBE)
                    || destination == null
                    || !destination.startsWith("/queue/")) {
                return message;
            }
            // A copy: the user-destination handler sends one message to each of a user's connections.
            SimpMessageHeaderAccessor queue =
                    (SimpMessageHeaderAccessor) MessageHeaderAccessor.getMutableAccessor(message);
            queue.setNativeHeader("auto-delete", "true");
            queue.setNativeHeader("x-expires", UNUSED_QUEUE_EXPIRES_MILLIS);
            return MessageBuilder.createMessage(message.getPayload(), queue.getMessageHeaders());
        }
    }
}
