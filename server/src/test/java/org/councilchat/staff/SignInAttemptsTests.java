package org.councilchat.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The lockout rules over a real database (H2, or PostgreSQL with {@code -Dcouncil-chat.test.database=postgres}), as
 * several servers sharing it see them.
 */
class SignInAttemptsTests {

    private static final StaffProperties THREE_TRIES = new StaffProperties(List.of(), 3, Duration.ofMinutes(15), null);

    private final MovingClock clock = new MovingClock();
    private final SignInFailures database = new SignInFailures(JdbcClient.create(StaffDatabase.fresh()));
    private final SignInAttempts attempts = new SignInAttempts(database, THREE_TRIES, clock);

    private static final String GUESSER = "203.0.113.9";
    private static final String OFFICE = "198.51.100.4";

    @Test
    void aUsernameIsLockedAgainstTheAddressThatGotItWrongUntilTheLockoutHasPassed() {
        attempts.failed("sam", GUESSER);
        attempts.failed("Sam", GUESSER);
        assertThat(attempts.locked("sam", GUESSER)).isFalse();

        attempts.failed("SAM ", GUESSER);

        assertThat(attempts.locked("sam", GUESSER))
                .as("the same username however it is typed")
                .isTrue();
        assertThat(attempts.locked("alex", GUESSER)).isFalse();
        clock.pass(Duration.ofMinutes(15).plusSeconds(1));
        assertThat(attempts.locked("sam", GUESSER)).isFalse();
    }

    @Test
    void aStrangerCannotLockAnAgentOut() {
        for (String name : List.of("sam", "alex", "priya")) {
            for (int i = 0; i < 3; i++) {
                attempts.failed(name, GUESSER);
            }
        }

        assertThat(attempts.locked("sam", GUESSER)).isTrue();
        assertThat(List.of("sam", "alex", "priya"))
                .as("from the office, which got nothing wrong")
                .allSatisfy(name -> assertThat(attempts.locked(name, OFFICE)).isFalse());
        // A guess from a second address is one more guess, and that address is then locked out of the name too.
        attempts.failed("sam", "192.0.2.50");
        assertThat(attempts.locked("sam", "192.0.2.50")).isTrue();
        assertThat(attempts.locked("sam", OFFICE)).isFalse();
    }

    @Test
    void anAddressWithManyWrongPasswordsWaitsTwiceAsLongEachTime() {
        for (int i = 0; i < SignInAttempts.FREE_FAILURES_PER_ADDRESS; i++) {
            attempts.failed("name-" + i, GUESSER);
        }
        assertThat(attempts.locked("someone-else", GUESSER)).isFalse();

        attempts.failed("name-6", GUESSER);
        assertThat(attempts.locked("someone-else", GUESSER)).isTrue();
        assertThat(attempts.locked("someone-else", OFFICE)).isFalse();
        clock.pass(Duration.ofSeconds(1));
        assertThat(attempts.locked("someone-else", GUESSER)).isFalse();

        attempts.failed("name-7", GUESSER);
        clock.pass(Duration.ofSeconds(1));
        assertThat(attempts.locked("someone-else", GUESSER)).isTrue();
        clock.pass(Duration.ofSeconds(1));
        assertThat(attempts.locked("someone-else", GUESSER)).isFalse();

        for (int i = 0; i < 40; i++) {
            attempts.failed("more-" + i, GUESSER);
        }
        clock.pass(Duration.ofMinutes(14));
        assertThat(attempts.locked("someone-else", GUESSER))
                .as("never more than the lockout period")
                .isTrue();
        clock.pass(Duration.ofMinutes(1));
        assertThat(attempts.locked("someone-else", GUESSER)).isFalse();
    }

