package org.councilchat.knowledge.bins;

import static java.time.temporal.ChronoUnit.DAYS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.councilchat.knowledge.BankHolidayRule;

/**
 * The date rules, checked over thousands of generated rounds, start days and holiday calendars from 1996 to
 * 2044: every leap day, every clock change and every weekday a holiday can fall on in that span is in reach.
 */
class CollectionCalendarPropertyTests {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final int COUNT = 6;

    private static final BankHolidays ENGLAND_AND_WALES = shippedHolidays();

    @Property(tries = 2_000)
    void withoutHolidaysARoundKeepsItsWeekdayAndItsStep(
            @ForAll("rounds") BinRound round, @ForAll("days") LocalDate from) {
        List<LocalDate> dates = dates(new CollectionCalendar(BankHolidays.none(), BankHolidayRule.NO_CHANGE)
                .upcoming(round, Map.of(), from, COUNT));

        assertThat(dates).hasSize(COUNT);
        assertThat(dates.getFirst()).isAfterOrEqualTo(from);
        // Nothing skipped: the collection one step before the first is already in the past.
        assertThat(dates.getFirst().minusWeeks(round.intervalWeeks())).isBefore(from);
        for (int i = 0; i < COUNT; i++) {
            LocalDate date = dates.get(i);
            assertThat(date.getDayOfWeek()).isEqualTo(round.dayOfWeek());
            assertThat(Math.floorMod(DAYS.between(round.referenceDate(), date), 7L * round.intervalWeeks()))
                    .as("%s is in step with the reference date %s", date, round.referenceDate())
                    .isZero();
            if (i > 0) {
                assertThat(DAYS.between(dates.get(i - 1), date)).isEqualTo(7L * round.intervalWeeks());
            }
        }
    }

