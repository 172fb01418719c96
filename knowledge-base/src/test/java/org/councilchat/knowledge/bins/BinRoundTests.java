package org.councilchat.knowledge.bins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A round's regular schedule, worked out from its reference date alone. */
class BinRoundTests {

    private static final LocalDate MONDAY_5_JANUARY = LocalDate.of(2026, 1, 5);

    private final BinRound weekly = round(DayOfWeek.MONDAY, 1, MONDAY_5_JANUARY);
    private final BinRound fortnightly = round(DayOfWeek.MONDAY, 2, MONDAY_5_JANUARY);

    @Test
    void weeklyRoundIsCollectedEveryWeekOnItsDay() {
        assertThat(weekly.nextOnOrAfter(LocalDate.of(2026, 1, 5))).isEqualTo("2026-01-05");
        assertThat(weekly.nextOnOrAfter(LocalDate.of(2026, 1, 6))).isEqualTo("2026-01-12");
        assertThat(weekly.nextOnOrAfter(LocalDate.of(2026, 1, 11))).isEqualTo("2026-01-12");
        assertThat(weekly.nextOnOrAfter(LocalDate.of(2026, 1, 12))).isEqualTo("2026-01-12");
    }

    @Test
    void fortnightlyRoundOnItsReferenceDateIsCollectedThatDay() {
        assertThat(fortnightly.nextOnOrAfter(MONDAY_5_JANUARY)).isEqualTo(MONDAY_5_JANUARY);
    }

    @Test
    void fortnightlyRoundSkipsTheOffWeek() {
        assertThat(fortnightly.nextOnOrAfter(LocalDate.of(2026, 1, 6))).isEqualTo("2026-01-19");
        assertThat(fortnightly.nextOnOrAfter(LocalDate.of(2026, 1, 12))).isEqualTo("2026-01-19");
        assertThat(fortnightly.nextOnOrAfter(LocalDate.of(2026, 1, 19))).isEqualTo("2026-01-19");
        assertThat(fortnightly.nextOnOrAfter(LocalDate.of(2026, 1, 20))).isEqualTo("2026-02-02");
    }

    @Test
    void datesBeforeTheReferenceDateAreInStepWithIt() {
        assertThat(fortnightly.nextOnOrAfter(LocalDate.of(2025, 12, 30))).isEqualTo("2026-01-05");
        assertThat(fortnightly.nextOnOrAfter(LocalDate.of(2025, 12, 20))).isEqualTo("2025-12-22");
        assertThat(fortnightly.nextOnOrAfter(LocalDate.of(2025, 12, 22))).isEqualTo("2025-12-22");
        assertThat(round(DayOfWeek.MONDAY, 3, MONDAY_5_JANUARY).nextOnOrAfter(LocalDate.of(2025, 12, 10)))
                .as("three-weekly, counting back")
                .isEqualTo("2025-12-15");
    }

    @Test
    void fortnightlyRoundCarriesOnAcrossTheYearEnd() {
        BinRound thursday = round(DayOfWeek.THURSDAY, 2, LocalDate.of(2026, 1, 15));
        assertThat(schedule(thursday, LocalDate.of(2026, 12, 1), 4))
                .containsExactly(
                        LocalDate.of(2026, 12, 3),
                        LocalDate.of(2026, 12, 17),
                        LocalDate.of(2026, 12, 31),
                        LocalDate.of(2027, 1, 14));
        assertThat(thursday.nextOnOrAfter(LocalDate.of(2027, 1, 1))).isEqualTo("2027-01-14");
    }

    @Test
    void clockChangesDoNotMoveCollectionDays() {
        // British Summer Time ends at 02:00 on Sunday 25 October 2026 and starts on Sunday 29 March 2026.
        ZoneId london = ZoneId.of("Europe/London");
        LocalDate bstEnds = LocalDate.of(2026, 10, 25);
        assertThat(london.getRules()
                        .isDaylightSavings(bstEnds.atStartOfDay(london).toInstant()))
                .isTrue();
        assertThat(london.getRules()
                        .isDaylightSavings(
                                bstEnds.plusDays(1).atStartOfDay(london).toInstant()))
                .isFalse();

        assertThat(weekly.nextOnOrAfter(LocalDate.of(2026, 10, 20))).isEqualTo("2026-10-26");
        assertThat(fortnightly.nextOnOrAfter(LocalDate.of(2026, 10, 20))).isEqualTo("2026-10-26");
        assertThat(fortnightly.nextOnOrAfter(LocalDate.of(2026, 3, 24))).isEqualTo("2026-03-30");

        List<LocalDate> wholeYear = schedule(fortnightly, MONDAY_5_JANUARY, 26);
        assertThat(wholeYear).allSatisfy(day -> assertThat(day.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY));
        for (int i = 1; i < wholeYear.size(); i++) {
            assertThat(ChronoUnit.DAYS.between(wholeYear.get(i - 1), wholeYear.get(i)))
                    .as("after %s", wholeYear.get(i - 1))
                    .isEqualTo(14);
        }
        assertThat(wholeYear).contains(LocalDate.of(2026, 3, 30), LocalDate.of(2026, 10, 26));
    }

    @Test
    void runsOnlyBetweenItsStartAndEndDatesInclusive() {
        BinRound garden = new BinRound(
                "GDN",
                "garden",
                "Green bin",
                "green",
                DayOfWeek.WEDNESDAY,
                2,
                LocalDate.of(2026, 1, 7),
                LocalDate.of(2026, 3, 4),
                LocalDate.of(2026, 11, 25),
                true);
        assertThat(garden.runsOn(LocalDate.of(2026, 3, 3))).isFalse();
        assertThat(garden.runsOn(LocalDate.of(2026, 3, 4))).isTrue();
        assertThat(garden.runsOn(LocalDate.of(2026, 11, 25))).isTrue();
        assertThat(garden.runsOn(LocalDate.of(2026, 11, 26))).isFalse();
        assertThat(weekly.runsOn(LocalDate.of(1999, 1, 1)))
                .as("no dates: always")
                .isTrue();
    }

    @Test
    void refusesAReferenceDateThatIsNotOnTheCollectionDay() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> round(DayOfWeek.TUESDAY, 2, MONDAY_5_JANUARY))
                .withMessage("Round R: reference date 2026-01-05 is not a TUESDAY");
    }

    @Test
    void refusesImpossibleSchedules() {
        assertThatIllegalArgumentException().isThrownBy(() -> round(DayOfWeek.MONDAY, 0, MONDAY_5_JANUARY));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new BinRound(
                        "R",
                        "refuse",
                        "Black bin",
                        null,
                        DayOfWeek.MONDAY,
                        1,
                        MONDAY_5_JANUARY,
                        LocalDate.of(2026, 6, 1),
                        LocalDate.of(2026, 5, 1),
                        false))
                .withMessageContaining("end date 2026-05-01 is before its start 2026-06-01");
    }

    private static List<LocalDate> schedule(BinRound round, LocalDate from, int count) {
        List<LocalDate> days = new ArrayList<>();
        LocalDate next = round.nextOnOrAfter(from);
        while (days.size() < count) {
            days.add(next);
            next = round.nextOnOrAfter(next.plusDays(1));
        }
        return days;
    }

    private static BinRound round(DayOfWeek day, int intervalWeeks, LocalDate reference) {
        return new BinRound("R", "refuse", "Black bin", "black", day, intervalWeeks, reference);
    }
}
