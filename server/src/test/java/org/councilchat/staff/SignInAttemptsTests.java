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

class SignInAttemptsTests {

    private final MovingClock clock = new MovingClock();
    private final SignInAttempts attempts =
            new SignInAttempts(new StaffProperties(List.of(), 3, Duration.ofMinutes(15)), clock);

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
    void trying50000MadeUpNamesDoesNotPushOutALockedUsername() {
        for (int i = 0; i < 3; i++) {
            attempts.failed("sam", GUESSER);
        }

        // from as many addresses as names, so that no address has to wait
        for (int i = 0; i < 60_000; i++) {
            attempts.failed("made-up-" + i, "10.0." + (i / 250) + "." + (i % 250));
        }

        assertThat(attempts.locked("sam", GUESSER)).isTrue();
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
