package org.councilchat.chat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * How fast one chat connection may send messages: a burst at once, then a steady rate, as a token bucket per
 * connection. A person typing never meets it; a script flooding the chat does, and each message it sends costs
 * the intent model and a search. The bucket goes with the connection. The Rasa-compatible REST channel uses
 * the same allowance per sender.
 */
@Component
public class ResidentMessageRate {

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

    /** Past this many buckets, full ones (as good as none) are dropped, so senders that come and go cost nothing. */
    private static final int PRUNE_ABOVE = 10_000;

    private final Limits limits;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    ResidentMessageRate(Limits limits) {
        this.limits = limits;
    }

    /** Takes one message's allowance from the bucket of a connection (or a REST sender); false when it is empty. */
    public boolean allow(String sessionId) {
        if (buckets.size() > PRUNE_ABOVE) {
            long now = System.nanoTime();
            buckets.values().removeIf(bucket -> bucket.fullAt(now, limits));
        }
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

        /** True when the bucket would be full by now: as good as a new one. */
        synchronized boolean fullAt(long now, Limits limits) {
            return tokens + (now - filledAt) * (limits.messagesPerMinute() / 60e9) >= limits.messageBurst();
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
