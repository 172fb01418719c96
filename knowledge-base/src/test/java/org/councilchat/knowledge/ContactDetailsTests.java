package org.councilchat.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import org.councilchat.knowledge.ContactDetails.Found;
import org.councilchat.knowledge.ContactDetails.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContactDetailsTests {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "ring 07700 900123 please | 07700 900123 | +447700900123",
                "call me on +44 7700 900456 | +44 7700 900456 | +447700900456",
                "+44 (0)7700 900123 | +44 (0)7700 900123 | +447700900123",
                "0044 7700 900123 | 0044 7700 900123 | +447700900123",
                "landline is (01632) 960 001 thanks | (01632) 960 001 | +441632960001",
                "my number: 020-7946-0018 | 020-7946-0018 | +442079460018",
                "01632 96000 | 01632 96000 | +44163296000"
            })
    void readsUkPhoneNumbersInTheShapesPeopleTypeThem(String text, String written, String number) {
        assertThat(ContactDetails.findAllIn(text)).singleElement().satisfies(found -> {
            assertThat(found.kind()).isEqualTo(Kind.PHONE);
            assertThat(found.value()).isEqualTo(number);
            assertThat(text.substring(found.start(), found.end())).isEqualTo(written);
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "can I pay £120 in 10 instalments from 1 April 2027?",
                "0770 090",
                "my card is 4929 1234 5678 9012",
                "account 12345678",
                "sam at example dot com",
                "007700 900123 45"
            })
    void leavesAmountsDatesCardsAndShortNumbersAlone(String text) {
        assertThat(ContactDetails.findAllIn(text)).isEmpty();
    }

    @Test
    void findsEmailAddressesInLowerCaseWithoutTheFullStopThatEndsTheSentence() {
        assertThat(ContactDetails.findAllIn("It's Jo.Bloggs+bins@Example.co.uk."))
                .containsExactly(new Found(Kind.EMAIL, "jo.bloggs+bins@example.co.uk", 5, 33));
        assertThat(ContactDetails.findAllIn("siân.o'neill@enghraifft.cymru"))
                .extracting(Found::value)
                .containsExactly("siân.o'neill@enghraifft.cymru");
    }

    @Test
    void theDigitsOfAnEmailAddressAreNotAPhoneNumber() {
        assertThat(ContactDetails.findAllIn("07700900123@texts.example.com or 07700 900999"))
                .extracting(Found::kind, Found::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Kind.EMAIL, "07700900123@texts.example.com"),
                        org.assertj.core.groups.Tuple.tuple(Kind.PHONE, "+447700900999"));
    }

    @Test
    void aResidentsPreferredContactIsTheirEmailAddressThenTheirNumberAsDialled() {
        assertThat(ContactDetails.preferredIn("07700 900123 or sam@example.org"))
                .map(Found::asWritten)
                .contains("sam@example.org");
        assertThat(ContactDetails.preferredIn("+44 (0)7700 900123"))
                .map(Found::asWritten)
                .contains("07700900123");
        assertThat(ContactDetails.preferredIn("no thanks")).isEmpty();
    }
}
