package org.councilchat.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.councilchat.councils.Council;
import org.councilchat.councils.Councils;
import org.councilchat.councils.CouncilsProperties;
import org.councilchat.knowledge.areas.CouncilDirectory;
import org.councilchat.knowledge.bins.BankHolidays;
import org.councilchat.knowledge.bins.BinRound;
import org.councilchat.knowledge.bins.BinRoundRepository;
import org.councilchat.knowledge.bins.BinRoundRepository.PropertyRounds;
import org.councilchat.knowledge.bins.CollectionCalendar;
import org.councilchat.knowledge.bins.CollectionCalendars;
import org.councilchat.knowledge.bins.CollectionException;
import org.councilchat.knowledge.bins.MissedBinRepository;
import org.councilchat.knowledge.bins.RoundsCollectionSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

/** Bin days by postcode against a real (in-memory) database, with a small fictional council. */
class BinCollectionsTests {

    private static final LocalDate WEDNESDAY_7_JANUARY = LocalDate.of(2026, 1, 7);

    private TestDatabase database;
    private BinCollections bins;

    @BeforeEach
    void millbrook() {
        database = TestDatabase.migrated();
        BinRoundRepository rounds = new BinRoundRepository(database.template());
        CollectionCalendars calendars =
                CollectionCalendars.everywhere(new CollectionCalendar(BankHolidays.none(), BankHolidayRule.NO_CHANGE));
        bins = new BinCollections(
                rounds,
                calendars,
                councils(),
                new Councils(new CouncilsProperties(List.of())),
                new MissedBinRepository(database.jdbc(), database.transactionManager()),
                new RoundsCollectionSource(rounds, calendars),
                Clock.fixed(Instant.parse("2026-01-07T09:00:00Z"), ZoneOffset.UTC));
        database.transactions().executeWithoutResult(tx -> bins.replaceAll(millbrookRounds()));
    }

    @AfterEach
    void dropDatabase() {
        database.shutdown();
    }

    @Test
    void wellFormedPostcodeWithNoPropertiesIsNotInOurArea() {
        assertThat(bins.lookup("ZZ9 9ZZ")).isEqualTo(new PostcodeLookup.NotInArea(postcode("ZZ9 9ZZ"), null));
    }

    @Test
    void namesTheCouncilThatServesAPostcodeOutsideOurArea() {
        assertThat(bins.lookup("ab10 1ab")).isInstanceOfSatisfying(PostcodeLookup.NotInArea.class, notOurs -> {
            assertThat(notOurs.servedBy().name()).isEqualTo("Aberdeen City Council");
            assertThat(notOurs.servedBy().website()).isEqualTo("https://www.aberdeencity.gov.uk/");
        });
    }

    @Test
    void outwardCodeAloneIsAPartialPostcode() {
        assertThat(bins.lookup(" sw1a ")).isEqualTo(new PostcodeLookup.PartialPostcode("SW1A"));
        assertThat(bins.lookup("MB1")).isEqualTo(new PostcodeLookup.PartialPostcode("MB1"));
    }

    @Test
    void wordsAreNotAPostcode() {
        assertThat(bins.lookup("my house")).isEqualTo(new PostcodeLookup.NotAPostcode("my house"));
        assertThat(bins.lookup("")).isInstanceOf(PostcodeLookup.NotAPostcode.class);
    }

    @Test
    void findsEveryAddressAtAPostcodeTypedAnyWay() {
        for (String typed : List.of("MB1 1AA", "mb11aa", " Mb1   1aA ", "MB1 IAA")) {
            assertThat(bins.lookup(typed)).as(typed).isInstanceOfSatisfying(PostcodeLookup.Addresses.class, found -> {
                assertThat(found.postcode()).isEqualTo(postcode("MB1 1AA"));
                assertThat(found.properties())
                        .extracting(PropertyAddress::address)
                        .containsExactly("2 Mill Lane, Millbrook", "4 Mill Lane, Millbrook");
            });
        }
    }

    @Test
    void neighboursOnTheSameRoundsNeedNotChooseTheirAddress() {
        assertThat(bins.lookup("MB1 1AA"))
                .isInstanceOfSatisfying(
                        PostcodeLookup.Addresses.class,
                        found -> assertThat(found.sameRounds()).isTrue());
    }

