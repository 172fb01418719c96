package org.councilchat.knowledge.bins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.io.StringReader;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import org.councilchat.knowledge.BinData;
import org.councilchat.knowledge.BinDataInvalid;
import org.councilchat.knowledge.Postcode;
import org.councilchat.knowledge.PropertyAddress;
import org.councilchat.knowledge.bins.BinRoundRepository.PropertyRounds;
import org.junit.jupiter.api.Test;

/** Reading the council's bin CSV files: everything checked, every problem named with its file and line. */
class BinDataCsvTests {

    private static final String ROUNDS_HEADER = "round_id,stream,name,colour,day_of_week,interval_weeks,reference_date";
    private static final String ROUNDS = ROUNDS_HEADER + """

            MON-A,refuse,Black bin (general waste),black,MONDAY,2,2026-01-05
            MON-B,Recycling,"Blue bin (cans, paper)",blue,monday,2,2026-01-12
            """;
    private static final String PROPERTIES_HEADER = "uprn,address,postcode,round_ids";

    @Test
    void readsValidFiles() {
        BinData data = read(ROUNDS, PROPERTIES_HEADER + """

                999900000101,"2 Mill Lane, Millbrook",mb11aa,MON-A; MON-B
                999900000102,"4 Mill Lane, Millbrook",MB1 1AA,MON-A
                """);

        assertThat(data.rounds())
                .containsExactly(
                        new BinRound(
                                "MON-A",
                                "refuse",
                                "Black bin (general waste)",
                                "black",
                                DayOfWeek.MONDAY,
                                2,
                                LocalDate.of(2026, 1, 5)),
                        new BinRound(
                                "MON-B",
                                "recycling",
                                "Blue bin (cans, paper)",
                                "blue",
                                DayOfWeek.MONDAY,
                                2,
                                LocalDate.of(2026, 1, 12)));
        assertThat(data.properties())
                .containsExactly(
                        new PropertyRounds(
                                new PropertyAddress("999900000101", "2 Mill Lane, Millbrook", postcode("MB1 1AA")),
                                List.of("MON-A", "MON-B")),
                        new PropertyRounds(
                                new PropertyAddress("999900000102", "4 Mill Lane, Millbrook", postcode("MB1 1AA")),
                                List.of("MON-A")));
        assertThat(data.exceptions()).isEmpty();
    }

    @Test
    void readsTheBinsWelshNamesAndMakesOneWhereTheCouncilGaveNone() {
        BinData data = read(
                ROUNDS_HEADER + ",name_cy\n"
                        + "GN-A,refuse,Black bin (general waste),black,WEDNESDAY,3,2026-01-07,Bin du (sbwriel)\n"
                        + "GN-B,recycling,Blue box (recycling),blue,WEDNESDAY,1,2026-01-07,\n"
                        + "GN-F,food,Food caddy,green,WEDNESDAY,1,2026-01-07,\n"
                        + "GN-G,garden,Garden waste,,WEDNESDAY,1,2026-01-07,\n"
                        + "GN-O,other,Textiles bag,white,WEDNESDAY,1,2026-01-07,\n",
                PROPERTIES_HEADER + "\n999900000101,\"1 Heol y Bont, Glanafon\",MB1 1AA,GN-A;GN-B\n");

        assertThat(data.rounds())
                .extracting(BinRound::welshName)
                .containsExactly("Bin du (sbwriel)", null, null, null, null);
        assertThat(data.rounds())
                .extracting(BinRound::welshNameOrMade)
                .as("the council's own name first; otherwise made from the stream and the colour in Welsh")
                .containsExactly(
                        "Bin du (sbwriel)", "Bin glas (ailgylchu)", "Cadi bwyd", "Bin gwastraff gardd", "Textiles bag");
    }

    @Test
    void readsOptionalSeasonAndSubscriptionColumnsAndExceptions() {
        String rounds = """
                round_id,stream,name,colour,day_of_week,interval_weeks,reference_date,start_date,end_date,subscription
                GDN,garden,Green bin,green,WEDNESDAY,2,2026-01-07,2026-03-04,2026-11-25,yes
                MON-A,refuse,Black bin,,MONDAY,1,2026-01-05,,,
                """;
        BinData data = BinDataCsv.read(
                new StringReader(rounds),
                "rounds.csv",
                new StringReader(PROPERTIES_HEADER + "\n101,1 Oak Avenue,MB3 4GH,GDN;MON-A\n"),
                "properties.csv",
                new StringReader("""
                        round_id,date,new_date,reason
                        MON-A,2026-12-28,2026-12-29,Boxing Day
                        MON-A,2027-01-04,,Staff training
                        """),
                "exceptions.csv");

        assertThat(data.rounds().getFirst()).satisfies(garden -> {
            assertThat(garden.startDate()).isEqualTo("2026-03-04");
            assertThat(garden.endDate()).isEqualTo("2026-11-25");
            assertThat(garden.subscriptionOnly()).isTrue();
        });
        assertThat(data.rounds().get(1)).satisfies(black -> {
            assertThat(black.startDate()).isNull();
            assertThat(black.subscriptionOnly()).isFalse();
        });
        assertThat(data.exceptions())
                .containsExactly(
                        new CollectionException(
                                "MON-A", LocalDate.of(2026, 12, 28), LocalDate.of(2026, 12, 29), "Boxing Day"),
                        new CollectionException("MON-A", LocalDate.of(2027, 1, 4), null, "Staff training"));
    }

