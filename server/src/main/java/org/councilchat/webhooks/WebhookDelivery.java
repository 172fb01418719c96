package org.councilchat.webhooks;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sends the outbox's events to their endpoints, signed (docs/webhooks.md), on one server of a cluster at a time
 * (ShedLock's {@code webhook-delivery} lock), so that each subject's events (a case's, a chat's) go oldest first
 * and a later one never overtakes an earlier one still being retried. A 2xx answer delivers an event; anything else,
 * or no answer in time, is tried again later, waiting twice as long each time, until {@code max-attempts}, after
 * which it is kept as failed for an administrator to send again. The receiver may see an event twice (an answer lost
 * on its way back): the {@code Council-Chat-Delivery} header is the event's id, to recognise it by.
 */
@Component
class WebhookDelivery implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WebhookDelivery.class);

    private static final Duration LONGEST_WAIT = Duration.ofHours(1);
    private static final int BATCH = 200;

    private final WebhookProperties properties;
    private final JdbcClient jdbc;
    private final LockingTaskExecutor onceInTheCluster;
    private final Map<String, WebhookProperties.Endpoint> endpoints;
    private final HttpClient http;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "webhook-delivery");
        thread.setDaemon(true);
        return thread;
    });

    WebhookDelivery(WebhookProperties properties, JdbcClient jdbc, LockingTaskExecutor onceInTheCluster) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.onceInTheCluster = onceInTheCluster;
        this.endpoints = properties.endpoints().stream()
                .collect(Collectors.toMap(WebhookProperties.Endpoint::name, Function.identity()));
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        long every = Math.max(50, properties.checkEvery().toMillis());
        timer.scheduleWithFixedDelay(this::deliverOnOneServer, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
        http.close();
    }

    private void deliverOnOneServer() {
        try {
            Duration held = properties.timeout().multipliedBy(BATCH).plusMinutes(1);
            onceInTheCluster.executeWithLock(
                    (Runnable) this::deliverDue,
                    new LockConfiguration(Instant.now(), "webhook-delivery", held, Duration.ZERO));
        } catch (RuntimeException e) {
            log.warn("Could not send webhooks this time; trying again shortly", e);
        }
    }

    /** One look at the outbox: every event that is due and not behind an earlier one of its subject. */
    void deliverDue() {
        Instant now = Instant.now();
        // Events hold what residents said: kept no longer than they are of use.
        jdbc.sql("DELETE FROM webhook_delivery WHERE delivered_at < ? OR failed_at < ?")
                .params(utc(now.minus(properties.keepDelivered())), utc(now.minus(properties.keepFailed())))
                .update();
        List<Waiting> waiting = jdbc.sql("""
                        SELECT id, event_id, endpoint, event_type, subject, attempts, next_attempt_at
                        FROM webhook_delivery WHERE delivered_at IS NULL AND failed_at IS NULL
                        ORDER BY id""")
                .query((row, n) -> new Waiting(
                        row.getLong("id"),
                        row.getString("event_id"),
                        row.getString("endpoint"),
                        row.getString("event_type"),
                        row.getString("subject"),
                        row.getInt("attempts"),
                        row.getObject("next_attempt_at", OffsetDateTime.class).toInstant()))
                .list();
        Set<String> behindAnEarlierOne = new HashSet<>();
        int sent = 0;
        for (Waiting event : waiting) {
            String subject = event.endpoint() + "\n" + event.subject();
            if (behindAnEarlierOne.contains(subject)) {
                continue;
            }
            if (event.nextAttemptAt().isAfter(now) || sent >= BATCH) {
                behindAnEarlierOne.add(subject);
                continue;
            }
            sent++;
            Optional<String> failure = send(event);
            if (failure.isEmpty()) {
                jdbc.sql("UPDATE webhook_delivery SET delivered_at = ?, attempts = attempts + 1 WHERE id = ?")
                        .params(utc(Instant.now()), event.id())
                        .update();
            } else {
                behindAnEarlierOne.add(subject);
                failed(event, failure.get());
            }
        }
    }

    /** Empty when the endpoint took it (2xx); else why not, in words for the admin page. */
    private Optional<String> send(Waiting event) {
        WebhookProperties.Endpoint endpoint = endpoints.get(event.endpoint());
        if (endpoint == null) {
            return Optional.of("The endpoint '" + event.endpoint() + "' is no longer configured");
        }
        // Only the event being sent is read whole: the waiting ones hold transcripts, and are looked at every few
        // seconds.
        String body = jdbc.sql("SELECT body FROM webhook_delivery WHERE id = ?")
                .param(event.id())
                .query(String.class)
                .single();
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(endpoint.url())
                .timeout(properties.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "CouncilChat-Webhooks/1")
                .header("Council-Chat-Event", event.type())
                .header("Council-Chat-Delivery", event.eventId())
                .header("Council-Chat-Signature", "t=" + timestamp + ",v1=" + sign(endpoint.secret(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<Void> answer = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() / 100 == 2) {
                return Optional.empty();
            }
            return Optional.of("The endpoint answered HTTP " + answer.statusCode());
        } catch (IOException e) {
            return Optional.of("No answer from the endpoint: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("Interrupted while sending");
        }
    }

    private void failed(Waiting event, String why) {
        int attempts = event.attempts() + 1;
        String error = why.length() > 500 ? why.substring(0, 500) : why;
        if (attempts >= properties.maxAttempts()) {
            log.warn(
                    "Gave up sending {} event {} to webhook endpoint '{}' after {} attempts: {}",
                    event.type(),
                    event.eventId(),
                    event.endpoint(),
                    attempts,
                    error);
            jdbc.sql("UPDATE webhook_delivery SET attempts = ?, failed_at = ?, last_error = ? WHERE id = ?")
                    .params(attempts, utc(Instant.now()), error, event.id())
                    .update();
            return;
        }
        Duration wait = properties.retryAfter().multipliedBy(1L << Math.min(20, attempts - 1));
        if (wait.compareTo(LONGEST_WAIT) > 0) {
            wait = LONGEST_WAIT;
        }
        jdbc.sql("UPDATE webhook_delivery SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?")
                .params(attempts, utc(Instant.now().plus(wait)), error, event.id())
                .update();
    }

    /** Puts failed events back in the queue, from the first attempt; those of other councils are left alone. */
    int sendAgain(Collection<Long> ids, Collection<String> councilIds) {
        if (ids.isEmpty() || councilIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        UPDATE webhook_delivery SET failed_at = NULL, attempts = 0, next_attempt_at = :now
                        WHERE id IN (:ids) AND failed_at IS NOT NULL AND council_id IN (:councils)""")
                .param("now", utc(Instant.now()))
                .param("ids", List.copyOf(ids))
                .param("councils", List.copyOf(councilIds))
                .update();
    }

    /**
     * HMAC-SHA256 of "{timestamp}.{body}" with the endpoint's secret, in hex: the receiver recomputes it, and
     * refuses a timestamp more than five minutes old, so a captured request cannot be replayed later.
     */
    static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("Every Java platform has HmacSHA256", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private record Waiting(
            long id,
            String eventId,
            String endpoint,
            String type,
            String subject,
            int attempts,
            Instant nextAttemptAt) {}
}
