package org.councilchat.staff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.councilchat.knowledge.LoggedValue;
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
 * right password clears its username's count and its address's. The counts live in memory, per server, and are
 * forgotten at a restart; they are bounded and forget by age, never by use: a guesser cannot push a username's
 * record out by trying many names (the per-address wait makes many names slow to try, too). When full of live
 * records, new ones are not kept (and that is logged) until old ones expire.
 *
 * <p>The address is the client's as the servlet container sees it, which behind the council's proxy is the
 * resident's or agent's own (see {@code server.forward-headers-strategy}).
 */
@Component
class SignInAttempts {

    /** Wrong passwords from one address before it has to wait between attempts. */
    static final int FREE_FAILURES_PER_ADDRESS = 5;

    /** Records kept at once of each kind. */
    private static final int MOST_TRACKED = 50_000;

    private static final Logger log = LoggerFactory.getLogger(SignInAttempts.class);

    private final int allowedPerName;
    private final Duration lockout;
    private final Clock clock;
    private final Map<String, Failures> byName = new HashMap<>();
    private final Map<String, Failures> byAddress = new HashMap<>();
    /** "username address" pairs that got the username's password wrong within the period. */
    private final Map<String, Failures> byNameAndAddress = new HashMap<>();

    private Instant nextSweep = Instant.MIN;

    SignInAttempts(StaffProperties properties, Clock clock) {
        this.allowedPerName = properties.signInAttempts();
        this.lockout = properties.lockout();
        this.clock = clock;
    }

    /** Wrong passwords counted since {@code since}, the latest at {@code last}. */
    private record Failures(int count, Instant since, Instant last) {}

    /** Whether a sign-in as {@code username} from the current request's address is refused unchecked. */
    boolean locked(String username) {
        return locked(username, currentAddress());
    }

    /** Whether a sign-in as {@code username} from {@code address} is refused before its password is checked. */
    synchronized boolean locked(String username, String address) {
        Instant now = clock.instant();
        Failures fromAddress = live(byAddress, address, now);
        if (fromAddress != null && now.isBefore(waitUntil(fromAddress))) {
            return true;
        }
        Failures forName = live(byName, key(username), now);
        return forName != null
                && forName.count() >= allowedPerName
                && live(byNameAndAddress, pair(username, address), now) != null;
    }

    synchronized void failed(String username, String address) {
        Instant now = clock.instant();
        int forName = count(byName, key(username), now);
        count(byAddress, address, now);
        count(byNameAndAddress, pair(username, address), now);
        if (forName == allowedPerName) {
            log.warn(
                    "Staff sign-in for '{}' locked for {} against the addresses that got its password wrong",
                    LoggedValue.of(username),
                    lockout);
        }
    }

    synchronized void succeeded(String username, String address) {
        byName.remove(key(username));
        byAddress.remove(address);
        byNameAndAddress.remove(pair(username, address));
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

    /** The record, unless the period has passed since its last failure. */
    private Failures live(Map<String, Failures> records, String key, Instant now) {
        Failures known = records.get(key);
        return known == null || !now.isBefore(known.last().plus(lockout)) ? null : known;
    }

    /** Adds one failure, starting afresh once the period has passed since the last; returns the new count. */
    private int count(Map<String, Failures> records, String key, Instant now) {
        Failures known = live(records, key, now);
        if (known == null && records.size() >= MOST_TRACKED) {
            // NOTE: a sweep reads every record; at most one a second, so a flood of names cannot make each
            // failure cost that.
            if (!now.isBefore(nextSweep)) {
                records.values().removeIf(old -> !now.isBefore(old.last().plus(lockout)));
                nextSweep = now.plusSeconds(1);
            }
            if (records.size() >= MOST_TRACKED) {
                log.warn("Sign-in failures: {} records live at once, not keeping more until some expire", MOST_TRACKED);
                return 0;
            }
        }
        Failures next = known == null ? new Failures(1, now, now) : new Failures(known.count() + 1, known.since(), now);
        records.put(key, next);
        return next.count();
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
