package org.councilchat.knowledge.bins;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.councilchat.knowledge.BankHolidayRule;

/**
 * Turns a round's regular schedule into the days bins are really collected: explicit exceptions first,
 * then the council's bank-holiday rule.
 */
public final class CollectionCalendar {

    /** A shifted collection can land up to this many days after its usual day. */
    private static final int LONGEST_SHIFT_DAYS = 7;

    private final BankHolidays holidays;
    private final BankHolidayRule rule;

    public CollectionCalendar(BankHolidays holidays, BankHolidayRule rule) {
        this.holidays = holidays;
        this.rule = rule;
    }

    /** The name of the bank holiday on {@code day} in the council's division, if it is one. */
    public Optional<String> bankHoliday(LocalDate day) {
        return holidays.on(day);
    }

    /** One real collection, or a cancelled one (date null), with why it differs from the usual day. */
    public record Collection(LocalDate usualDate, LocalDate date, String reason) {
        public boolean changed() {
            return !usualDate.equals(date);
        }

        public boolean cancelled() {
            return date == null;
        }
    }

    /**
     * The next {@code count} collections on or after {@code from}, in date order, plus any cancellation that
     * falls between {@code from} and the first of them (so a resident is told why a usual day is skipped).
     * A round with an end date may have fewer, or none.
     */
    public List<Collection> upcoming(
            BinRound round, Map<LocalDate, CollectionException> exceptions, LocalDate from, int count) {
        List<Collection> upcoming = new ArrayList<>();
        LocalDate start = from.minusDays(LONGEST_SHIFT_DAYS);
        if (round.startDate() != null && round.startDate().isAfter(start)) {
            start = round.startDate();
        }
        LocalDate usual = round.nextOnOrAfter(start);
        while (upcoming.stream().filter(c -> !c.cancelled()).count() < count) {
            if (round.endDate() != null && usual.isAfter(round.endDate())) {
                break; // the round has ended: fewer collections than asked for, perhaps none
            }
            Collection collection = resolve(usual, exceptions.get(usual));
            boolean cancelledAhead = collection.cancelled() && !usual.isBefore(from);
            boolean collectedAhead =
                    !collection.cancelled() && !collection.date().isBefore(from);
            if (cancelledAhead || collectedAhead) {
                upcoming.add(collection);
            }
            usual = round.nextOnOrAfter(usual.plusDays(1));
        }
        upcoming.sort((a, b) -> dayOf(a).compareTo(dayOf(b)));
        return upcoming;
    }

    private static LocalDate dayOf(Collection collection) {
        return collection.cancelled() ? collection.usualDate() : collection.date();
    }

    private Collection resolve(LocalDate usual, CollectionException exception) {
        if (exception != null) {
            return new Collection(usual, exception.newDate(), exception.reason());
        }
        if (rule == BankHolidayRule.SHIFT_REST_OF_WEEK) {
            return shiftedForHolidays(usual);
        }
        return new Collection(usual, usual, null);
    }

    /**
     * One day later when a weekday bank holiday falls from Monday up to the usual day, and never onto a bank
     * holiday itself: with Christmas on Monday and Boxing Day on Tuesday (2028), Monday's round goes to
     * Wednesday; a Thursday round in a week ending with New Year's Day on Friday goes to Saturday.
     */
    private Collection shiftedForHolidays(LocalDate usual) {
        LocalDate monday = usual.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        String reason = null;
        for (LocalDate day = monday; !day.isAfter(usual) && reason == null; day = day.plusDays(1)) {
            if (day.getDayOfWeek().getValue() <= DayOfWeek.FRIDAY.getValue()) {
                reason = holidays.on(day).orElse(null);
            }
        }
        if (reason == null) {
            return new Collection(usual, usual, null);
        }
        LocalDate moved = usual.plusDays(1);
        while (holidays.on(moved).isPresent()) {
            moved = moved.plusDays(1);
        }
        return new Collection(usual, moved, reason);
    }
}
