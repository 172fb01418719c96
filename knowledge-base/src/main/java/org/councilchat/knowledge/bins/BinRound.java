package org.councilchat.knowledge.bins;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * A collection round: one waste stream collected on one weekday every {@code intervalWeeks} weeks, in
 * step with {@code referenceDate} (a day on which it was, or will be, collected), optionally only between
 * {@code startDate} and {@code endDate}; {@code subscriptionOnly} rounds (garden waste) serve subscribers.
 */
public record BinRound(
        String id,
        String stream,
        String name,
        String colour,
        DayOfWeek dayOfWeek,
        int intervalWeeks,
        LocalDate referenceDate,
        LocalDate startDate,
        LocalDate endDate,
        boolean subscriptionOnly) {

    /** A round that runs indefinitely and serves everyone on it. */
    public BinRound(
            String id,
            String stream,
            String name,
            String colour,
            DayOfWeek dayOfWeek,
            int intervalWeeks,
            LocalDate referenceDate) {
        this(id, stream, name, colour, dayOfWeek, intervalWeeks, referenceDate, null, null, false);
    }

    public BinRound {
        if (intervalWeeks < 1) {
            throw new IllegalArgumentException("A round runs at least every week");
        }
        if (startDate != null && endDate != null && endDate.isBefore(startDate)) {
            throw new IllegalArgumentException(
                    "Round " + id + ": end date " + endDate + " is before its start " + startDate);
        }
        if (referenceDate.getDayOfWeek() != dayOfWeek) {
            throw new IllegalArgumentException(
                    "Round " + id + ": reference date " + referenceDate + " is not a " + dayOfWeek);
        }
    }

    /** True when the round runs on {@code day} (between its start and end dates, where set). */
    public boolean runsOn(LocalDate day) {
        return (startDate == null || !day.isBefore(startDate)) && (endDate == null || !day.isAfter(endDate));
    }

    /** The first day of the regular schedule on or after {@code day}, ignoring start and end dates. */
    public LocalDate nextOnOrAfter(LocalDate day) {
        LocalDate candidate = day.with(TemporalAdjusters.nextOrSame(dayOfWeek));
        long weeksFromReference = ChronoUnit.DAYS.between(referenceDate, candidate) / 7;
        long offCycle = Math.floorMod(weeksFromReference, intervalWeeks);
        return offCycle == 0 ? candidate : candidate.plusWeeks(intervalWeeks - offCycle);
    }
}
