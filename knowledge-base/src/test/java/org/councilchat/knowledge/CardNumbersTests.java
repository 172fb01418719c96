package org.councilchat.knowledge;

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
    void cardNumbersInOtherDigitsOrWithInvisibleCharactersAreTakenOutToo() {
        // Full-width digits and an ideographic space, as a Japanese keyboard types them.
        assertThat(CardNumbers.replace("card ４１１１　１１１１　１１１１　１１１１ thanks", "[card]"))
                .isEqualTo("card [card] thanks");
        // Arabic-Indic digits, and Devanagari.
        assertThat(CardNumbers.replace("٤١١١١١١١١١١١١١١١", "[card]")).isEqualTo("[card]");
        assertThat(CardNumbers.replace("४१११ ११११ ११११ ११११", "[card]")).isEqualTo("[card]");
        // Zero-width joiners and spaces between the digits, dots and slashes between the groups.
        assertThat(CardNumbers.replace("4\u200D111\u200B1111.1111/1111", "[card]"))
                .isEqualTo("[card]");
        assertThat(CardNumbers.replace("4111 - 1111 - 1111 - 1111", "[card]")).isEqualTo("[card]");
    }

    @Test
    void aCardNumberBesideAnotherNumberIsTakenOutAlone() {
        assertThat(CardNumbers.replace("4111 1111 1111 1111 07700 900123", "[card]"))
                .isEqualTo("[card] 07700 900123");
        assertThat(CardNumbers.replace("ref 12 4111111111111111", "[card]")).isEqualTo("ref 12 [card]");
    }

    @Test
    void otherNumbersStay() {
        // Fails the Luhn check, as most long references do.
        assertThat(CardNumbers.replace("reference 1234 5678 9012 3456", "[card]"))
                .isEqualTo("reference 1234 5678 9012 3456");
        // Too short for a card: a council tax account, a phone number, a date.
        assertThat(CardNumbers.replace("account 12345678, call 07700 900123 on 12/12/2026", "[card]"))
                .isEqualTo("account 12345678, call 07700 900123 on 12/12/2026");
        // Too long: twenty digits typed together are no card, even if sixteen of them would pass.
        assertThat(CardNumbers.contains("41111111111111111111")).isFalse();
        assertThat(CardNumbers.contains("when is my bin day MB1 1AA")).isFalse();
        assertThat(CardNumbers.contains(null)).isFalse();
    }

    @Test
    void aMegabyteOfDigitsIsReadInOnePass() {
        String digits = "1".repeat(1_000_000);
        assertThat(CardNumbers.replace(digits, "[card]")).isSameAs(digits);
        assertThat(CardNumbers.contains("1 ".repeat(500_000))).isFalse();
    }

    @Test
    void theLuhnCheckIsTheCardSchemesOwn() {
        assertThat(CardNumbers.luhn("4111111111111111")).isTrue();
        assertThat(CardNumbers.luhn("4111111111111112")).isFalse();
    }
}
