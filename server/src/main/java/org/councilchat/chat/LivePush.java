package org.councilchat.chat;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessagingTemplate;

/**
 * The sender every part of the chat uses for live events in a cluster: it delivers an event to this server's own
 * connections, as Spring's template does, and then passes it to the other servers through {@link NodeRelay}. The
 * relay never holds the sender up or throws at it: with RabbitMQ away, the resident's own message is still
 * stored, answered and shown.
 */
final class LivePush extends SimpMessagingTemplate {

    private final NodeRelay relay;

    LivePush(MessageChannel brokerChannel, NodeRelay relay) {
        super(brokerChannel);
        this.relay = relay;
    }

    @Override
    public void send(Message<?> message) {
        super.send(message);
        String destination = SimpMessageHeaderAccessor.getDestination(message.getHeaders());
        if (destination != null) {
            relay.publish(destination, message);
        }
    }

    @Override
    protected void doSend(String destination, Message<?> message) {
        super.doSend(destination, message);
        relay.publish(destination, message);
    }
}
