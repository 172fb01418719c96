package org.councilchat.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.councilchat.councils.Council;
import org.councilchat.councils.Councils;
import org.councilchat.engine.EngineProperties;
import org.councilchat.knowledge.BinCollections;
import org.councilchat.knowledge.CollectionSourceUnavailable;
import org.councilchat.knowledge.NextCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The evening round of bin-day reminders: from {@code remind-at} (18:00 by default, the council's time), each
 * reminder whose address has a collection tomorrow is queued for {@link NotifyDelivery}, bank-holiday changes
 * included, on one server of a cluster at a time (ShedLock's {@code bin-day-reminders} lock). Each reminder records
 * the collection day it was sent for in the transaction that queues it, so a server restarting, or another taking
 * over, never reminds anyone twice. A server down at six sends the round when it is back, up to three hours
 * later; after that it waits for the next evening rather than text a household at midnight.
 */
@Component
class BinDayReminderRound implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BinDayReminderRound.class);

    private static final Duration LOOK_EVERY = Duration.ofMinutes(5);
    private static final Duration LATEST_AFTER = Duration.ofHours(3);
    private static final int BATCH = 500;

    private final NotifyProperties properties;
    private final JdbcClient jdbc;
    private final LockingTaskExecutor onceInTheCluster;
    private final BinCollections bins;
    private final ResidentNotifications notifications;
    private final Councils councils;
    private final MessageSource messages;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ZoneId councilTime;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "bin-day-reminders");
        thread.setDaemon(true);
        return thread;
    });

    BinDayReminderRound(
            NotifyProperties properties,
            JdbcClient jdbc,
            LockingTaskExecutor onceInTheCluster,
            BinCollections bins,
            ResidentNotifications notifications,
            Councils councils,
            MessageSource messages,
            TransactionTemplate transaction,
            Clock clock,
            EngineProperties engine) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.onceInTheCluster = onceInTheCluster;
        this.bins = bins;
        this.notifications = notifications;
        this.councils = councils;
        this.messages = messages;
        this.transaction = transaction;
        this.clock = clock;
        this.councilTime = ZoneId.of(engine.timeZone());
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (!properties.on()) {
            return;
        }
        // Even with the templates since removed, the reminders set up before still end on time.
        timer.scheduleWithFixedDelay(
                this::roundOnOneServer, LOOK_EVERY.toMillis(), LOOK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }

    private void roundOnOneServer() {
        try {
            onceInTheCluster.executeWithLock(
                    (Runnable) () -> remind(ZonedDateTime.now(clock.withZone(councilTime))),
                    new LockConfiguration(clock.instant(), "bin-day-reminders", Duration.ofMinutes(30), Duration.ZERO));
        } catch (RuntimeException e) {
            log.warn("Could not run the bin-day reminder round this time; trying again shortly", e);
        }
    }

    /**
     * One look, as at {@code now} in the council's time: ended reminders deleted, and in the evening's hours the
     * reminders for tomorrow's collections queued.
     *
     * @return how many reminders were queued
     */
    int remind(ZonedDateTime now) {
        jdbc.sql("DELETE FROM bin_day_reminder WHERE ends_at < ?")
                .param(now.toInstant().atOffset(ZoneOffset.UTC))
                .update();
        if (!inTheEvening(now.toLocalTime())) {
            return 0;
        }
        LocalDate today = now.toLocalDate();
        LocalDate tomorrow = today.plusDays(1);
        int queued = 0;
        int unavailable = 0;
        long after = 0;
        while (true) {
            List<Reminder> due = jdbc.sql("""
                            SELECT id, token, council_id, uprn, address, channel, recipient, language
                            FROM bin_day_reminder WHERE (reminded_for IS NULL OR reminded_for < ?) AND id > ?
                            ORDER BY id LIMIT ?""")
                    .params(tomorrow, after, BATCH)
                    .query((row, n) -> new Reminder(
                            row.getLong("id"),
                            row.getString("token"),
                            row.getString("council_id"),
                            row.getString("uprn"),
                            row.getString("address"),
                            row.getString("channel"),
                            row.getString("recipient"),
                            row.getString("language")))
                    .list();
            if (due.isEmpty()) {
                break;
            }
            for (Reminder reminder : due) {
                after = reminder.id();
                List<NextCollection> collections;
                try {
                    collections = bins.nextCollections(reminder.uprn(), today);
                } catch (CollectionSourceUnavailable down) {
                    unavailable++; // tried again at the next look, still this evening
                    continue;
                }
                List<NextCollection> tomorrows = collections.stream()
                        .filter(collection -> collection.date().equals(tomorrow))
                        .toList();
                if (Boolean.TRUE.equals(transaction.execute(status -> remindOf(reminder, tomorrow, tomorrows)))) {
                    queued++;
                }
            }
        }
        if (unavailable > 0) {
            log.warn(
                    "The collection service did not answer for {} bin-day reminders; trying again shortly",
                    unavailable);
        }
        if (queued > 0) {
            log.info("Bin-day reminders for {}: {} queued", tomorrow, queued);
        }
        return queued;
    }

    /**
     * Marks the reminder done for tomorrow and, when there is a collection then, queues its text or e-mail: both or
     * neither, and only if no other look marked it first.
     */
    private boolean remindOf(Reminder reminder, LocalDate tomorrow, List<NextCollection> tomorrows) {
        int marked = jdbc.sql("UPDATE bin_day_reminder SET reminded_for = ? WHERE id = ?"
                        + " AND (reminded_for IS NULL OR reminded_for < ?)")
                .params(tomorrow, reminder.id(), tomorrow)
                .update();
        if (marked == 0 || tomorrows.isEmpty()) {
            return false;
        }
        String kind = reminder.channel().equals("SMS") ? "bin-day-reminder-sms" : "bin-day-reminder-email";
        Optional<String> template = properties.template(kind, reminder.language());
        if (template.isEmpty()) {
            return false; // the council withdrew the template: the reminder ends on its day, sending nothing
        }
        Locale language = Locale.forLanguageTag(reminder.language());
        Map<String, Object> personalisation = new LinkedHashMap<>();
        personalisation.put("address", reminder.address());
        personalisation.put("bins", binsIn(tomorrows, language));
        personalisation.put("day", tomorrow.format(DateTimeFormatter.ofPattern("EEEE d MMMM", language)));
        personalisation.put("change", change(tomorrows, language));
        personalisation.put(
                "council",
                councils.find(reminder.councilId()).map(Council::name).orElse(reminder.councilId()));
        personalisation.put("stop_link", NotifyBinDayReminders.stopLink(properties, reminder.token()));
        notifications.waiting(
                reminder.councilId(),
                "bin-day-reminder",
                reminder.channel(),
                reminder.recipient(),
                template.get(),
                personalisation,
                "bin-day-reminder-" + reminder.id());
        return true;
    }

    /**
     * "Black bin (general waste) and Green bin (recycling)": the council's names for the bins, in Welsh for a
     * reminder asked for in Welsh.
     */
    private String binsIn(List<NextCollection> tomorrows, Locale language) {
        List<String> names = tomorrows.stream().map(c -> c.binNameIn(language)).toList();
        if (names.size() == 1) {
            return names.getFirst();
        }
        return messages.getMessage(
                "bins.andList",
                new Object[] {String.join(", ", names.subList(0, names.size() - 1)), names.getLast()},
                language);
    }

    /** Why tomorrow is not the usual day ("moved from Monday 28 December: Bank holiday"), or blank. */
    private String change(List<NextCollection> tomorrows, Locale language) {
        return tomorrows.stream()
                .map(NextCollection::change)
                .filter(change -> change != null)
                .findFirst()
                .map(change -> messages.getMessage(
                                change.cancelled() ? "bins.cancelled" : "bins.moved",
                                new Object[] {
                                    change.usualDate().format(DateTimeFormatter.ofPattern("EEEE d MMMM", language)),
                                    change.reason(language)
                                },
                                language)
                        .strip()
                        .replaceAll("^\\((.*)\\)$", "$1"))
                .orElse("");
    }

    private boolean inTheEvening(LocalTime time) {
        LocalTime from = properties.remindAt();
        LocalTime until = from.plus(LATEST_AFTER);
        // A round set late in the evening ends at midnight rather than carry on into the next day's small hours.
        return !time.isBefore(from) && (until.isBefore(from) || time.isBefore(until));
    }

    private record Reminder(
            long id,
            String token,
            String councilId,
            String uprn,
            String address,
            String channel,
            String recipient,
            String language) {}
}
