package org.councilchat.knowledge.bins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.councilchat.knowledge.BankHolidayRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bin dates against the real GOV.UK bank holidays (England and Wales, 2024 to 2027), checked for every
 * day of those years rather than a few hand-picked ones.
 */
class CollectionCalendarTests {

    private static final BankHolidays ENGLAND_AND_WALES = englandAndWales();
    private static final LocalDate FIRST = LocalDate.of(2024, 1, 1);
    private static final LocalDate LAST = LocalDate.of(2027, 12, 31);

    private final CollectionCalendar shifting =
            new CollectionCalendar(ENGLAND_AND_WALES, BankHolidayRule.SHIFT_REST_OF_WEEK);
    private final CollectionCalendar unchanged = new CollectionCalendar(ENGLAND_AND_WALES, BankHolidayRule.NO_CHANGE);

    @Test
    void fridayRoundOnChristmasDayMovesToSaturday() {
        BinRound friday = round(DayOfWeek.FRIDAY, 1, LocalDate.of(2026, 1, 2));
        var next = shifting.upcoming(friday, Map.of(), LocalDate.of(2026, 12, 21), 1)
                .getFirst();
        assertThat(next.usualDate()).isEqualTo(LocalDate.of(2026, 12, 25));
        assertThat(next.date()).isEqualTo(LocalDate.of(2026, 12, 26));
        assertThat(next.reason()).isEqualTo("Christmas Day");
    }

    @Test
    void boxingDaySubstituteMondayMovesTheWholeWeekButNeverOntoNewYearsDay() {
        // Monday 28 December 2026 is the Boxing Day substitute; Friday 1 January 2027 is New Year's Day.
        assertThat(movedTo(DayOfWeek.MONDAY, "2026-12-28")).isEqualTo("2026-12-29");
        assertThat(movedTo(DayOfWeek.WEDNESDAY, "2026-12-30")).isEqualTo("2026-12-31");
        assertThat(movedTo(DayOfWeek.THURSDAY, "2026-12-31")).isEqualTo("2027-01-02");
        assertThat(movedTo(DayOfWeek.FRIDAY, "2027-01-01")).isEqualTo("2027-01-02");
    }

    @Test
    void collectionsBeforeTheHolidayInTheSameWeekDoNotMove() {
        // Good Friday 2026 is 3 April: Monday to Thursday that week are as usual.
        assertThat(movedTo(DayOfWeek.MONDAY, "2026-03-30")).isEqualTo("2026-03-30");
        assertThat(movedTo(DayOfWeek.THURSDAY, "2026-04-02")).isEqualTo("2026-04-02");
        assertThat(movedTo(DayOfWeek.FRIDAY, "2026-04-03")).isEqualTo("2026-04-04");
    }

    @Test
    void aShiftedCollectionThatFallsTodayIsStillUpcoming() {
        // Friday's Christmas collection happens on Saturday 26 December: asked that Saturday, it is today.
        BinRound friday = round(DayOfWeek.FRIDAY, 1, LocalDate.of(2026, 1, 2));
        var next = shifting.upcoming(friday, Map.of(), LocalDate.of(2026, 12, 26), 1)
                .getFirst();
        assertThat(next.date()).isEqualTo(LocalDate.of(2026, 12, 26));
    }

    @Test
    void explicitExceptionsWinOverTheRule() {
        BinRound friday = round(DayOfWeek.FRIDAY, 1, LocalDate.of(2026, 1, 2));
        LocalDate christmas = LocalDate.of(2026, 12, 25);
        var moved = Map.of(
                christmas, new CollectionException(friday.id(), christmas, LocalDate.of(2026, 12, 29), "Christmas"));
        assertThat(shifting.upcoming(friday, moved, LocalDate.of(2026, 12, 21), 1)
                        .getFirst()
                        .date())
                .isEqualTo(LocalDate.of(2026, 12, 29));

        var cancelled = Map.of(christmas, new CollectionException(friday.id(), christmas, null, "Christmas"));
        List<CollectionCalendar.Collection> upcoming =
                shifting.upcoming(friday, cancelled, LocalDate.of(2026, 12, 21), 1);
        assertThat(upcoming.getFirst().cancelled()).isTrue();
        assertThat(upcoming.get(1).date()).isEqualTo(LocalDate.of(2027, 1, 2));
    }

