package org.councilchat.retention;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.councilchat.engine.Bot;
import org.councilchat.handoff.Cases;
import org.councilchat.handoff.Conversations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Deletes residents' conversations once the retention period has passed since they were last touched: the
 * transcript with its notes and rating, what the bot learned in it (postcode, address, contact details), and the
 * messages residents left once staff have closed them. Runs an hour after the start and then once a day; the
 * log says how many went, never what they said.
 */
@Component
class PersonalDataRetention implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataRetention.class);

    private final Conversations conversations;
    private final Cases cases;
    private final Bot bot;
    private final RetentionProperties properties;
    private final Clock clock;
    private final ScheduledExecutorService daily;

    PersonalDataRetention(
            Conversations conversations, Cases cases, Bot bot, RetentionProperties properties, Clock clock) {
        this.conversations = conversations;
        this.cases = cases;
        this.bot = bot;
        this.properties = properties;
        this.clock = clock;
        this.daily = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "personal-data-retention");
            thread.setDaemon(true);
            return thread;
        });
        daily.scheduleAtFixedRate(this::purgeQuietly, 60, TimeUnit.DAYS.toMinutes(1), TimeUnit.MINUTES);
    }

    /** What one purge deleted. */
    record Purged(int conversations, int botFindings, int closedCases) {}

    /** Deletes everything older than the retention period as of {@code now}. */
    Purged purge(Instant now) {
        Instant cutoff = now.minus(properties.conversations());
        return new Purged(
                conversations.forgetIdleSince(cutoff),
                bot.forgetConversationsIdleSince(cutoff),
                cases.forgetClosedBefore(cutoff));
    }

    private void purgeQuietly() {
        try {
            Purged purged = purge(clock.instant());
            if (purged.conversations() + purged.botFindings() + purged.closedCases() > 0) {
                log.info(
                        "Deleted {} conversations, the bot's findings in {}, and {} closed messages left by residents,"
                                + " all older than {}",
                        purged.conversations(),
                        purged.botFindings(),
                        purged.closedCases(),
                        properties.conversations());
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
