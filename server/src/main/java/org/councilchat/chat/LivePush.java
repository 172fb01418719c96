package org.councilchat.chat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.SimpMessagingTemplate;

/**
 * The sender every part of the chat uses for live events when they go through the broker relay. While the relay
 * has no connection to RabbitMQ, Spring's relay throws for every event the server sends; this drops the event
 * instead. Nothing is lost by that: the message is already stored (events are sent after it is), the resident
 * still gets their answer stored, and each page asks for what it missed when it reconnects (the widget from its
 * {@code lastSeq}, the console its chats and the queue). Throwing would instead fail the resident's own send,
 * telling them something went wrong with a message that was kept.
 */
final class LivePush extends SimpMessagingTemplate {

    private static final Logger log = LoggerFactory.getLogger(LivePush.class);

    LivePush(MessageChannel brokerChannel) {
        super(brokerChannel);
    }

    @Override
    public void send(Message<?> message) {
        try {
            super.send(message);
        } catch (MessageDeliveryException brokerDown) {
            dropped(brokerDown);
        }
    }

    @Override
    protected void doSend(String destination, Message<?> message) {
        try {
            super.doSend(destination, message);
        } catch (MessageDeliveryException brokerDown) {
            dropped(brokerDown);
        }
    }

    /**
     * Debug only: an outage drops every event, and the broker's health and the relay's own log announce it. Never
     * the exception itself: it carries the event, and so what a resident typed.
     */
    private static void dropped(MessageDeliveryException brokerDown) {
        log.debug("A live event was not delivered (the broker relay is down); pages replay it on reconnecting");
    }
}
