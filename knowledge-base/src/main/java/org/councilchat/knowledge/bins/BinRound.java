package org.councilchat.knowledge.bins;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import org.councilchat.knowledge.NextCollection;

/**
 * A collection round: one waste stream collected on one weekday every {@code intervalWeeks} weeks, in
 * step with {@code referenceDate} (a day on which it was, or will be, collected), optionally only between
 * {@code startDate} and {@code endDate}; {@code subscriptionOnly} rounds (garden waste) serve subscribers.
 * {@code welshName} is the council's Welsh name for the bin, or null where it gave none (then one is made from
 * the stream and colour, {@link NextCollection#welshNameFor}).
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
        boolean subscriptionOnly,
        String welshName) {

    /** A round that runs indefinitely and serves everyone on it. */
    public BinRound(
            String id,
            String stream,
            String name,
            String colour,
            DayOfWeek dayOfWeek,
            int intervalWeeks,
            LocalDate referenceDate) {
        this(id, stream, name, colour, dayOfWeek, intervalWeeks, referenceDate, null, null, false, null);
    }

    /** A round whose bin the council named in English only. */
    public BinRound(
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
        this(
                id,
                stream,
                name,
                colour,
                dayOfWeek,
                intervalWeeks,
                referenceDate,
                startDate,
                endDate,
                subscriptionOnly,
                null);
    }

    /** The bin's Welsh name: the council's, or one made from the stream and colour. */
    public String welshNameOrMade() {
        return welshName != null && !welshName.isBlank()
                ? welshName
                : NextCollection.welshNameFor(stream, colour, name);
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
