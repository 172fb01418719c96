package org.councilchat.staff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.councilchat.knowledge.LoggedValue;
import org.councilchat.staff.SignInFailures.Failures;
import org.councilchat.staff.SignInFailures.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Stops password guessing at the staff sign-in without handing a stranger a way to lock every agent out. Two
 * counts, each over the lockout period ({@code council-chat.staff.lockout}):
 *
 * <ul>
 *   <li><b>Per address.</b> An address's first {@value #FREE_FAILURES_PER_ADDRESS} wrong passwords cost nothing;
 *       after that each further attempt from it must wait twice as long as the last (1 s, 2 s, 4 s ...) up to the
 *       lockout period, so one address gets a few dozen guesses a period at most, for any names.
 *   <li><b>Per username.</b> After {@code council-chat.staff.sign-in-attempts} wrong passwords for one username
 *       (from anywhere) it is locked, but only against the addresses that got its password wrong. Anyone else,
 *       the agent at their own desk in particular, can still sign in with the right password. So a guesser locks
 *       themselves out, not the agent; a guesser with many addresses gets one more guess per address per period.
 * </ul>
 *
 * A made-up username is counted exactly as a real one, so a lock says nothing about which usernames exist. A
 * right password clears its username's count and its address's. The counts live in the database every server
 * shares ({@link SignInFailures}), so a guesser spreading attempts over a cluster's servers (the load balancer does
 * it for them) gets no more guesses than against one, and a restart forgets nothing. They are forgotten by age, never
 * by use: a guesser cannot push a username's record out by trying many names, and records older than the period
 * are purged ({@link ExpiredSignInFailures}).
 *
 * <p>NOTE: each sign-in costs a few indexed queries, and each wrong password three updates. Times are this server's
 * clock; servers kept within a second of each other (NTP) agree on the waits.
 *
 * <p>The address is the client's as the servlet container sees it, which behind the council's proxy is the
 * resident's or agent's own (see {@code server.forward-headers-strategy}).
 */
@Component
class SignInAttempts {

    /** Wrong passwords from one address before it has to wait between attempts. */
    static final int FREE_FAILURES_PER_ADDRESS = 5;

    private static final Logger log = LoggerFactory.getLogger(SignInAttempts.class);

    private final SignInFailures failures;
    private final int allowedPerName;
    private final Duration lockout;
    private final Clock clock;

    SignInAttempts(SignInFailures failures, StaffProperties properties, Clock clock) {
        this.failures = failures;
        this.allowedPerName = properties.signInAttempts();
        this.lockout = properties.lockout();
        this.clock = clock;
    }

    /** Whether a sign-in as {@code username} from the current request's address is refused unchecked. */
    boolean locked(String username) {
        return locked(username, currentAddress());
    }

    /** Whether a sign-in as {@code username} from {@code address} is refused before its password is checked. */
    boolean locked(String username, String address) {
        Instant now = clock.instant();
        Instant expiredBy = now.minus(lockout);
        Optional<Failures> fromAddress = failures.live(Kind.ADDRESS, address, expiredBy);
        if (fromAddress.isPresent() && now.isBefore(waitUntil(fromAddress.get()))) {
            return true;
        }
        return failures.live(Kind.NAME, key(username), expiredBy)
                        .filter(forName -> forName.count() >= allowedPerName)
                        .isPresent()
                && failures.live(Kind.NAME_AND_ADDRESS, pair(username, address), expiredBy)
                        .isPresent();
    }

    void failed(String username, String address) {
        Instant now = clock.instant();
        Instant expiredBy = now.minus(lockout);
        int forName = failures.count(Kind.NAME, key(username), now, expiredBy);
        failures.count(Kind.ADDRESS, address, now, expiredBy);
        failures.count(Kind.NAME_AND_ADDRESS, pair(username, address), now, expiredBy);
        if (forName == allowedPerName) {
            log.warn(
                    "Staff sign-in for '{}' locked for {} against the addresses that got its password wrong",
                    LoggedValue.of(username),
                    lockout);
        }
    }

    void succeeded(String username, String address) {
        failures.forget(Kind.NAME, key(username));
        failures.forget(Kind.ADDRESS, address);
        failures.forget(Kind.NAME_AND_ADDRESS, pair(username, address));
    }

    Duration lockout() {
        return lockout;
    }

    @EventListener
    void wrongPassword(AuthenticationFailureBadCredentialsEvent event) {
        failed(event.getAuthentication().getName(), currentAddress());
    }

    @EventListener
    void signedIn(AuthenticationSuccessEvent event) {
        succeeded(event.getAuthentication().getName(), currentAddress());
    }

    /** After the free failures, 1 s after the last, then 2 s, 4 s ... never more than the lockout period. */
    private Instant waitUntil(Failures fromAddress) {
        int over = fromAddress.count() - FREE_FAILURES_PER_ADDRESS;
        if (over <= 0) {
            return Instant.MIN;
        }
        Duration wait = over > 30 ? lockout : Duration.ofSeconds(1L << (over - 1));
        return fromAddress.last().plus(wait.compareTo(lockout) > 0 ? lockout : wait);
    }

    private static String currentAddress() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                ? request.getRequest().getRemoteAddr()
                : "";
    }

    private static String pair(String username, String address) {
        return key(username) + " " + address;
    }

    private static String key(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }
}
