package org.councilchat.staff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.councilchat.knowledge.LoggedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Stops password guessing at the staff sign-in: after {@code council-chat.staff.sign-in-attempts} wrong passwords
 * for one username within the lockout period, that username is locked for the lockout period, whether or not
 * such an account exists (so a lock says nothing about which usernames are real). A right password, or the
 * period passing, clears the count. Counts are per server and are forgotten at a restart.
 */
@Component
class SignInAttempts {

    /** Usernames tracked at once: a guesser trying endless made-up names cannot fill the memory. */
    private static final int MOST_TRACKED = 10_000;

    private static final Logger log = LoggerFactory.getLogger(SignInAttempts.class);

    private final int allowed;
    private final Duration lockout;
    private final Clock clock;
    private final Map<String, Failures> failures = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > MOST_TRACKED;
        }
    };

    SignInAttempts(StaffProperties properties, Clock clock) {
        this.allowed = properties.signInAttempts();
        this.lockout = properties.lockout();
        this.clock = clock;
    }

    /** Wrong passwords since {@code since}, and until when the username is locked (null when it is not). */
    private record Failures(int count, Instant since, Instant lockedUntil) {}

    synchronized boolean locked(String username) {
        Failures known = failures.get(key(username));
        return known != null && known.lockedUntil() != null && clock.instant().isBefore(known.lockedUntil());
    }

    synchronized void failed(String username) {
        Instant now = clock.instant();
        Failures known = failures.get(key(username));
        if (known == null || now.isAfter(known.since().plus(lockout))) {
            known = new Failures(0, now, null);
        }
        int count = known.count() + 1;
        Instant lockedUntil = count >= allowed ? now.plus(lockout) : null;
        failures.put(key(username), new Failures(count, known.since(), lockedUntil));
        if (count == allowed) {
            log.warn(
                    "Staff sign-in for '{}' locked for {} after {} wrong passwords",
                    LoggedValue.of(username),
                    lockout,
                    allowed);
        }
    }

    synchronized void succeeded(String username) {
        failures.remove(key(username));
    }

    Duration lockout() {
        return lockout;
    }

    @EventListener
    void wrongPassword(AuthenticationFailureBadCredentialsEvent event) {
        failed(event.getAuthentication().getName());
    }

    @EventListener
    void signedIn(AuthenticationSuccessEvent event) {
        succeeded(event.getAuthentication().getName());
    }

    private static String key(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }
}