    @Test
    void housesAndFlatsOnDifferentRoundsMustChooseTheirAddress() {
        assertThat(bins.lookup("MB2 3EF")).isInstanceOfSatisfying(PostcodeLookup.Addresses.class, found -> {
            assertThat(found.sameRounds()).isFalse();
            assertThat(found.properties()).extracting(PropertyAddress::uprn).containsExactly("301", "304");
        });
    }

    @Test
    void nextCollectionsComeEarliestFirstWithTheOneAfter() {
        assertThat(bins.nextCollections("101", WEDNESDAY_7_JANUARY))
                .containsExactly(
                        new NextCollection(
                                "Blue bin (recycling)",
                                "recycling",
                                "blue",
                                LocalDate.of(2026, 1, 12),
                                LocalDate.of(2026, 1, 26),
                                null,
                                false),
                        new NextCollection(
                                "Food caddy",
                                "food",
                                "brown",
                                LocalDate.of(2026, 1, 12),
                                LocalDate.of(2026, 1, 19),
                                null,
                                false),
                        new NextCollection(
                                "Black bin (general waste)",
                                "refuse",
                                "black",
                                LocalDate.of(2026, 1, 19),
                                LocalDate.of(2026, 2, 2),
                                null,
                                false));
    }

    @Test
    void aCollectionTodayIsTheNextOne() {
        LocalDate monday = LocalDate.of(2026, 1, 19);
        assertThat(bins.nextCollections("101", monday))
                .filteredOn(next -> next.stream().equals("refuse"))
                .singleElement()
                .satisfies(black -> {
                    assertThat(black.date()).isEqualTo(monday);
                    assertThat(black.following()).isEqualTo(LocalDate.of(2026, 2, 2));
                });
    }

    @Test
    void lastCollectionOfAnEndingRoundHasNoFollowingAndAnEndedRoundIsLeftOut() {
        assertThat(bins.nextCollections("401", LocalDate.of(2026, 1, 8)))
                .filteredOn(next -> next.stream().equals("garden"))
                .singleElement()
                .satisfies(garden -> {
                    assertThat(garden.date()).isEqualTo(LocalDate.of(2026, 1, 21));
                    assertThat(garden.following()).isNull();
                    assertThat(garden.subscriptionOnly()).isTrue();
                });
        assertThat(bins.nextCollections("401", LocalDate.of(2026, 1, 22)))
                .extracting(NextCollection::stream)
                .containsExactly("refuse");
    }

    @Test
    void tellsTheResidentWhenTheUsualCollectionIsCancelled() {
        LocalDate cancelled = LocalDate.of(2026, 1, 12);
        BinData data = millbrookRounds();
        database.transactions()
                .executeWithoutResult(tx -> bins.replaceAll(new BinData(
                        data.rounds(),
                        data.properties(),
                        List.of(new CollectionException("MON-B", cancelled, null, "Depot closed")))));

        assertThat(bins.nextCollections("101", WEDNESDAY_7_JANUARY))
                .filteredOn(next -> next.stream().equals("recycling"))
                .singleElement()
                .satisfies(blue -> {
                    assertThat(blue.date()).isEqualTo(LocalDate.of(2026, 1, 26));
                    assertThat(blue.change()).isEqualTo(new NextCollection.Change(cancelled, true, "Depot closed"));
                });
    }

    @Test
    void calendarListsEveryCollectionBetweenTwoDatesInOrder() {
        assertThat(bins.collectionsBetween("101", LocalDate.of(2026, 1, 5), LocalDate.of(2026, 1, 18)))
                .extracting(c -> c.date() + " " + c.binName())
                .containsExactly(
                        "2026-01-05 Black bin (general waste)",
                        "2026-01-05 Food caddy",
                        "2026-01-12 Blue bin (recycling)",
                        "2026-01-12 Food caddy");
    }

    @Test
    void unknownPropertyHasNoCollections() {
        assertThat(bins.property("999")).isEmpty();
        assertThat(bins.nextCollections("999", WEDNESDAY_7_JANUARY)).isEmpty();
        assertThat(bins.property("304")).map(PropertyAddress::address).contains("Flat 1, Riverside Court");
    }

