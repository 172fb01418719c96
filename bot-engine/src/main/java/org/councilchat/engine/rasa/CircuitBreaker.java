package org.councilchat.engine.rasa;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stops calling a server that keeps failing: after {@code threshold} failures in a row it stays open for
 * {@code pause}, so residents get the built-in answer at once instead of waiting for timeouts; then one call
 * is let through to see whether the server is back.
 */
public final class CircuitBreaker {

    private final int threshold;
    private final Duration pause;
    private final Clock clock;
    private int failures;
    private Instant openUntil = Instant.MIN;

    public CircuitBreaker(int threshold, Duration pause, Clock clock) {
        this.threshold = Math.max(1, threshold);
        this.pause = pause;
        this.clock = clock;
    }

    /** True when a call may be made now. */
    public synchronized boolean allows() {
        return !clock.instant().isBefore(openUntil);
    }

    public synchronized boolean isOpen() {
        return !allows();
    }

    public synchronized void succeeded() {
        failures = 0;
        openUntil = Instant.MIN;
    }

    public synchronized void failed() {
        failures++;
        if (failures >= threshold) {
            openUntil = clock.instant().plus(pause);
        }
    }
}
