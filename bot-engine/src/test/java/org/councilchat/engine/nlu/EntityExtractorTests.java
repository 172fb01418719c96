package org.councilchat.engine.nlu;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.councilchat.engine.Entity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Entities in residents' own words, with the offsets Rasa would give them. */
class EntityExtractorTests {

    /** A Wednesday. */
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    private final EntityExtractor extractor = new EntityExtractor();

    private List<Entity> extract(String message) {
        return extractor.extract(message, TODAY);
    }

    /** The entity of the kind, checking its offsets point at the words it came from. */
    private static Entity only(List<Entity> entities, String kind, String message, String words) {
        List<Entity> ofKind =
                entities.stream().filter(e -> e.entity().equals(kind)).toList();
        assertThat(ofKind).as(kind + " in: " + message).hasSize(1);
        Entity entity = ofKind.getFirst();
        assertThat(message.substring(entity.start(), entity.end())).isEqualTo(words);
        assertThat(entity.extractor()).isEqualTo(EntityExtractor.NAME);
        return entity;
    }

    @Test
    void findsAPostcodeHoweverItIsTyped() {
        String message = "when is my bin day? i'm at mb11aa";
        assertThat(only(extract(message), "postcode", message, "mb11aa").value())
                .isEqualTo("MB1 1AA");

        String spaced = "Bins not collected at SW1A 2AA again!!";
        assertThat(only(extract(spaced), "postcode", spaced, "SW1A 2AA").value())
                .isEqualTo("SW1A 2AA");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "is my bin collected tomorrow | tomorrow | 2026-11-26",
                "was it meant to be collected yesterday? | yesterday | 2026-11-24",
                "can you come today pls | today | 2026-11-25",
                "what about the day after tomorrow | the day after tomorrow | 2026-11-27",
                "my bins go out on Friday | on Friday | 2026-11-27",
                "is it still wednesday this week | wednesday | 2026-11-25",
                "will the tip be open next Tuesday | next Tuesday | 2026-12-01",
                "can I book a bulky collection for next Monday | next Monday | 2026-11-30",
                "will bins be collected on 25th December | 25th December | 2026-12-25",
                "what about boxing day, 26 dec | 26 dec | 2026-12-26",
                "I moved in on the 1st of March 2024 | 1st of March 2024 | 2024-03-01",
                "can I pay on March 3rd | March 3rd | 2027-03-03",
                "can you collect it on 12/12 | 12/12 | 2026-12-12",
                "paid it on 03/10/2025 and still got a letter | 03/10/2025 | 2025-10-03",
                "they said someone would come in 3 days | in 3 days | 2026-11-28",
                "reported it, said fixed in a week | in a week | 2026-12-02"
            })
    void readsDatesRelativeToToday(String message, String words, String isoDate) {
        assertThat(only(extract(message), "date", message, words).value()).isEqualTo(isoDate);
    }

    @Test
    void aDayAndMonthThatHasPassedIsNextYears() {
        String message = "is the tip open on 2nd January";
        assertThat(only(extract(message), "date", message, "2nd January").value())
                .isEqualTo("2027-01-02");
    }

    @Test
    void wordsThatOnlyLookLikeDaysAreNotDates() {
        assertThat(extract("I sat in the sun waiting for the bin lorry"))
                .noneMatch(e -> e.entity().equals("date"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "my green bin wasn't emptied | green bin | garden",
                "how do I sign up for garden waste | garden waste | garden",
                "the food caddy lid is broken | food caddy | food",
                "blue bin was missed | blue bin | recycling",
                "do you take bottles and jars | bottles and jars | glass",
                "black bin not collected on our street | black bin | refuse",
                "I need a bulky waste collection for a sofa | bulky waste | bulky"
            })
    void namesTheWasteStreamFromTheResidentsWords(String message, String words, String stream) {
        assertThat(only(extract(message), "waste_stream", message, words).value())
                .isEqualTo(stream);
    }

    @Test
    void findsACouncilTaxAccountNumberWhenTheResidentSaysWhatItIs() {
        String message = "My council tax account number is 41234567, can you tell me the balance";
        assertThat(only(extract(message), "council_tax_account", message, "41234567")
                        .value())
                .isEqualTo("41234567");

        assertThat(extract("I was charged 41234567 times"))
                .noneMatch(e -> e.entity().equals("council_tax_account"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "I live at 12 Acacia Avenue | 12 | 12",
                "bin missed at 4a, Mill Lane | 4a | 4A",
                "flat 3 has a leak in the ceiling | 3 | 3",
                "it's number 27 on the left | 27 | 27"
            })
    void findsHouseNumbers(String message, String words, String number) {
        assertThat(only(extract(message), "house_number", message, words).value())
                .isEqualTo(number);
    }

    @Test
    void countsOfThingsAreNotHouseNumbers() {
        assertThat(extract("I have 2 bags of rubbish and 3 boxes"))
                .noneMatch(e -> e.entity().equals("house_number"));
    }

    @Test
    void findsEmailAddressesAndPhoneNumbersForRedaction() {
        String message = "email me at Jo.Bloggs+bins@example.co.uk or ring 07700 900123";
        List<Entity> entities = extract(message);

        assertThat(only(entities, "email", message, "Jo.Bloggs+bins@example.co.uk")
                        .value())
                .isEqualTo("jo.bloggs+bins@example.co.uk");
        assertThat(only(entities, "phone_number", message, "07700 900123").value())
                .isEqualTo("+447700900123");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "call me on +44 7700 900456 | +44 7700 900456 | +447700900456",
                "landline is (01632) 960 001 thanks | (01632) 960 001 | +441632960001",
                "my number: 020-7946-0018 | 020-7946-0018 | +442079460018"
            })
    void readsUkPhoneNumbersInTheirUsualShapes(String message, String words, String number) {
        assertThat(only(extract(message), "phone_number", message, words).value())
                .isEqualTo(number);
    }

    @Test
    void aPhoneNumberIsNotAlsoAnAccountNumberOrADate() {
        String message = "council tax query, call 01632 960001 on 12/12";
        List<Entity> entities = extract(message);

        assertThat(entities).extracting(Entity::entity).containsExactly("phone_number", "date");
    }

    @Test
    void findsSeveralEntitiesInOneMessageInOrder() {
        String message = "Green bin missed at 14 Station Road MB1 1AA on Tuesday";

        assertThat(extract(message))
                .extracting(Entity::entity, Entity::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("waste_stream", "garden"),
                        org.assertj.core.groups.Tuple.tuple("house_number", "14"),
                        org.assertj.core.groups.Tuple.tuple("postcode", "MB1 1AA"),
                        org.assertj.core.groups.Tuple.tuple("date", "2026-12-01"));
    }

    @Test
    void anEmptyMessageHasNoEntities() {
        assertThat(extract("")).isEmpty();
        assertThat(extract(null)).isEmpty();
    }
}