    @Test
    void replacingTheDataLeavesNoTraceOfTheOld() {
        BinRound thursday = weekly("THU-NEW", "refuse", DayOfWeek.THURSDAY, LocalDate.of(2026, 1, 8));
        database.transactions()
                .executeWithoutResult(tx -> bins.replaceAll(new BinData(
                        List.of(thursday), List.of(property("901", "1 New Street", "MB9 1AA", "THU-NEW")), List.of())));

        assertThat(bins.propertyCount()).isEqualTo(1);
        assertThat(bins.lookup("MB1 1AA")).isInstanceOf(PostcodeLookup.NotInArea.class);
        assertThat(bins.nextCollections("901", WEDNESDAY_7_JANUARY))
                .extracting(NextCollection::date)
                .containsExactly(LocalDate.of(2026, 1, 8));
    }

    /**
     * NOTE: {@link BinRoundRepository#replaceAll} is atomic through Spring's {@code @Transactional} proxy; a
     * plain instance here has no proxy, so the transaction is the one the application would start.
     */
    @Test
    void failedReplacementKeepsTheDataResidentsHadBefore() {
        BinData broken = new BinData(
                List.of(weekly("TUE-X", "refuse", DayOfWeek.TUESDAY, LocalDate.of(2026, 1, 6))),
                List.of(property("801", "1 Ghost Lane", "MB8 1AA", "NO-SUCH-ROUND")),
                List.of());

        assertThatExceptionOfType(DataIntegrityViolationException.class)
                .isThrownBy(() -> database.transactions().executeWithoutResult(tx -> bins.replaceAll(broken)));

        assertThat(bins.propertyCount()).isEqualTo(5);
        assertThat(bins.lookup("MB1 1AA")).isInstanceOf(PostcodeLookup.Addresses.class);
        assertThat(bins.nextCollections("101", WEDNESDAY_7_JANUARY)).hasSize(3);
        assertThat(bins.lookup("MB8 1AA")).isInstanceOf(PostcodeLookup.NotInArea.class);
    }

    @Test
    void importsValidCsvFiles() {
        bins.importCsv(new StringReader("""
                        round_id,stream,name,colour,day_of_week,interval_weeks,reference_date
                        FRI-A,refuse,Grey bin,grey,FRIDAY,1,2026-01-09
                        """), "rounds.csv", new StringReader("""
                        uprn,address,postcode,round_ids
                        701,"7 Bridge Street, Millbrook",mb7 7aa,FRI-A
                        """), "properties.csv");

        assertThat(bins.lookup("MB7 7AA")).isInstanceOf(PostcodeLookup.Addresses.class);
        assertThat(bins.nextCollections("701", WEDNESDAY_7_JANUARY))
                .extracting(NextCollection::binName, NextCollection::date)
                .containsExactly(tuple("Grey bin", LocalDate.of(2026, 1, 9)));
    }

    @Test
    void aLargeImportGoesInInBatchesAndSaysHowFarItHasGot() {
        // 2,500 properties on two rounds: more than one batch of each kind of row, and a part-filled last one.
        StringBuilder properties = new StringBuilder("uprn,address,postcode,round_ids\n");
        for (int n = 1; n <= 2_500; n++) {
            properties.append(800_000 + n).append(",").append(n).append(" Long Road,MB8 8AA,FRI-A;FRI-B\n");
        }
        List<String> heard = new ArrayList<>();

        BinData imported = bins.importCsv(
                Council.DEFAULT_ID,
                new StringReader("""
                        round_id,stream,name,colour,day_of_week,interval_weeks,reference_date
                        FRI-A,refuse,Grey bin,grey,FRIDAY,2,2026-01-09
                        FRI-B,recycling,Blue bin,blue,FRIDAY,2,2026-01-16
                        """),
                "rounds.csv",
                new StringReader(properties.toString()),
                "properties.csv",
                null,
                null,
                (what, done, total) -> heard.add(what + " " + done + "/" + total));

        assertThat(imported.properties()).hasSize(2_500);
        assertThat(bins.propertyCount()).isEqualTo(2_500);
        assertThat(bins.nextCollections("802500", WEDNESDAY_7_JANUARY)).hasSize(2);
        assertThat(heard)
                .containsSubsequence(
                        "rounds 0/2",
                        "rounds 2/2",
                        "properties 0/2500",
                        "properties 1000/2500",
                        "properties 2000/2500",
                        "properties 2500/2500",
                        "property rounds 0/2500",
                        "property rounds 500/2500",
                        "property rounds 2500/2500");
    }

