package org.councilchat.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PostcodeTests {

    @ParameterizedTest
    @CsvSource({
        "mb11aa, MB1 1AA",
        "' MB1   1AA ', MB1 1AA",
        "m1 1aa, M1 1AA",
        "M60 1NW, M60 1NW",
        "CR2 6XH, CR2 6XH",
        "DN55 1PT, DN55 1PT",
        "W1A 1HQ, W1A 1HQ",
        "ec1a1bb, EC1A 1BB"
    })
    void readsEveryShapeInAnyCaseAndSpacing(String typed, String expected) {
        assertThat(Postcode.parse(typed)).map(Postcode::value).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hello", "12345", "MB1", "MB1 1A", "MB1 1AAA", "1MB 1AA"})
    void rejectsWhatIsNotAFullPostcode(String typed) {
        assertThat(Postcode.parse(typed)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"SW1A OAA, SW1A 0AA", "SWIA 1AA, SW1A 1AA", "M1 IAA, M1 1AA", "0X1 1AA, OX1 1AA", "EC1A 1BB, EC1A 1BB"})
    void correctsOhForZeroAndEyeForOneWhenOnlyOneReadingIsValid(String typed, String expected) {
        assertThat(Postcode.parseCorrectingSlips(typed)).map(Postcode::value).contains(expected);
    }

    @Test
    void doesNotGuessWhenASlipCouldBeReadTwoWays() {
        // "B1O 1AA" could be B10 1AA; "BIO 1AA" could be B10 1AA or... only readings valid under Royal Mail rules
        // count.
        assertThat(Postcode.parseCorrectingSlips("hello there")).isEmpty();
        assertThat(Postcode.parseCorrectingSlips("O1O1O1O")).isEmpty();
    }

    @Test
    void spotsAnOutwardCodeOnItsOwn() {
        assertThat(Postcode.isOutwardOnly("SW1A")).isTrue();
        assertThat(Postcode.isOutwardOnly(" mb2 ")).isTrue();
        assertThat(Postcode.isOutwardOnly("MB2 3EF")).isFalse();
    }

    @Test
    void findsAPostcodeInASentence() {
        assertThat(Postcode.findIn("when is my bin day? mb1 1aa thanks"))
                .map(Postcode::value)
                .contains("MB1 1AA");
        assertThat(Postcode.findIn("bins at MB23EF please"))
                .map(Postcode::value)
                .contains("MB2 3EF");
        assertThat(Postcode.findIn("I live at number 12")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"M1", "M60", "CR2", "DN55", "W1A", "EC1A", "sw1a"})
    void everyOutwardShapeOnItsOwnIsOutwardOnly(String outward) {
        assertThat(Postcode.isOutwardOnly(outward)).isTrue();
        assertThat(Postcode.parse(outward)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "12", "SW1A 1", "ABC1", ""})
    void wordsAndFragmentsAreNotOutwardCodes(String typed) {
        assertThat(Postcode.isOutwardOnly(typed)).isFalse();
    }

    @Test
    void nothingTypedIsNoPostcode() {
        assertThat(Postcode.parse(null)).isEmpty();
        assertThat(Postcode.parseCorrectingSlips(null)).isEmpty();
        assertThat(Postcode.isOutwardOnly(null)).isFalse();
        assertThat(Postcode.findIn(null)).isEmpty();
    }

    @Test
    void findsOnlyWholePostcodesInASentence() {
        assertThat(Postcode.findIn("my postcode is EC1A 1BB, not W1A 1HQ"))
                .as("the first one")
                .map(Postcode::value)
                .contains("EC1A 1BB");
        assertThat(Postcode.findIn("order ref XMB1 1AAB")).isEmpty();
        assertThat(Postcode.findIn("bins at (dn55 1pt).")).map(Postcode::value).contains("DN55 1PT");
    }

    @Test
    void refusesToBuildAPostcodeFromSomethingElse() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Postcode("not one"));
    }
}
