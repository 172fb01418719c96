package org.councilchat.handoff.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CardNumbersTests {

    @Test
    void cardNumbersAsPeopleTypeThemAreTakenOut() {
        assertThat(CardNumbers.replace("my card is 4111 1111 1111 1111 exp 12/27", "[card]"))
                .isEqualTo("my card is [card] exp 12/27");
        assertThat(CardNumbers.replace("5555-5555-5555-4444", "[card]")).isEqualTo("[card]");
        assertThat(CardNumbers.replace("pay with 4000056655665556 and 4111111111111111", "[card]"))
                .isEqualTo("pay with [card] and [card]");
    }

    @Test
    void otherNumbersStay() {
        // Fails the Luhn check, as most long references do.
        assertThat(CardNumbers.replace("reference 1234 5678 9012 3456", "[card]"))
                .isEqualTo("reference 1234 5678 9012 3456");
        // Too short for a card: a council tax account, a phone number, a date.
        assertThat(CardNumbers.replace("account 12345678, call 07700 900123 on 12/12/2026", "[card]"))
                .isEqualTo("account 12345678, call 07700 900123 on 12/12/2026");
        assertThat(CardNumbers.contains("when is my bin day MB1 1AA")).isFalse();
    }

    @Test
    void theLuhnCheckIsTheCardSchemesOwn() {
        assertThat(CardNumbers.luhn("4111 1111 1111 1111")).isTrue();
        assertThat(CardNumbers.luhn("4111 1111 1111 1112")).isFalse();
    }
}