    @Test
    void invalidCsvImportsNothing() {
        assertThatThrownBy(() ->
                        bins.importCsv(new StringReader("""
                                round_id,stream,name,colour,day_of_week,interval_weeks,reference_date
                                FRI-A,refuse,Grey bin,grey,FRIDAY,1,2026-01-09
                                """), "rounds.csv", new StringReader("""
                                uprn,address,postcode,round_ids
                                701,7 Bridge Street,MB7 7AA,FRI-A
                                702,9 Bridge Street,not a postcode,FRI-A
                                """), "properties.csv"))
                .isInstanceOf(BinDataInvalid.class);

        assertThat(bins.lookup("MB7 7AA")).isInstanceOf(PostcodeLookup.NotInArea.class);
        assertThat(bins.propertyCount()).isEqualTo(5);
    }

    private static BinData millbrookRounds() {
        BinRound blackMonday = fortnightly("MON-A", "refuse", "Black bin (general waste)", "black", 2026, 1, 5);
        BinRound blueMonday = fortnightly("MON-B", "recycling", "Blue bin (recycling)", "blue", 2026, 1, 12);
        BinRound food =
                new BinRound("MON-FOOD", "food", "Food caddy", "brown", DayOfWeek.MONDAY, 1, LocalDate.of(2026, 1, 5));
        BinRound blackThursday = fortnightly("THU-A", "refuse", "Black bin (general waste)", "black", 2026, 1, 15);
        BinRound garden = new BinRound(
                "GDN-WED",
                "garden",
                "Green bin (garden waste)",
                "green",
                DayOfWeek.WEDNESDAY,
                2,
                LocalDate.of(2026, 1, 7),
                null,
                LocalDate.of(2026, 1, 21),
                true);
        return new BinData(
                List.of(blackMonday, blueMonday, food, blackThursday, garden),
                List.of(
                        property("101", "2 Mill Lane, Millbrook", "MB1 1AA", "MON-A", "MON-B", "MON-FOOD"),
                        property("102", "4 Mill Lane, Millbrook", "MB1 1AA", "MON-A", "MON-B", "MON-FOOD"),
                        property("301", "1 Station Road", "MB2 3EF", "MON-A", "MON-B"),
                        property("304", "Flat 1, Riverside Court", "MB2 3EF", "THU-A"),
                        property("401", "10 Oak Avenue", "MB3 4GH", "MON-A", "GDN-WED")),
                List.of());
    }

    private static BinRound fortnightly(
            String id, String stream, String name, String colour, int year, int month, int day) {
        LocalDate reference = LocalDate.of(year, month, day);
        return new BinRound(id, stream, name, colour, reference.getDayOfWeek(), 2, reference);
    }

    private static BinRound weekly(String id, String stream, DayOfWeek day, LocalDate reference) {
        return new BinRound(id, stream, stream + " bin", null, day, 1, reference);
    }

    private static PropertyRounds property(String uprn, String address, String postcode, String... rounds) {
        return new PropertyRounds(new PropertyAddress(uprn, address, postcode(postcode)), List.of(rounds));
    }

    private static Postcode postcode(String value) {
        return Postcode.parse(value).orElseThrow();
    }

    /** GOV.UK's real council list, and one postcode outside Millbrook that the postcode table knows. */
    private static CouncilDirectory councils() {
        Reader list = new InputStreamReader(
                BinCollectionsTests.class.getResourceAsStream("/areas/govuk-local-authorities.csv"),
                StandardCharsets.UTF_8);
        CouncilDirectory councils = CouncilDirectory.fromLocalAuthorities(list);
        councils.addPostcodes(new StringReader("pcds,oslaua\nAB10 1AB,S12000033\n"), "inline.csv");
        return councils;
    }
}
