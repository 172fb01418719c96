package org.councilchat.bins;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The calendar file's text values, escaped as RFC 5545 says, so no value can start a line of its own. */
class CollectionCalendarFileTests {

    @Test
    void everyKindOfLineBreakIsEscapedSoAReasonCannotAddAnEvent() {
        assertThat(CollectionCalendarFile.text("Christmas\rEND:VEVENT"))
                .isEqualTo("Christmas\\nEND:VEVENT")
                .doesNotContain("\r");
        assertThat(CollectionCalendarFile.text("a\r\nb\nc")).isEqualTo("a\\nb\\nc");
    }

    @Test
    void commasSemicolonsAndBackslashesAreEscapedAndOtherControlCharactersLeftOut() {
        assertThat(CollectionCalendarFile.text("Boxing Day; bank holiday, so a day later \\ sorry"))
                .isEqualTo("Boxing Day\\; bank holiday\\, so a day later \\\\ sorry");
        assertThat(CollectionCalendarFile.text("bell\u0007 and\ttab")).isEqualTo("bell and\ttab");
    }
}
