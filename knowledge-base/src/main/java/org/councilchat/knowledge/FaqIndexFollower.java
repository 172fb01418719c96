package org.councilchat.knowledge;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Keeps this server's FAQ index following the database, where other servers publish too: once a second, on a
 * thread of its own so that no resident's search waits for it. One server alone sees only its own saves, which
 * its index already has, so the check finds nothing to do.
 */
@Component
class FaqIndexFollower implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FaqIndexFollower.class);

    /** The brief for several servers: an FAQ published on one is answered on the others within 2 seconds. */
    private static final long EVERY_MILLISECONDS = 1_000;

    private final ScheduledExecutorService follower;

    FaqIndexFollower(KnowledgeBase knowledge) {
        this.follower = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("faq-index-follower").factory());
        follower.scheduleWithFixedDelay(
                () -> {
                    try {
                        knowledge.catchUp();
                    } catch (RuntimeException e) {
                        // The database may be restarting; the next round tries again, and search carries on.
                        log.warn("Could not bring the FAQ index up to date from the database: {}", e.toString());
                    }
                },
                EVERY_MILLISECONDS,
                EVERY_MILLISECONDS,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        follower.shutdownNow();
    }
}