    @Test
    void seasonalRoundStartsAndStopsOnItsDates() {
        // A garden round that runs from March to November only.
        BinRound garden = new BinRound(
                "GDN",
                "garden",
                "Green bin (garden waste)",
                "green",
                DayOfWeek.WEDNESDAY,
                2,
                LocalDate.of(2026, 1, 7),
                LocalDate.of(2026, 3, 1),
                LocalDate.of(2026, 11, 30),
                true);
        assertThat(unchanged
                        .upcoming(garden, Map.of(), LocalDate.of(2026, 1, 10), 1)
                        .getFirst()
                        .date())
                .as("first collection of the season")
                .isEqualTo(LocalDate.of(2026, 3, 4));
        assertThat(unchanged.upcoming(garden, Map.of(), LocalDate.of(2026, 11, 20), 2))
                .as("only one collection left before the round ends")
                .extracting(CollectionCalendar.Collection::date)
                .containsExactly(LocalDate.of(2026, 11, 25));
        assertThat(unchanged.upcoming(garden, Map.of(), LocalDate.of(2026, 12, 1), 2))
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(
            value = DayOfWeek.class,
            names = {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"})
    void everyShiftedCollectionIsADayOrTwoLateAndNeverOnABankHoliday(DayOfWeek day) {
        for (int interval : new int[] {1, 2, 3}) {
            BinRound round = round(day, interval, FIRST.with(java.time.temporal.TemporalAdjusters.nextOrSame(day)));
            LocalDate previous = null;
            for (var c : shifting.upcoming(round, Map.of(), FIRST, occurrences(interval))) {
                long late = ChronoUnit.DAYS.between(c.usualDate(), c.date());
                assertThat(late).as("%s", c).isBetween(0L, 3L);
                assertThat(ENGLAND_AND_WALES.on(c.date())).as("%s", c).isEmpty();
                assertThat(c.changed()).as("%s", c).isEqualTo(holidayFromMondayTo(c.usualDate()));
                if (previous != null) {
                    assertThat(c.date()).as("order").isAfter(previous);
                }
                previous = c.date();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = DayOfWeek.class,
            names = {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"})
    void withoutTheRuleEveryCollectionIsOnItsUsualDayInStep(DayOfWeek day) {
        BinRound fortnightly =
                round(day, 2, LocalDate.of(2025, 6, 2).with(java.time.temporal.TemporalAdjusters.nextOrSame(day)));
        LocalDate previous = null;
        for (var c : unchanged.upcoming(fortnightly, Map.of(), FIRST, occurrences(2))) {
            assertThat(c.date()).isEqualTo(c.usualDate());
            assertThat(c.date().getDayOfWeek()).isEqualTo(day);
            if (previous != null) {
                assertThat(ChronoUnit.DAYS.between(previous, c.date())).isEqualTo(14);
            }
            previous = c.date();
        }
    }

    @Test
    void nextOnOrAfterIsAlwaysTheFirstInStepDayOnOrAfter() {
        BinRound fortnightly = round(DayOfWeek.TUESDAY, 2, LocalDate.of(2026, 1, 6));
        for (LocalDate day = FIRST; !day.isAfter(LAST); day = day.plusDays(1)) {
            LocalDate next = fortnightly.nextOnOrAfter(day);
            assertThat(next).isAfterOrEqualTo(day).isBefore(day.plusDays(14));
            assertThat(next.getDayOfWeek()).isEqualTo(DayOfWeek.TUESDAY);
            assertThat(Math.floorMod(ChronoUnit.DAYS.between(LocalDate.of(2026, 1, 6), next), 14))
                    .isZero();
        }
    }

    private String movedTo(DayOfWeek day, String usual) {
        LocalDate date = LocalDate.parse(usual);
        BinRound weekly = round(day, 1, date);
        return shifting.upcoming(weekly, Map.of(), date, 1).getFirst().date().toString();
    }

    private static boolean holidayFromMondayTo(LocalDate day) {
        for (LocalDate d = day.with(DayOfWeek.MONDAY); !d.isAfter(day); d = d.plusDays(1)) {
            if (ENGLAND_AND_WALES.on(d).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static int occurrences(int intervalWeeks) {
        return (int) (ChronoUnit.WEEKS.between(FIRST, LAST) / intervalWeeks);
    }

    private static BinRound round(DayOfWeek day, int intervalWeeks, LocalDate reference) {
        return new BinRound(
                "R-" + day + "-" + intervalWeeks, "refuse", "Black bin", "black", day, intervalWeeks, reference);
    }

    private static BankHolidays englandAndWales() {
        InputStream json = CollectionCalendarTests.class.getResourceAsStream("/bins/uk-bank-holidays.json");
        return BankHolidays.read(json, "england-and-wales");
    }
}
