package org.councilchat.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoggedValueTests {

    @Test
    void lineBreaksCannotForgeALogLine() {
        assertThat(LoggedValue.of("sam\r\n2026-11-23 INFO Staff sign-in for 'admin' succeeded"))
                .isEqualTo("sam\\r\\n2026-11-23 INFO Staff sign-in for 'admin' succeeded")
                .doesNotContain("\r", "\n");
        assertThat(LoggedValue.of("a\u2028b\u0085c\u001B[31md\u202Ee"))
                .isEqualTo("a\\u2028b\\u0085c\\u001B[31md\\u202Ee");
    }

    @Test
    void ordinaryValuesAreUnchangedAndLongOnesCut() {
        assertThat(LoggedValue.of("https://www.millbrook.example/bins?day=mon"))
                .isEqualTo("https://www.millbrook.example/bins?day=mon");
        assertThat(LoggedValue.of("Siân")).isEqualTo("Siân");
        assertThat(LoggedValue.of(null)).isEqualTo("null");
        assertThat(LoggedValue.of("x".repeat(10_000)))
                .hasSize(LoggedValue.LONGEST + 3)
                .endsWith("...");
    }
}