    @Test
    void brokenCsvNamesTheFileAndTheLine() {
        BinDataInvalid invalid = invalid(ROUNDS, PROPERTIES_HEADER + """

                101,2 Mill Lane,MB1 1AA,MON-A
                102,"4 Mill Lane,MB1 1AA,MON-A
                """);

        assertThat(invalid.problems())
                .singleElement(STRING)
                .startsWith("properties.csv")
                .containsPattern("line:? 3\\b");
    }

    @Test
    void missingColumnsAreNamed() {
        BinDataInvalid invalid = invalid(ROUNDS, "uprn,address\n101,2 Mill Lane\n");

        assertThat(invalid.problems()).containsExactly("properties.csv line 1: missing column(s) postcode, round_ids");
    }

    @Test
    void spreadsheetHeaderWithAnEmptyColumnIsAProblemNotACrash() {
        // Spreadsheets often export a trailing comma after the last column name.
        BinDataInvalid invalid = invalid(ROUNDS, PROPERTIES_HEADER + ",\n101,2 Mill Lane,MB1 1AA,MON-A,\n");

        assertThat(invalid.problems()).singleElement(STRING).startsWith("properties.csv line 1: ");
    }

    @Test
    void emptyFileIsMissingEveryColumn() {
        BinDataInvalid invalid = invalid(ROUNDS, "");

        assertThat(invalid.problems())
                .containsExactly("properties.csv line 1: missing column(s) uprn, address, postcode, round_ids");
    }

    @Test
    void propertyOnAnUnknownRoundIsAProblem() {
        BinDataInvalid invalid = invalid(ROUNDS, PROPERTIES_HEADER + "\n101,2 Mill Lane,MB1 1AA,MON-A;MON-Z\n");

        assertThat(invalid.problems()).containsExactly("properties.csv line 2: round MON-Z is not in rounds.csv");
    }

    @Test
    void unknownDayOfWeekIsAProblemNamingTheValue() {
        BinDataInvalid invalid = invalid(
                ROUNDS_HEADER + "\nMON-A,refuse,Black bin,black,Funday,2,2026-01-05\n", PROPERTIES_HEADER + "\n");

        assertThat(invalid.problems())
                .singleElement(STRING)
                .isEqualTo("rounds.csv line 2: day_of_week must be a day such as Monday, not 'Funday'");
    }

    @Test
    void referenceDateMustFallOnTheCollectionDay() {
        BinDataInvalid invalid = invalid(
                ROUNDS_HEADER + "\nMON-A,refuse,Black bin,black,MONDAY,2,2026-01-06\n", PROPERTIES_HEADER + "\n");

        assertThat(invalid.problems())
                .containsExactly("rounds.csv line 2: Round MON-A: reference date 2026-01-06 is not a MONDAY");
    }

    @Test
    void referenceDateMustBeADate() {
        BinDataInvalid invalid = invalid(
                ROUNDS_HEADER + "\nMON-A,refuse,Black bin,black,MONDAY,2,05/01/2026\n", PROPERTIES_HEADER + "\n");

        assertThat(invalid.problems())
                .containsExactly("rounds.csv line 2: reference_date must be a date like 2026-01-05, not '05/01/2026'");
    }

    @Test
    void duplicateUprnIsAProblemOnItsSecondLine() {
        BinDataInvalid invalid = invalid(ROUNDS, PROPERTIES_HEADER + """

                101,2 Mill Lane,MB1 1AA,MON-A
                101,4 Mill Lane,MB1 1AA,MON-A
                """);

        assertThat(invalid.problems()).containsExactly("properties.csv line 3: uprn 101 appears twice");
    }

    @Test
    void duplicateRoundIsAProblem() {
        BinDataInvalid invalid = invalid(
                ROUNDS + "MON-A,refuse,Black bin,black,MONDAY,1,2026-01-05\n", "uprn,address,postcode,round_ids\n");

        assertThat(invalid.problems()).containsExactly("rounds.csv line 4: round MON-A appears twice");
    }

    @Test
    void exceptionMustBeOnOneOfTheRoundsDays() {
        BinDataInvalid invalid = catchThrowableOfType(
                BinDataInvalid.class,
                () -> BinDataCsv.read(
                        new StringReader(ROUNDS),
                        "rounds.csv",
                        new StringReader(PROPERTIES_HEADER + "\n"),
                        "properties.csv",
                        new StringReader("""
                                round_id,date,new_date,reason
                                MON-A,2026-12-29,,Not a collection day
                                GHOST,2026-12-28,,No such round
                                MON-A,28/12/2026,,Bad date
                                """),
                        "exceptions.csv"));

        assertThat(invalid.problems())
                .containsExactly(
                        "exceptions.csv line 2: date 2026-12-29 is not a collection day of round MON-A",
                        "exceptions.csv line 3: round GHOST is not in rounds.csv",
                        "exceptions.csv line 4: date must be a date like 2026-01-05, not '28/12/2026'");
    }

