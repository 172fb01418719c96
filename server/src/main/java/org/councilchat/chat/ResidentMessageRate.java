package org.councilchat.chat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * How fast one chat connection may send messages: a burst at once, then a steady rate, as a token bucket per
 * connection. A person typing never meets it; a script flooding the chat does, and each message it sends costs
 * the intent model and a search. The bucket goes with the connection.
 */
@Component
class ResidentMessageRate {

    /**
     * {@code council-chat.chat.*}.
     *
     * @param messagesPerMinute the steady rate a resident may keep up
     * @param messageBurst how many messages may come at once, e.g. a few short lines typed in a row
     */
    @ConfigurationProperties("council-chat.chat")
    record Limits(
            @DefaultValue("30") int messagesPerMinute,
            @DefaultValue("10") int messageBurst) {

        Limits {
            if (messagesPerMinute < 1 || messageBurst < 1) {
                throw new IllegalArgumentException(
                        "council-chat.chat.messages-per-minute and message-burst must be at least 1");
            }
        }
    }

    private final Limits limits;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    ResidentMessageRate(Limits limits) {
        this.limits = limits;
    }

    /** Takes one message's allowance from the connection's bucket; false when it is empty. */
    boolean allow(String sessionId) {
        return buckets.computeIfAbsent(sessionId, id -> new Bucket(limits.messageBurst(), System.nanoTime()))
                .take(System.nanoTime(), limits);
    }

    void forget(String sessionId) {
        buckets.remove(sessionId);
    }

    private static final class Bucket {

        private double tokens;
        private long filledAt;

        Bucket(double tokens, long filledAt) {
            this.tokens = tokens;
            this.filledAt = filledAt;
        }

        synchronized boolean take(long now, Limits limits) {
            double perNano = limits.messagesPerMinute() / 60e9;
            tokens = Math.min(limits.messageBurst(), tokens + (now - filledAt) * perNano);
            filledAt = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
