package org.councilchat.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TypedTextTests {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " \t\n",
                "\u00A0",
                "\u00A0\u00A0 \u2003",
                "\u3000",
                "\u200B",
                "\u200D\u2060\uFEFF",
                "\u202E",
                "\u2800",
                "\u3164",
                "\u034F\uFE0F",
                "\u2028\u2029"
            })
    void nothingAReaderCouldSeeIsBlank(String typed) {
        assertThat(TypedText.isBlank(typed)).isTrue();
        assertThat(TypedText.cleaned(typed, Locale.ENGLISH)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "\u00A0hi\u00A0", "👍", "\u200B?", "ل", "\u202Eabc"})
    void anythingVisibleIsNot(String typed) {
        assertThat(TypedText.isBlank(typed)).isFalse();
        assertThat(TypedText.cleaned(typed, Locale.ENGLISH)).isNotEmpty();
    }

    @Test
    void nullIsBlankAndCleansToNothing() {
        assertThat(TypedText.isBlank(null)).isTrue();
        assertThat(TypedText.cleaned(null, Locale.ENGLISH)).isEmpty();
    }

    @Test
    void invisibleCharactersAtEitherEndGoButThoseInsideStay() {
        assertThat(TypedText.strip("\u00A0\u200B my bin \u3000\uFEFF")).isEqualTo("my bin");
        // The joiner inside an emoji family is part of what the resident sent.
        assertThat(TypedText.cleaned("\u00A0👩\u200D👧\u00A0", Locale.ENGLISH)).isEqualTo("👩\u200D👧");
    }

    @Test
    void aCardNumberBecomesANoticeInTheChatsLanguage() {
        assertThat(TypedText.cleaned("pay with 4111 1111 1111 1111", Locale.ENGLISH))
                .isEqualTo("pay with [card number removed]");
        assertThat(TypedText.cleaned("talu gyda 4111 1111 1111 1111", Locale.of("cy")))
                .isEqualTo("talu gyda [rhif cerdyn wedi’i dynnu]");
        assertThat(TypedText.cleaned("pay with 4111 1111 1111 1111", Locale.forLanguageTag("cy-GB")))
                .isEqualTo("pay with [rhif cerdyn wedi’i dynnu]");
    }

    @Test
    void theLanguageIsAskedForOnlyWhenThereIsACardNumber() {
        assertThat(TypedText.cleaned("when is my bin day", () -> {
                    throw new AssertionError("no card number, so no look-up");
                }))
                .isEqualTo("when is my bin day");
    }

    @Test
    void bidiControlsLeftOpenAreTakenOutAndPairedOnesStay() {
        // An override that would turn the rest of an agent's screen right to left.
        assertThat(TypedText.withoutUnpairedBidiControls("invoice \u202Efdp.exe"))
                .isEqualTo("invoice fdp.exe");
        assertThat(TypedText.withoutUnpairedBidiControls("a\u2067b")).isEqualTo("ab");
        // Closers that close nothing.
        assertThat(TypedText.withoutUnpairedBidiControls("a\u202Cb\u2069c")).isEqualTo("abc");
        // Paired, and nested properly: kept, as a resident writing Arabic among English words may need them.
        assertThat(TypedText.withoutUnpairedBidiControls("my street is \u2067شارع\u2069 ok"))
                .isEqualTo("my street is \u2067شارع\u2069 ok");
        assertThat(TypedText.withoutUnpairedBidiControls("\u202Bx\u202C")).isEqualTo("\u202Bx\u202C");
        // An isolate's closer ends an override opened inside it, which was never closed.
        assertThat(TypedText.withoutUnpairedBidiControls("\u2066a\u202Eb\u2069"))
                .isEqualTo("\u2066ab\u2069");
        // Nothing stays open across a line.
        assertThat(TypedText.withoutUnpairedBidiControls("\u202Ea\n\u202C")).isEqualTo("a\n");
        assertThat(TypedText.cleaned("\u202Ehello", Locale.ENGLISH)).isEqualTo("hello");
    }
}
