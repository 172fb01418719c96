package org.councilchat.chat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * How fast one chat connection may send frames: a burst at once, then a steady rate, as a token bucket per
 * connection. Every frame a resident sends counts (hello, messages, language, rating, ending the chat): each costs
 * a database round trip, a message also the intent model and a search. Typing notices have an allowance of their own,
 * looser, so a chatty keyboard never holds up a message. A person never meets either; a script flooding the chat
 * does. The buckets go with the connection. The Rasa-compatible REST channel uses the same allowance per sender.
 *
 * <p>In a cluster the buckets stay in memory, on purpose. A WebSocket connection lives on one server for its whole
 * life, so its buckets there count every frame it sends: per connection is already across the cluster. The REST
 * channel's per-sender bucket is per server: a load balancer spreading one sender over N servers gives it up to N
 * times the allowance. That is kept, because the sender is whatever the caller writes in the request, so it was never
 * a limit a flooder meets (a new sender per message gets a fresh bucket on one server as on many); the caller is the
 * council's own integration, signed in with the Rasa token or JWT, and a runaway one is held to N times the rate,
 * still bounded. Sharing the bucket would put a database write in front of every REST message for no protection
 * gained; a limit per caller belongs to the proxy in front, which sees the caller's address.
 */
@Component
public class ResidentMessageRate {

    /**
     * {@code council-chat.chat.*}.
     *
     * @param messagesPerMinute the steady rate a resident may keep up
     * @param messageBurst how many messages may come at once, e.g. a few short lines typed in a row
     * @param typingPerMinute the steady rate of typing notices
     * @param typingBurst how many typing notices may come at once
     */
    @ConfigurationProperties("council-chat.chat")
    record Limits(
            @DefaultValue("30") int messagesPerMinute,
            @DefaultValue("10") int messageBurst,
            @DefaultValue("60") int typingPerMinute,
            @DefaultValue("20") int typingBurst) {

        Limits {
            if (messagesPerMinute < 1 || messageBurst < 1 || typingPerMinute < 1 || typingBurst < 1) {
                throw new IllegalArgumentException("council-chat.chat.messages-per-minute, message-burst,"
                        + " typing-per-minute and typing-burst must be at least 1");
            }
        }
    }

    /** Past this many connections or senders, full buckets (as good as none) are dropped, so senders that come and go cost nothing. */
    private static final int PRUNE_ABOVE = 10_000;

    /** Which allowance a frame takes from. */
    enum Allowance {
        /** Every frame but typing notices. */
        FRAMES,
        TYPING
    }

    private final Limits limits;
    private final Map<String, Buckets> buckets = new ConcurrentHashMap<>();

    ResidentMessageRate(Limits limits) {
        this.limits = limits;
    }

    /** Takes one message's allowance from a REST sender's bucket (the Rasa-compatible channel); false when it is empty. */
    public boolean allow(String sender) {
        return allow(sender, Allowance.FRAMES);
    }

    /** Takes one frame's allowance from the connection's bucket; false when it is empty. */
    boolean allow(String sessionId, Allowance allowance) {
        if (buckets.size() > PRUNE_ABOVE) {
            long now = System.nanoTime();
            buckets.values().removeIf(connection -> connection.fullAt(now, limits));
        }
        Buckets connection = buckets.computeIfAbsent(sessionId, id -> {
            long now = System.nanoTime();
            return new Buckets(new Bucket(limits.messageBurst(), now), new Bucket(limits.typingBurst(), now));
        });
        return switch (allowance) {
            case FRAMES ->
                connection.frames().take(System.nanoTime(), limits.messagesPerMinute(), limits.messageBurst());
            case TYPING -> connection.typing().take(System.nanoTime(), limits.typingPerMinute(), limits.typingBurst());
        };
    }

    void forget(String sessionId) {
        buckets.remove(sessionId);
    }

    private record Buckets(Bucket frames, Bucket typing) {

        /** True when both would be full by now: as good as new ones. */
        boolean fullAt(long now, Limits limits) {
            return frames.fullAt(now, limits.messagesPerMinute(), limits.messageBurst())
                    && typing.fullAt(now, limits.typingPerMinute(), limits.typingBurst());
        }
    }

    private static final class Bucket {

        private double tokens;
        private long filledAt;

        Bucket(double tokens, long filledAt) {
            this.tokens = tokens;
            this.filledAt = filledAt;
        }

        /** True when the bucket would be full by now: as good as a new one. */
        synchronized boolean fullAt(long now, int perMinute, int burst) {
            return tokens + (now - filledAt) * (perMinute / 60e9) >= burst;
        }

        synchronized boolean take(long now, int perMinute, int burst) {
            double perNano = perMinute / 60e9;
            tokens = Math.min(burst, tokens + (now - filledAt) * perNano);
            filledAt = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
