package org.councilchat.engine.dialogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Opening hours in London time, with bank holidays. */
class ContactCentreHoursTests {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    /** Christmas 2026: Friday 25 December and the Boxing Day substitute on Monday 28 December. */
    private static final Map<LocalDate, String> CHRISTMAS = Map.of(
            LocalDate.of(2026, 12, 25), "Christmas Day",
            LocalDate.of(2026, 12, 28), "Boxing Day");

    private final ContactCentreHours weekdays = hours(List.of("MON-FRI 09:00-17:00"), true);

    @Test
    void openFromNineUntilJustBeforeFiveOnWeekdays() {
        assertThat(weekdays.isOpen(london("2026-12-01T08:59"))).isFalse();
        assertThat(weekdays.isOpen(london("2026-12-01T09:00"))).isTrue();
        assertThat(weekdays.isOpen(london("2026-12-01T16:59"))).isTrue();
        assertThat(weekdays.isOpen(london("2026-12-01T17:00"))).isFalse();
        assertThat(weekdays.isOpen(london("2026-12-05T10:00"))).as("Saturday").isFalse();
    }

    @Test
    void hoursAreLondonTimeInSummerToo() {
        assertThat(weekdays.isOpen(Instant.parse("2026-07-01T08:30:00Z")))
                .as("09:30 BST")
                .isTrue();
        assertThat(weekdays.isOpen(Instant.parse("2026-07-01T16:30:00Z")))
                .as("17:30 BST")
                .isFalse();
    }

    @Test
    void closedOnBankHolidaysAndTheNextOpeningSkipsThem() {
        assertThat(weekdays.isOpen(london("2026-12-25T10:00"))).isFalse();
        assertThat(weekdays.nextOpening(london("2026-12-24T17:30")))
                .contains(ZonedDateTime.of(2026, 12, 29, 9, 0, 0, 0, LONDON));
    }

    @Test
    void canStayOpenOnBankHolidays() {
        assertThat(hours(List.of("MON-FRI 09:00-17:00"), false).isOpen(london("2026-12-25T10:00")))
                .isTrue();
    }

    @Test
    void severalRulesADayAndMidnight() {
        ContactCentreHours split =
                hours(List.of("mon-fri 09:00-12:30", "MON-FRI 13:30-17:00", "SAT,SUN 18:00-24:00"), true);

        assertThat(split.isOpen(london("2026-12-01T13:00"))).as("lunch").isFalse();
        assertThat(split.nextOpening(london("2026-12-01T13:00")))
                .contains(ZonedDateTime.of(2026, 12, 1, 13, 30, 0, 0, LONDON));
        assertThat(split.isOpen(london("2026-12-05T23:59"))).isTrue();
    }

    @Test
    void nextOpeningIsNowWhenOpen() {
        assertThat(weekdays.nextOpening(london("2026-12-01T10:00")))
                .contains(ZonedDateTime.of(2026, 12, 1, 10, 0, 0, 0, LONDON));
    }

    @Test
    void neverOpenHasNoNextOpening() {
        assertThat(hours(List.of(), true).nextOpening(london("2026-12-01T10:00")))
                .isEmpty();
    }

    @Test
    void rulesThatCannotBeReadSayHowToWriteThem() {
        assertThatThrownBy(() -> hours(List.of("weekdays 9-5"), true))
                .hasMessageContaining("'weekdays 9-5'")
                .hasMessageContaining("MON-FRI 09:00-17:00");
        assertThatThrownBy(() -> hours(List.of("MON-FRI 17:00-09:00"), true)).hasMessageContaining("close before");
        assertThatThrownBy(() -> hours(List.of("MON-FRI 09:00-25:00"), true)).hasMessageContaining("times");
        assertThatThrownBy(() -> hours(List.of("MON-FRX 09:00-17:00"), true)).hasMessageContaining("Unknown day 'FRX'");
    }

    @Test
    void contactDetailsAreFoundInWhatIsTyped() {
        assertThat(MessageTaking.contactIn("it's sam.jones@example.co.uk thanks"))
                .contains("sam.jones@example.co.uk");
        assertThat(MessageTaking.contactIn("07700 900123")).contains("07700900123");
        assertThat(MessageTaking.contactIn("+44 (0)7700 900123")).contains("07700900123");
        assertThat(MessageTaking.contactIn("call 01632-960-000 after 6")).contains("01632960000");
        assertThat(MessageTaking.contactIn("0770 090")).isEmpty();
        assertThat(MessageTaking.contactIn("sam at example dot com")).isEmpty();
        assertThat(MessageTaking.contactIn("my card is 4929 1234 5678 9012")).isEmpty();
    }

    private static ContactCentreHours hours(List<String> rules, boolean closedOnBankHolidays) {
        return new ContactCentreHours(
                rules, closedOnBankHolidays, LONDON, day -> Optional.ofNullable(CHRISTMAS.get(day)));
    }

    private static Instant london(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(LONDON).toInstant();
    }
}
