package org.councilchat.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.councilchat.councils.Council;
import org.councilchat.councils.Councils;
import org.councilchat.engine.Bot;
import org.councilchat.handoff.Cases;
import org.councilchat.handoff.Conversations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Deletes residents' conversations once their council's retention period has passed since they were last touched
 * (each council of a shared service keeps to its own schedule, {@code council-chat.councils[].retention}; the rest
 * to {@code council-chat.retention.conversations}): the
 * transcript with its notes and rating, what the bot learned in it (postcode, address, contact details), and the
 * messages residents left once staff have closed them. Runs an hour after the start and then once a day, on one
 * server of a cluster a day (ShedLock's {@code retention-purge} lock, held 23 hours); the log says how many went,
 * never what they said.
 */
@Component
class PersonalDataRetention implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataRetention.class);

    private static final Duration HELD_FOR = Duration.ofHours(23);

    private final Conversations conversations;
    private final Cases cases;
    private final Bot bot;
    private final RetentionProperties properties;
    private final Councils councils;
    private final Clock clock;
    private final LockingTaskExecutor onceInTheCluster;
    private final ScheduledExecutorService daily;

    PersonalDataRetention(
            Conversations conversations,
            Cases cases,
            Bot bot,
            RetentionProperties properties,
            Councils councils,
            Clock clock,
            LockingTaskExecutor onceInTheCluster) {
        this.councils = councils;
        this.conversations = conversations;
        this.cases = cases;
        this.bot = bot;
        this.properties = properties;
        this.clock = clock;
        this.onceInTheCluster = onceInTheCluster;
        this.daily = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "personal-data-retention");
            thread.setDaemon(true);
            return thread;
        });
        daily.scheduleAtFixedRate(this::purgeOnOneServer, 60, TimeUnit.DAYS.toMinutes(1), TimeUnit.MINUTES);
    }

    /** What one purge deleted. */
    record Purged(int conversations, int botFindings, int closedCases) {}

    /** Deletes everything older than its council's retention period as of {@code now}. */
    Purged purge(Instant now) {
        Instant cutoff = now.minus(properties.conversations());
        Set<String> ownSchedules = new LinkedHashSet<>();
        List<String> conversationsGone = new ArrayList<>();
        int casesGone = 0;
        // The longest period of all: what the bot learned in a chat with no transcript (Rasa's REST channel) has
        // no council, and goes then.
        Instant earliest = cutoff;
        for (Council council : councils.all()) {
            if (council.retention() != null) {
                Instant own = now.minus(council.retention());
                ownSchedules.add(council.id());
                conversationsGone.addAll(conversations.forgetIdleSince(council.id(), own));
                casesGone += cases.forgetClosedBefore(council.id(), own);
                earliest = own.isBefore(earliest) ? own : earliest;
            }
        }
        conversationsGone.addAll(conversations.forgetIdleSinceExcept(ownSchedules, cutoff));
        casesGone += cases.forgetClosedBeforeExcept(ownSchedules, cutoff);
        // What the bot learned in each chat goes with its transcript.
        int findingsGone = bot.forgetConversations(conversationsGone) + bot.forgetConversationsIdleSince(earliest);
        return new Purged(conversationsGone.size(), findingsGone, casesGone);
    }

    private void purgeOnOneServer() {
        // Servers started at different times each run daily at their own hour: the lock, held for 23 hours whether
        // the purge is quick or not, lets the first of them purge and the rest skip that day.
        try {
            onceInTheCluster.executeWithLock(
                    (Runnable) this::purgeQuietly,
                    new LockConfiguration(clock.instant(), "retention-purge", HELD_FOR, HELD_FOR));
        } catch (RuntimeException e) {
            log.warn("Could not take the retention lock; trying again tomorrow", e);
        }
    }

    private void purgeQuietly() {
        try {
            Purged purged = purge(clock.instant());
            if (purged.conversations() + purged.botFindings() + purged.closedCases() > 0) {
                log.info(
                        "Deleted {} conversations, the bot's findings in {}, and {} closed messages left by residents,"
                                + " all older than their council's retention period",
                        purged.conversations(),
                        purged.botFindings(),
                        purged.closedCases());
            }
        } catch (RuntimeException e) {
            log.warn("Could not delete old conversations; trying again tomorrow", e);
        }
    }

    @Override
    public void destroy() {
        daily.shutdownNow();
    }
}
