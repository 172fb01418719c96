package org.councilchat.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.councilchat.knowledge.feedback.Redaction;

/**
 * Card numbers written every way a resident's keyboard, phone or copy and paste might write them are found, by
 * the chat and by the content gaps' redaction alike; numbers that are not cards (failing the Luhn check, phone
 * numbers, dates) are left as they were.
 */
class CardNumbersPropertyTests {

    /** The zero of each script's decimal digits, ASCII to mathematical bold (outside the Basic Multilingual Plane). */
    private static final List<Integer> ZEROS =
            List.of((int) '0', 0xFF10, 0x0660, 0x06F0, 0x0966, 0x09E6, 0x0E50, 0x1D7CE);

    private static final List<String> SEPARATORS =
            List.of(" ", "-", ".", "/", "\u00A0", "\u3000", "\u2013", "\uFF0D", "\uFF0E", "\uFF0F", " - ", " / ");

    /** Zero-width space, non-joiner, joiner, word joiner, byte-order mark, soft hyphen. */
    private static final List<String> INVISIBLE = List.of("\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD");

    @Property(tries = 1_500)
    void aValidCardNumberWrittenAnyWayIsTakenOut(@ForAll("cards") String card, @ForAll("forms") Form form) {
        String typed = form.write(card);
        String sentence = "my card is " + typed + " thanks";

        assertThat(CardNumbers.contains(sentence)).as(visible(typed)).isTrue();
        assertThat(CardNumbers.replace(sentence, "[card]")).as(visible(typed)).isEqualTo("my card is [card] thanks");
        assertThat(Redaction.redact(sentence)).as(visible(typed)).isEqualTo("my card is [card] thanks");
        assertThat(TypedText.cleaned(sentence, java.util.Locale.ENGLISH))
                .isEqualTo("my card is [card number removed] thanks");
    }

    @Property(tries = 1_000)
    void aNumberFailingTheLuhnCheckStays(@ForAll("notCards") String number, @ForAll("unseparated") Form form) {
        String sentence = "reference " + form.write(number) + " please";

        assertThat(CardNumbers.contains(sentence)).isFalse();
        assertThat(CardNumbers.replace(sentence, "[card]")).isSameAs(sentence);
    }

    @Property(tries = 1_000)
    void phoneNumbersAndDatesStay(@ForAll("phonesAndDates") String text, @ForAll("forms") Form form) {
        String sentence = "call me on " + form.write(text) + " any time";

        assertThat(CardNumbers.contains(sentence)).isFalse();
        assertThat(CardNumbers.replace(sentence, "[card]")).isSameAs(sentence);
    }

    @Provide
    Arbitrary<String> cards() {
        return Arbitraries.strings().numeric().ofMinLength(12).ofMaxLength(18).map(body -> body + checkDigit(body));
    }

    @Provide
    Arbitrary<String> notCards() {
        return cards().map(card ->
                card.substring(0, card.length() - 1) + (char) ('0' + (card.charAt(card.length() - 1) - '0' + 1) % 10));
    }

    @Provide
    Arbitrary<String> phonesAndDates() {
        Arbitrary<String> digit = Arbitraries.strings().numeric().ofLength(1);
        Arbitrary<String> six = Arbitraries.strings().numeric().ofLength(6);
        Arbitrary<String> three = Arbitraries.strings().numeric().ofLength(3);
        Arbitrary<String> four = Arbitraries.strings().numeric().ofLength(4);
        return Arbitraries.oneOf(
                Combinators.combine(digit, six).as((d, s) -> "077" + d + "0 " + s),
                Combinators.combine(digit, six).as((d, s) -> "+44 77" + d + "0 " + s),
                Combinators.combine(three, three).as((a, b) -> "(01632) " + a + " " + b),
                four.map(n -> "0161-496-" + n),
                Arbitraries.integers().between(1, 28).map(day -> day + "/12/2026"),
                Arbitraries.integers().between(1, 28).map(day -> "2026-11-" + day),
                Arbitraries.integers().between(1, 28).map(day -> day + ".11.2026 at 10.30"),
                Combinators.combine(digit, six, Arbitraries.integers().between(1, 28))
                        .as((d, s, day) -> "077" + d + "0 " + s + " on " + day + "/12/2026"));
    }

    @Provide
    Arbitrary<Form> forms() {
        return Combinators.combine(
                        Arbitraries.of(Script.values()),
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.of(SEPARATORS),
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.longs())
                .as(Form::new);
    }

    /** Without separators: a number failing Luhn split into groups could hold a stretch that passes. */
    @Provide
    Arbitrary<Form> unseparated() {
        return Combinators.combine(
                        Arbitraries.of(Script.values()),
                        Arbitraries.just(0),
                        Arbitraries.just(""),
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.longs())
                .as(Form::new);
    }

    enum Script {
        ASCII,
        FULL_WIDTH,
        ARABIC_INDIC,
        EXTENDED_ARABIC_INDIC,
        DEVANAGARI,
        BENGALI,
        THAI,
        MATHEMATICAL_BOLD,
        /** Each digit from a script of its own. */
        MIXED
    }

    /**
     * A way of writing a number: its digits' script, groups of {@code groupSize} digits (0: none) with a
     * separator, and up to {@code invisibles} zero-width characters between digits.
     */
    record Form(Script script, int groupSize, String separator, int invisibles, long seed) {

        String write(String ascii) {
            Random random = new Random(seed);
            StringBuilder typed = new StringBuilder();
            int digitsSeen = 0;
            for (int i = 0; i < ascii.length(); i++) {
                char c = ascii.charAt(i);
                if (!Character.isDigit(c)) {
                    typed.append(c);
                    continue;
                }
                if (digitsSeen > 0
                        && groupSize > 0
                        && digitsSeen % groupSize == 0
                        && Character.isDigit(ascii.charAt(i - 1))) {
                    typed.append(separator);
                } else if (digitsSeen > 0 && Character.isDigit(ascii.charAt(i - 1)) && random.nextInt(4) < invisibles) {
                    typed.append(INVISIBLE.get(random.nextInt(INVISIBLE.size())));
                }
                int zero = script == Script.MIXED
                        ? ZEROS.get(random.nextInt(ZEROS.size()))
                        : ZEROS.get(Math.min(script.ordinal(), ZEROS.size() - 1));
                typed.appendCodePoint(zero + (c - '0'));
                digitsSeen++;
            }
            return typed.toString();
        }
    }

    private static char checkDigit(String body) {
        for (char candidate = '0'; candidate <= '9'; candidate++) {
            if (CardNumbers.luhn(body + candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("some check digit always passes");
    }

    /** The typed form with its invisible characters shown, for a failure message a person can read. */
    private static String visible(String typed) {
        StringBuilder shown = new StringBuilder();
        typed.codePoints().forEach(cp -> {
            if (cp < 0x80 && cp >= 0x20) {
                shown.appendCodePoint(cp);
            } else {
                shown.append(String.format("\\u{%X}", cp));
            }
        });
        return shown.toString();
    }
}
