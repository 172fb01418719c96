package org.councilchat.staff;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Deletes wrong-password records whose last failure is older than the lockout period: they count for nothing
 * already, and without the purge a guesser trying many names would leave the table growing. Once a lockout period
 * (at most hourly), on one server of a cluster at a time (ShedLock's {@code sign-in-failures-purge} lock).
 */
@Component
class ExpiredSignInFailures implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ExpiredSignInFailures.class);

    private final SignInFailures failures;
    private final LockingTaskExecutor onceInTheCluster;
    private final Duration lockout;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "sign-in-failures-purge");
        thread.setDaemon(true);
        return thread;
    });

    ExpiredSignInFailures(
            SignInFailures failures, LockingTaskExecutor onceInTheCluster, StaffProperties properties, Clock clock) {
        this.failures = failures;
        this.onceInTheCluster = onceInTheCluster;
        this.lockout = properties.lockout();
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        long every = every().toMillis();
        timer.scheduleWithFixedDelay(this::purgeOnOneServer, every, every, TimeUnit.MILLISECONDS);
    }

    /** Deletes the records that no longer count; returns how many went. */
    int purge() {
        return failures.forgetExpired(clock.instant().minus(lockout));
    }

    private Duration every() {
        Duration hour = Duration.ofHours(1);
        return lockout.compareTo(hour) < 0 ? lockout : hour;
    }

    private void purgeOnOneServer() {
        try {
            // Held at least half a round, so the other servers skip the round this one just did.
            onceInTheCluster.executeWithLock(
                    (Runnable) this::purge,
                    new LockConfiguration(clock.instant(), "sign-in-failures-purge", every(), every().dividedBy(2)));
        } catch (RuntimeException failure) {
            // Old records count for nothing meanwhile; the next round tries again.
            log.warn("Could not delete expired sign-in failures", failure);
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
