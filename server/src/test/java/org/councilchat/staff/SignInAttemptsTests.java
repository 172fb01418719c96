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

    @Test
    void aUsernameIsLockedAfterTooManyWrongPasswordsAndUnlockedOnceTheLockoutHasPassed() {
        attempts.failed("sam");
        attempts.failed("Sam");
        assertThat(attempts.locked("sam")).isFalse();

        attempts.failed("SAM ");

        assertThat(attempts.locked("sam"))
                .as("the same username however it is typed")
                .isTrue();
        assertThat(attempts.locked("alex")).isFalse();
        clock.pass(Duration.ofMinutes(15).plusSeconds(1));
        assertThat(attempts.locked("sam")).isFalse();
    }

    @Test
    void aRightPasswordClearsTheCount() {
        attempts.failed("sam");
        attempts.failed("sam");
        attempts.succeeded("sam");
        attempts.failed("sam");

        assertThat(attempts.locked("sam")).isFalse();
    }

    @Test
    void wrongPasswordsLongAgoNoLongerCount() {
        attempts.failed("sam");
        attempts.failed("sam");
        clock.pass(Duration.ofMinutes(16));
        attempts.failed("sam");

        assertThat(attempts.locked("sam")).isFalse();
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aUsernameCannotForgeALineInTheLog(CapturedOutput log) {
        String forged = "sam\r\n2026-11-30T09:00:00Z INFO Staff sign-in for 'admin' succeeded";
        for (int i = 0; i < 3; i++) {
            attempts.failed(forged);
        }

        assertThat(log.getAll())
                .contains("Staff sign-in for 'sam\\r\\n2026-11-30T09:00:00Z INFO Staff sign-in for 'admin' succeeded'")
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