    @Test
    void tryingManyMadeUpNamesDoesNotPushOutALockedUsername() {
        for (int i = 0; i < 3; i++) {
            attempts.failed("sam", GUESSER);
        }

        // from as many addresses as names, so that no address has to wait
        for (int i = 0; i < 2_000; i++) {
            attempts.failed("made-up-" + i, "10.0." + (i / 250) + "." + (i % 250));
        }

        assertThat(attempts.locked("sam", GUESSER)).isTrue();
    }

    @Test
    void wrongPasswordsOnEveryServerCountTowardsOneLockout() {
        SignInAttempts otherServer = new SignInAttempts(database, THREE_TRIES, clock);

        attempts.failed("sam", GUESSER);
        otherServer.failed("sam", GUESSER);
        assertThat(otherServer.locked("sam", GUESSER)).isFalse();
        attempts.failed("sam", GUESSER);

        assertThat(otherServer.locked("sam", GUESSER))
                .as("three guesses spread over two servers by the load balancer")
                .isTrue();
        assertThat(otherServer.locked("sam", OFFICE)).isFalse();
        otherServer.succeeded("sam", OFFICE);
        assertThat(attempts.locked("sam", OFFICE)).isFalse();
        assertThat(attempts.locked("sam", GUESSER))
                .as("the agent signing in at their desk on one server clears their count on every server")
                .isFalse();
    }

    @Test
    void theAddressWaitHoldsOnEveryServer() {
        SignInAttempts otherServer = new SignInAttempts(database, THREE_TRIES, clock);
        for (int i = 0; i <= SignInAttempts.FREE_FAILURES_PER_ADDRESS; i++) {
            (i % 2 == 0 ? attempts : otherServer).failed("name-" + i, GUESSER);
        }

        assertThat(attempts.locked("someone-else", GUESSER)).isTrue();
        assertThat(otherServer.locked("someone-else", GUESSER)).isTrue();
    }

    @Test
    void thePurgeDeletesOnlyRecordsThatNoLongerCount() {
        ExpiredSignInFailures purge = new ExpiredSignInFailures(database, null, THREE_TRIES, clock);
        attempts.failed("long-ago", GUESSER);
        clock.pass(Duration.ofMinutes(10));
        for (int i = 0; i < 3; i++) {
            attempts.failed("sam", OFFICE);
        }
        clock.pass(Duration.ofMinutes(6));

        assertThat(purge.purge())
                .as("long-ago's name, address and pair, 16 minutes old; sam's, 6 minutes old, stay")
                .isEqualTo(3);
        assertThat(attempts.locked("sam", OFFICE)).isTrue();
    }

    @Test
    void aRightPasswordClearsTheCount() {
        attempts.failed("sam", OFFICE);
        attempts.failed("sam", OFFICE);
        attempts.succeeded("sam", OFFICE);
        attempts.failed("sam", OFFICE);

        assertThat(attempts.locked("sam", OFFICE)).isFalse();
    }

    @Test
    void wrongPasswordsLongAgoNoLongerCount() {
        attempts.failed("sam", OFFICE);
        attempts.failed("sam", OFFICE);
        clock.pass(Duration.ofMinutes(16));
        attempts.failed("sam", OFFICE);

        assertThat(attempts.locked("sam", OFFICE)).isFalse();
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aUsernameCannotForgeALineInTheLog(CapturedOutput log) {
        String forged = "sam\r\n2026-11-30T09:00:00Z INFO Staff sign-in for 'admin' succeeded";
        for (int i = 0; i < 3; i++) {
            attempts.failed(forged, GUESSER);
        }

        assertThat(log.getAll())
                .contains(
                        "Staff sign-in for 'sam\\r\\n2026-11-30T09:00:00Z INFO Staff sign-in for 'admin' succeeded' locked")
                .doesNotContain("\n2026-11-30T09:00:00Z INFO");
    }

    private static final class MovingClock extends Clock {

        private Instant now = Instant.parse("2026-11-30T09:00:00Z");

        void pass(Duration time) {
            now = now.plus(time);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
