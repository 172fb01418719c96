package org.councilchat.knowledge.bins;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * A collection round: one waste stream collected on one weekday every {@code intervalWeeks} weeks, in
 * step with {@code referenceDate} (a day on which it was, or will be, collected).
 */
public record BinRound(
        String id,
        String stream,
        String name,
        String colour,
        DayOfWeek dayOfWeek,
        int intervalWeeks,
        LocalDate referenceDate) {

    public BinRound {
        if (intervalWeeks < 1) {
            throw new IllegalArgumentException("A round runs at least every week");
        }
        if (referenceDate.getDayOfWeek() != dayOfWeek) {
            throw new IllegalArgumentException(
                    "Round " + id + ": reference date " + referenceDate + " is not a " + dayOfWeek);
        }
    }

    /** The first collection day on or after {@code day}. */
    public LocalDate nextOnOrAfter(LocalDate day) {
        LocalDate candidate = day.with(TemporalAdjusters.nextOrSame(dayOfWeek));
        long weeksFromReference = ChronoUnit.DAYS.between(referenceDate, candidate) / 7;
        long offCycle = Math.floorMod(weeksFromReference, intervalWeeks);
        return offCycle == 0 ? candidate : candidate.plusWeeks(intervalWeeks - offCycle);
    }
}