    @Test
    void reportsEveryProblemNotJustTheFirst() {
        BinDataInvalid invalid = invalid(ROUNDS_HEADER + """

                        MON-A,refuse,Black bin,black,MONDAY,2,2026-01-05
                        TUE-A,refuse,Black bin,black,TUESDAY,2,2026-01-05
                        WED-A,refuse,Black bin,black,WEDNESDAY,0,2026-01-07
                        """, PROPERTIES_HEADER + """

                        101,2 Mill Lane,MB1 1AA,MON-A
                        12ab,4 Mill Lane,MB1 1AA,MON-A
                        103,6 Mill Lane,not a postcode,MON-A
                        104,,MB1 1AA,MON-A
                        105,10 Mill Lane,MB1 1AA,
                        """);

        assertThat(invalid.problems())
                .containsExactly(
                        "rounds.csv line 3: Round TUE-A: reference date 2026-01-05 is not a TUESDAY",
                        "rounds.csv line 4: interval_weeks must be a whole number of weeks from 1 to 52, not '0'",
                        "properties.csv line 3: uprn must be up to 12 digits",
                        "properties.csv line 4: postcode 'not a postcode' is not a full UK postcode",
                        "properties.csv line 5: address is empty",
                        "properties.csv line 6: round_ids is empty");
        assertThat(invalid.getMessage()).startsWith("6 problem(s) in the bin data, first: rounds.csv line 3");
    }

    @Test
    void lineNumbersCountBlankLinesAndLineBreaksInsideQuotes() {
        // Spreadsheet exports leave blank lines, and addresses are often quoted over two lines.
        BinDataInvalid invalid = invalid(ROUNDS, PROPERTIES_HEADER + """


                101,"2 Mill Lane
                Millbrook",MB1 1AA,MON-A

                102,4 Mill Lane,MB1 1AA,MON-Z
                """);

        assertThat(invalid.problems()).containsExactly("properties.csv line 6: round MON-Z is not in rounds.csv");
    }

    @Test
    void aControlCharacterInAValueIsRefusedNamingItsLineAndNothingIsImported() {
        BinDataInvalid invalid = invalid(
                ROUNDS,
                PROPERTIES_HEADER + "\n101,2 Mill Lane,MB1 1AA,MON-A\n102,4 Mill\u0000 Lane,MB1 1AA,MON-A\n"
                        + "103,\"6 Mill Lane\u2028BEGIN:VEVENT\",MB1 1AA,MON-A\n");

        assertThat(invalid.problems())
                .containsExactly(
                        "properties.csv line 3: address has a control character (U+0000) at character 7",
                        "properties.csv line 4: address has a control character (U+2028) at character 12");
    }

    @Test
    void anAddressQuotedOverTwoLinesIsReadAsOneLine() {
        BinData data = read(ROUNDS, PROPERTIES_HEADER + "\n101,\"2 Mill Lane\r\nMillbrook\",MB1 1AA,MON-A\n");

        assertThat(data.properties().getFirst().address().address()).isEqualTo("2 Mill Lane, Millbrook");
    }

    @Test
    void aSpreadsheetsByteOrderMarkIsNotPartOfTheFirstColumnName() {
        BinData data = read("\uFEFF" + ROUNDS, "\uFEFF" + PROPERTIES_HEADER + "\n101,2 Mill Lane,MB1 1AA,MON-A\n");

        assertThat(data.properties()).hasSize(1);
        assertThat(data.rounds()).hasSize(2);
    }

    @Test
    void intervalMustBeAWholeNumberOfWeeks() {
        BinDataInvalid invalid = invalid(
                ROUNDS_HEADER + "\nMON-A,refuse,Black bin,black,MONDAY,fortnightly,2026-01-05\n",
                PROPERTIES_HEADER + "\n");

        assertThat(invalid.problems())
                .containsExactly(
                        "rounds.csv line 2: interval_weeks must be a whole number of weeks from 1 to 52, not 'fortnightly'");
    }

    private static BinData read(String rounds, String properties) {
        return BinDataCsv.read(new StringReader(rounds), "rounds.csv", new StringReader(properties), "properties.csv");
    }

    private static BinDataInvalid invalid(String rounds, String properties) {
        BinDataInvalid invalid = catchThrowableOfType(BinDataInvalid.class, () -> read(rounds, properties));
        assertThat(invalid).as("expected the bin data to be refused").isNotNull();
        return invalid;
    }

    private static Postcode postcode(String value) {
        return Postcode.parse(value).orElseThrow();
    }
}
