package org.councilchat.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.councilchat.councils.Council;
import org.councilchat.councils.Councils;
import org.councilchat.councils.CouncilsProperties;
import org.councilchat.knowledge.areas.CouncilDirectory;
import org.councilchat.knowledge.bins.BinRound;
import org.councilchat.knowledge.bins.BinRoundRepository;
import org.councilchat.knowledge.bins.BinRoundRepository.PropertyRounds;
import org.councilchat.knowledge.bins.CollectionCalendars;
import org.councilchat.knowledge.bins.MissedBinRepository;
import org.councilchat.knowledge.bins.RoundsCollectionSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * Several councils' bins in one deployment: each imports its own rounds and properties without touching another's,
 * a postcode is answered from the rounds of the council that collects there (with its name when that is not the
 * resident's own), and each council's rounds keep its own bank holidays. A real database (H2, or PostgreSQL with
 * {@code -Dcouncil-chat.test.database=postgres}) and GOV.UK's real bank holidays.
 */
class CouncilBinsTests {

    private static final LocalDate WEDNESDAY_7_JANUARY = LocalDate.of(2026, 1, 7);

    /** Millbrook (England), its Welsh neighbour Glanafon, and a Scottish council keeping Scotland's bank holidays. */
    private static final Councils COUNCILS = new Councils(new CouncilsProperties(List.of(
            new Council("millbrook", "Millbrook District Council", null, null, null, null),
            new Council("glanafon", "Glanafon Council", null, List.of("cy", "en"), null, null),
            new Council(
                    "dunmore",
                    "Dunmore Council",
                    null,
                    List.of("en"),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    "scotland",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    false))));

    private TestDatabase database;
    private BinCollections bins;

    @BeforeEach
    void threeCouncils() {
        database = TestDatabase.migrated();
        BinRoundRepository rounds = new BinRoundRepository(database.template());
        CollectionCalendars calendars = new KnowledgeConfiguration()
                .collectionCalendars(new KnowledgeProperties(null, 0.6, bins()), new DefaultResourceLoader(), COUNCILS);
        bins = new BinCollections(
                rounds,
                calendars,
                CouncilDirectory.fromLocalAuthorities(new InputStreamReader(
                        CouncilBinsTests.class.getResourceAsStream("/areas/govuk-local-authorities.csv"),
                        StandardCharsets.UTF_8)),
                COUNCILS,
                new MissedBinRepository(database.jdbc(), database.transactionManager()),
                new RoundsCollectionSource(rounds, calendars),
                Clock.fixed(Instant.parse("2026-01-07T09:00:00Z"), ZoneOffset.UTC));
        importFor("millbrook", round("MON-A", DayOfWeek.MONDAY), property("101", "2 Mill Lane", "MB1 1AA", "MON-A"));
        importFor(
                "glanafon",
                round("GN-WED", DayOfWeek.WEDNESDAY),
                property("201", "1 Stryd y Bont", "GN1 1AA", "GN-WED"));
        importFor("dunmore", round("DM-MON", DayOfWeek.MONDAY), property("301", "1 High Street", "DM1 1AA", "DM-MON"));
    }

    @AfterEach
    void dropDatabase() {
        database.shutdown();
    }

    @Test
    void aCouncilsImportReplacesItsOwnRoundsOnly() {
        importFor(
                "glanafon",
                round("GN-THU", DayOfWeek.THURSDAY),
                property("202", "3 Stryd y Bont", "GN1 1AA", "GN-THU"));

        assertThat(bins.propertyCount("glanafon")).isEqualTo(1);
        assertThat(bins.property("201")).as("Glanafon's old property went").isEmpty();
        assertThat(bins.propertyCount("millbrook")).isEqualTo(1);
        assertThat(bins.nextCollections("101", WEDNESDAY_7_JANUARY))
                .extracting(NextCollection::date)
                .first()
                .isEqualTo(LocalDate.of(2026, 1, 12));
    }

    @Test
    void aPostcodeIsAnsweredFromTheCouncilThatCollectsThere() {
        assertThat(bins.lookup("glanafon", "GN1 1AA"))
                .isInstanceOfSatisfying(PostcodeLookup.Addresses.class, addresses -> {
                    assertThat(addresses.collectedBy().id()).isEqualTo("glanafon");
                    assertThat(addresses.properties())
                            .extracting(PropertyAddress::uprn)
                            .containsExactly("201");
                });
        // A Millbrook resident giving the neighbour's postcode: Glanafon's rounds, and whose they are.
        assertThat(bins.lookup("millbrook", "GN1 1AA"))
                .isInstanceOfSatisfying(
                        PostcodeLookup.Addresses.class,
                        addresses -> assertThat(addresses.collectedBy().name()).isEqualTo("Glanafon Council"));
        assertThat(bins.lookup("millbrook", "MB1 1AA"))
                .isInstanceOfSatisfying(
                        PostcodeLookup.Addresses.class,
                        addresses -> assertThat(addresses.collectedBy().id()).isEqualTo("millbrook"));
        assertThat(bins.lookup("millbrook", "MB9 9ZZ")).isInstanceOf(PostcodeLookup.NotInArea.class);
    }

    @Test
    void eachCouncilsRoundsKeepItsOwnBankHolidays() {
        // St Andrew's Day, Monday 30 November 2026, is a bank holiday in Scotland only: Dunmore's Monday round
        // moves to the Tuesday, Millbrook's stays on the Monday.
        LocalDate saturday = LocalDate.of(2026, 11, 28);
        assertThat(bins.collectionsBetween("301", saturday, saturday.plusDays(6)))
                .extracting(ScheduledCollection::date)
                .containsExactly(LocalDate.of(2026, 12, 1));
        assertThat(bins.collectionsBetween("101", saturday, saturday.plusDays(6)))
                .extracting(ScheduledCollection::date)
                .containsExactly(LocalDate.of(2026, 11, 30));
        assertThat(bins.bankHoliday("dunmore", LocalDate.of(2026, 11, 30))).contains("St Andrew’s Day");
        assertThat(bins.bankHoliday("millbrook", LocalDate.of(2026, 11, 30))).isEmpty();
        // Easter Monday the other way round.
        assertThat(bins.bankHoliday("millbrook", LocalDate.of(2026, 4, 6))).contains("Easter Monday");
        assertThat(bins.bankHoliday("dunmore", LocalDate.of(2026, 4, 6))).isEmpty();
    }

    @Test
    void aRoundIdOrUprnAnotherCouncilHasIsRefusedAndNothingChanges() {
        assertThatThrownBy(() -> importFor(
                        "glanafon",
                        round("MON-A", DayOfWeek.MONDAY),
                        property("203", "5 Stryd y Bont", "GN1 1AA", "MON-A")))
                .isInstanceOfSatisfying(
                        BinDataInvalid.class,
                        invalid -> assertThat(invalid.problems())
                                .singleElement()
                                .asString()
                                .contains("Round MON-A is already a round of council 'millbrook'"));
        assertThatThrownBy(() -> importFor(
                        "glanafon",
                        round("GN-FRI", DayOfWeek.FRIDAY),
                        property("101", "2 Mill Lane", "MB1 1AA", "GN-FRI")))
                .isInstanceOfSatisfying(
                        BinDataInvalid.class,
                        invalid -> assertThat(invalid.problems())
                                .singleElement()
                                .asString()
                                .contains("UPRN 101")
                                .contains("council 'millbrook'"));
        assertThatThrownBy(() -> importFor(
                        "eastshire",
                        round("ES-MON", DayOfWeek.MONDAY),
                        property("401", "1 East Road", "ES1 1AA", "ES-MON")))
                .isInstanceOfSatisfying(
                        BinDataInvalid.class,
                        invalid -> assertThat(invalid.problems())
                                .singleElement()
                                .asString()
                                .contains("no council 'eastshire'"));

        assertThat(bins.property("201"))
                .as("Glanafon's rounds are as they were")
                .isPresent();
        assertThat(bins.propertyCount()).isEqualTo(3);
    }

    private void importFor(String council, BinRound round, PropertyRounds property) {
        database.transactions()
                .executeWithoutResult(tx -> bins.replaceAll(
                        council, new BinData(List.of(round), List.of(property), List.of()), BinImportProgress.SILENT));
    }

    private static BinRound round(String id, DayOfWeek day) {
        LocalDate reference = WEDNESDAY_7_JANUARY.with(java.time.temporal.TemporalAdjusters.nextOrSame(day));
        return new BinRound(id, "refuse", "Black bin", "black", day, 1, reference);
    }

    private static PropertyRounds property(String uprn, String address, String postcode, String round) {
        return new PropertyRounds(
                new PropertyAddress(uprn, address, Postcode.parse(postcode).orElseThrow()), List.of(round));
    }

    private static KnowledgeProperties.Bins bins() {
        return new KnowledgeProperties.Bins(
                "classpath:bins/uk-bank-holidays.json",
                "england-and-wales",
                BankHolidayRule.SHIFT_REST_OF_WEEK,
                "classpath:areas/govuk-local-authorities.csv",
                List.of(),
                null);
    }
}