    @Property(tries = 2_000)
    void aBankHolidayWeekMovesCollectionsOnlyLaterAndNeverOntoAHoliday(
            @ForAll("rounds") BinRound round,
            @ForAll("days") LocalDate from,
            @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 420) Integer> holidayOffsets) {
        // Bank holidays always fall on weekdays: when one lands on a weekend a weekday "substitute day" is the holiday.
        Map<LocalDate, String> holidays = new HashMap<>();
        holidayOffsets.stream()
                .map(offset -> from.minusDays(14).plusDays(offset))
                .filter(day -> day.getDayOfWeek().getValue() <= 5)
                .forEach(day -> holidays.put(day, "Holiday " + day));
        BankHolidays calendar = new BankHolidays("generated", holidays);

        List<CollectionCalendar.Collection> collections = new CollectionCalendar(
                        calendar, BankHolidayRule.SHIFT_REST_OF_WEEK)
                .upcoming(round, Map.of(), from, COUNT);

        assertThat(collections).hasSize(COUNT);
        for (CollectionCalendar.Collection collection : collections) {
            LocalDate usual = collection.usualDate();
            assertThat(collection.date()).isAfterOrEqualTo(usual).isAfterOrEqualTo(from);
            assertThat(calendar.on(collection.date()))
                    .as("collected on a holiday")
                    .isEmpty();
            boolean holidayEarlierInTheWeek = usual.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                    .datesUntil(usual.plusDays(1))
                    .anyMatch(day -> day.getDayOfWeek().getValue() <= 5 && holidays.containsKey(day));
            assertThat(collection.changed())
                    .as("moved in the week of %s", usual)
                    .isEqualTo(holidayEarlierInTheWeek);
            if (collection.changed()) {
                assertThat(collection.reason()).startsWith("Holiday");
                // One day later, and further only past holidays themselves.
                assertThat(usual.plusDays(1).datesUntil(collection.date()))
                        .allSatisfy(skipped -> assertThat(holidays).containsKey(skipped));
            }
        }
        assertThat(dates(collections)).isSorted().doesNotHaveDuplicates();
    }

    @Property(tries = 1_000)
    void withTheRealHolidaysNoBinIsCollectedOnABankHoliday(
            @ForAll("rounds") BinRound round, @ForAll("daysInTheShippedCalendar") LocalDate from) {
        List<CollectionCalendar.Collection> collections = new CollectionCalendar(
                        ENGLAND_AND_WALES, BankHolidayRule.SHIFT_REST_OF_WEEK)
                .upcoming(round, Map.of(), from, COUNT);

        assertThat(collections)
                .allSatisfy(collection -> assertThat(ENGLAND_AND_WALES.on(collection.date()))
                        .as("%s", collection)
                        .isEmpty());
        assertThat(collections)
                .filteredOn(CollectionCalendar.Collection::changed)
                .allSatisfy(collection -> assertThat(collection.reason()).isNotBlank());
    }

    @Property(tries = 1_000)
    void anExplicitExceptionWinsOverEveryRule(
            @ForAll("rounds") BinRound round,
            @ForAll("days") LocalDate from,
            @ForAll @IntRange(min = 0, max = COUNT - 2) int which,
            @ForAll @IntRange(min = -1, max = 6) int daysLater) {
        CollectionCalendar everyMonday = new CollectionCalendar(
                new BankHolidays("every Monday", mondaysAround(from)), BankHolidayRule.SHIFT_REST_OF_WEEK);
        LocalDate usual =
                everyMonday.upcoming(round, Map.of(), from, COUNT).get(which).usualDate();
        // A usual day before today only shows when its collection moved to today or later; leave that case out.
        Assume.that(!usual.isBefore(from));
        LocalDate newDate = daysLater < 0 ? null : usual.plusDays(daysLater);
        Map<LocalDate, CollectionException> exceptions =
                Map.of(usual, new CollectionException(round.id(), usual, newDate, "Depot closed"));

        List<CollectionCalendar.Collection> collections = everyMonday.upcoming(round, exceptions, from, COUNT);

        assertThat(collections)
                .filteredOn(collection -> collection.usualDate().equals(usual))
                .singleElement()
                .satisfies(collection -> {
                    assertThat(collection.date()).isEqualTo(newDate);
                    assertThat(collection.reason()).isEqualTo("Depot closed");
                });
        assertThat(collections.stream().filter(c -> !c.cancelled())).hasSize(COUNT);
    }

    @Property(tries = 500)
    void aFortnightlyRoundKeepsStepThroughLeapDays(
            @ForAll("rounds") BinRound round, @ForAll @IntRange(min = 0, max = 12) int leapYearIndex) {
        LocalDate leapDay = LocalDate.of(1996 + 4 * leapYearIndex, 2, 29);
        List<LocalDate> dates = dates(new CollectionCalendar(BankHolidays.none(), BankHolidayRule.NO_CHANGE)
                .upcoming(round, Map.of(), leapDay.minusWeeks(3), COUNT));

        for (int i = 1; i < COUNT; i++) {
            assertThat(DAYS.between(dates.get(i - 1), dates.get(i))).isEqualTo(7L * round.intervalWeeks());
        }
    }

    @Property(tries = 1_000)
    void theCouncilsTodayIsTheLondonDateRightAcrossTheClockChanges(
            @ForAll("rounds") BinRound round, @ForAll("nearClockChanges") ZonedDateTime moment) {
        // A resident at 00:30 on a collection day in summer time is at 23:30 the day before in UTC.
        LocalDate today = moment.withZoneSameInstant(LONDON).toLocalDate();
        LocalDate first = new CollectionCalendar(BankHolidays.none(), BankHolidayRule.NO_CHANGE)
                .upcoming(round, Map.of(), today, 1)
                .getFirst()
                .date();

        assertThat(first).isAfterOrEqualTo(today);
        assertThat(first.equals(today)).isEqualTo(round.nextOnOrAfter(today).equals(today));
    }

    @Example
    void shippedCalendarHasTheHolidaysTheseTestsRelyOn() {
        assertThat(ENGLAND_AND_WALES.on(LocalDate.of(2026, 12, 25))).contains("Christmas Day");
        assertThat(ENGLAND_AND_WALES.on(LocalDate.of(2027, 12, 28))).isPresent();
    }

    @Provide
    Arbitrary<BinRound> rounds() {
        Arbitrary<LocalDate> references = Arbitraries.integers()
                .between(0, (int) DAYS.between(LocalDate.of(1996, 1, 1), LocalDate.of(2044, 12, 31)))
                .map(offset -> LocalDate.of(1996, 1, 1).plusDays(offset));
        // Weekly and fortnightly are most councils' rounds; three-, four- and up to eight-weekly ones exist.
        Arbitrary<Integer> intervals = Arbitraries.frequencyOf(
                Tuple.of(40, Arbitraries.just(1)),
                Tuple.of(40, Arbitraries.just(2)),
                Tuple.of(20, Arbitraries.integers().between(3, 8)));
        return Combinators.combine(references, intervals)
                .as((reference, interval) -> new BinRound(
                        "R-" + reference + "-" + interval,
                        "refuse",
                        "Black bin",
                        "black",
                        reference.getDayOfWeek(),
                        interval,
                        reference));
    }

    @Provide
    Arbitrary<LocalDate> days() {
        return Arbitraries.integers()
                .between(0, (int) DAYS.between(LocalDate.of(1996, 1, 1), LocalDate.of(2044, 6, 30)))
                .map(offset -> LocalDate.of(1996, 1, 1).plusDays(offset))
                .edgeCases(edges -> edges.add(LocalDate.of(2024, 2, 29), LocalDate.of(2026, 12, 21)));
    }

    @Provide
    Arbitrary<LocalDate> daysInTheShippedCalendar() {
        return Arbitraries.integers()
                .between(0, (int) DAYS.between(LocalDate.of(2024, 1, 1), LocalDate.of(2027, 11, 1)))
                .map(offset -> LocalDate.of(2024, 1, 1).plusDays(offset));
    }

    @Provide
    Arbitrary<ZonedDateTime> nearClockChanges() {
        // Within a day of 01:00 UTC on the last Sunday of March or October, when Britain's clocks change.
        Arbitrary<Integer> years = Arbitraries.integers().between(1996, 2044);
        Arbitrary<Integer> months = Arbitraries.of(3, 10);
        Arbitrary<Integer> minutes = Arbitraries.integers().between(-24 * 60, 24 * 60);
        return Combinators.combine(years, months, minutes)
                .as((year, month, minute) -> LocalDate.of(year, month, 1)
                        .with(TemporalAdjusters.lastInMonth(DayOfWeek.SUNDAY))
                        .atTime(1, 0)
                        .atZone(ZoneId.of("UTC"))
                        .plusMinutes(minute));
    }

    private static Map<LocalDate, String> mondaysAround(LocalDate from) {
        Map<LocalDate, String> mondays = new TreeMap<>();
        from.minusWeeks(2)
                .with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY))
                .datesUntil(from.plusWeeks(60), Period.ofWeeks(1))
                .forEach(monday -> mondays.put(monday, "Holiday Monday"));
        return mondays;
    }

    private static List<LocalDate> dates(List<CollectionCalendar.Collection> collections) {
        return collections.stream().map(CollectionCalendar.Collection::date).toList();
    }

    private static BankHolidays shippedHolidays() {
        InputStream json = CollectionCalendarPropertyTests.class.getResourceAsStream("/bins/uk-bank-holidays.json");
        return BankHolidays.read(json, "england-and-wales");
    }
}
