package org.councilchat.notify;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import uk.gov.service.notify.NotificationClient;
import uk.gov.service.notify.NotificationClientException;

/**
 * Sends the waiting texts and e-mails through GOV.UK Notify's own client, on one server of a cluster at a time
 * (ShedLock's {@code notify-delivery} lock), so none goes twice. A message Notify took is blanked at once: the row
 * held the resident's number or address, and Notify keeps its own record for the council. One Notify refused (4xx:
 * not a mobile number, a trial key's guest list, a template that does not exist) will not go by trying again, so it
 * is kept as failed with Notify's reason; when Notify is down, busy (429) or slow, the message waits and is tried
 * again, twice as long each time, up to {@code max-attempts}.
 */
@Component
class NotifyDelivery implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(NotifyDelivery.class);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration LONGEST_WAIT = Duration.ofHours(1);
    private static final int BATCH = 100;
    private static final Duration ANSWER_TIME = Duration.ofSeconds(30);
    private static final Duration BATCH_TIME = Duration.ofMinutes(4);

    private final NotifyProperties properties;
    private final JdbcClient jdbc;
    private final LockingTaskExecutor onceInTheCluster;
    private final NotificationClient notify;
    private final MeterRegistry meters;
    private final ExecutorService senders = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "notify-send");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "notify-delivery");
        thread.setDaemon(true);
        return thread;
    });

    NotifyDelivery(
            NotifyProperties properties, JdbcClient jdbc, LockingTaskExecutor onceInTheCluster, MeterRegistry meters) {
        this.meters = meters;
        // Each at 0 from the start, so that an alert on refusals has a series to watch before the first one.
        for (String outcome : List.of("sent", "refused", "given-up")) {
            counter("case-reference", "sms", outcome);
            counter("case-reference", "email", outcome);
            counter("transcript", "email", outcome);
            for (String channel : List.of("sms", "email")) {
                counter("bin-day-reminder", channel, outcome);
                counter("bin-day-reminders-started", channel, outcome);
            }
        }
        this.properties = properties;
        this.jdbc = jdbc;
        this.onceInTheCluster = onceInTheCluster;
        this.notify = properties.on()
                ? new NotificationClient(
                        properties.apiKey().strip(),
                        properties.baseUrl().toString().replaceAll("/+$", ""))
                : null;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (notify == null) {
            return;
        }
        log.info(
                "GOV.UK Notify on ({}): templates for {}",
                properties.baseUrl(),
                properties.templates().keySet());
        long every = Math.max(50, properties.checkEvery().toMillis());
        timer.scheduleWithFixedDelay(this::sendOnOneServer, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
        senders.shutdownNow();
    }

    private void sendOnOneServer() {
        try {
            onceInTheCluster.executeWithLock(
                    (Runnable) this::sendDue,
                    new LockConfiguration(Instant.now(), "notify-delivery", Duration.ofMinutes(10), Duration.ZERO));
        } catch (RuntimeException e) {
            log.warn("Could not send to GOV.UK Notify this time; trying again shortly", e);
        }
    }

    /** One look at what is waiting: each message that is due, oldest first. */
    void sendDue() {
        Instant now = Instant.now();
        jdbc.sql("DELETE FROM resident_notification WHERE failed_at < ? OR sent_at < ?")
                .params(utc(now.minus(properties.keepFailed())), utc(now.minus(Duration.ofDays(1))))
                .update();
        List<Waiting> due = jdbc
                .sql("""
                        SELECT id, kind, channel, recipient, template_id, personalisation, reference, attempts
                        FROM resident_notification WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ?
                        ORDER BY id""")
                .param(utc(now))
                .query((row, n) -> new Waiting(
                        row.getLong("id"),
                        row.getString("kind"),
                        row.getString("channel"),
                        row.getString("recipient"),
                        row.getString("template_id"),
                        row.getString("personalisation"),
                        row.getString("reference"),
                        row.getInt("attempts")))
                .list()
                .stream()
                .limit(BATCH)
                .toList();
        long started = System.nanoTime();
        for (Waiting message : due) {
            if (System.nanoTime() - started > BATCH_TIME.toNanos()) {
                break; // the rest at the next look, well inside the lock's time: no other server sends them meanwhile
            }
            Optional<Refusal> refused = send(message);
            if (refused.isEmpty()) {
                counted(message, "sent");
                // Notify keeps its own record for the council; ours keeps nothing personal once sent.
                jdbc.sql("UPDATE resident_notification SET recipient = '', personalisation = '{}', sent_at = ?,"
                                + " attempts = attempts + 1 WHERE id = ?")
                        .params(utc(Instant.now()), message.id())
                        .update();
            } else {
                failed(message, refused.get());
            }
        }
    }

    /**
     * Notify's client sets no time limit on its connection, so each send runs on a thread of its own and is waited
     * for {@link #ANSWER_TIME} at most. One Notify has not answered by then may still arrive: it is not sent again
     * (a resident would get it twice), but kept as failed, "no answer", for the logs and the alert.
     */
    private Optional<Refusal> send(Waiting message) {
        Map<String, Object> personalisation =
                JSON.readValue(message.personalisation(), new TypeReference<Map<String, Object>>() {});
        Future<?> sending = senders.submit(() -> {
            if ("SMS".equals(message.channel())) {
                notify.sendSms(message.templateId(), message.recipient(), personalisation, message.reference());
            } else {
                notify.sendEmail(message.templateId(), message.recipient(), personalisation, message.reference());
            }
            return null;
        });
        try {
            sending.get(ANSWER_TIME.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (TimeoutException slow) {
            sending.cancel(true);
            return Optional.of(new Refusal(
                    true,
                    "No answer from Notify within " + ANSWER_TIME.toSeconds()
                            + " s: it may have been sent, so it is not sent again"));
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return Optional.of(new Refusal(false, "Interrupted while sending"));
        } catch (ExecutionException failed) {
            return refusal(failed.getCause());
        }
    }

    private static Optional<Refusal> refusal(Throwable failure) {
        try {
            throw failure;
        } catch (NotificationClientException e) {
            int status = e.getHttpResult();
            // 4xx but 429: Notify read the request and will never take it. 0: it never answered.
            boolean forGood = status >= 400 && status < 500 && status != 429;
            return Optional.of(new Refusal(forGood, status == 0 ? "No answer from Notify" : notifysReason(e)));
        } catch (Throwable e) {
            return Optional.of(
                    new Refusal(false, "No answer from Notify: " + e.getClass().getSimpleName()));
        }
    }

    /** Notify's own words (its errors name the field, never repeat the number or address), without the JSON. */
    private static String notifysReason(NotificationClientException e) {
        String said = e.getMessage() == null ? "" : e.getMessage();
        try {
            var errors = JSON.readTree(said.substring(Math.max(0, said.indexOf('{'))))
                    .path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                return "Notify answered " + e.getHttpResult() + ": "
                        + errors.get(0).path("message").asString();
            }
        } catch (RuntimeException notJson) {
            // Notify's error bodies are JSON; anything else is reported as it came.
        }
        return "Notify answered " + e.getHttpResult();
    }

    private void failed(Waiting message, Refusal refusal) {
        int attempts = message.attempts() + 1;
        String error = refusal.reason().length() > 500 ? refusal.reason().substring(0, 500) : refusal.reason();
        if (refusal.forGood() || attempts >= properties.maxAttempts()) {
            counted(message, refusal.forGood() ? "refused" : "given-up");
            log.warn(
                    "GOV.UK Notify did not take the {} {} for {}: {}",
                    message.kind(),
                    message.channel().equals("SMS") ? "text" : "e-mail",
                    message.reference(),
                    error);
            jdbc.sql(
                            "UPDATE resident_notification SET attempts = ?, failed_at = ?, last_error = ?, recipient = '', personalisation = '{}' WHERE id = ?")
                    .params(attempts, utc(Instant.now()), error, message.id())
                    .update();
            return;
        }
        Duration wait = properties.retryAfter().multipliedBy(1L << Math.min(20, attempts - 1));
        if (wait.compareTo(LONGEST_WAIT) > 0) {
            wait = LONGEST_WAIT;
        }
        jdbc.sql("UPDATE resident_notification SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?")
                .params(attempts, utc(Instant.now().plus(wait)), error, message.id())
                .update();
    }

    /** For the alert worth having: Notify refusing what we send (a template removed, a key revoked). */
    private void counted(Waiting message, String outcome) {
        counter(message.kind(), message.channel().toLowerCase(java.util.Locale.ROOT), outcome)
                .increment();
    }

    private io.micrometer.core.instrument.Counter counter(String kind, String channel, String outcome) {
        return meters.counter(
                "council_chat_resident_notifications", "kind", kind, "channel", channel, "outcome", outcome);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private record Refusal(boolean forGood, String reason) {}

    private record Waiting(
            long id,
            String kind,
            String channel,
            String recipient,
            String templateId,
            String personalisation,
            String reference,
            int attempts) {}
}
