package org.councilchat.engine.nlu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.councilchat.engine.TrainingDataInvalid;
import org.junit.jupiter.api.Test;

/** Reading {@code text,intent} training files: quoting as RFC 4180, and a bad line named by its number. */
class TrainingCsvTests {

    @Test
    void readsPlainAndQuotedExamples() throws IOException {
        List<TrainingExample> examples = read("""
                text,intent
                when is my bin day,bin_day
                "bins, please",bin_day
                "she said ""hello""\",greet
                "",greet
                what's my council tax band?, council_question
                """);

        assertThat(examples)
                .containsExactly(
                        new TrainingExample("when is my bin day", "bin_day"),
                        new TrainingExample("bins, please", "bin_day"),
                        new TrainingExample("she said \"hello\"", "greet"),
                        new TrainingExample("", "greet"),
                        new TrainingExample("what's my council tax band?", "council_question"));
    }

    @Test
    void skipsBlankLinesAndAcceptsAByteOrderMark() throws IOException {
        assertThat(read("\uFEFFtext,intent\n\nhello,greet\n   \nbye,goodbye\n"))
                .extracting(TrainingExample::intent)
                .containsExactly("greet", "goodbye");
    }

    @Test
    void refusesAFileWithoutTheHeader() {
        assertThatIOException()
                .isThrownBy(() -> read("hello,greet\n"))
                .withMessage("intents.csv: the first line must be the header text,intent");
        assertThatIOException()
                .isThrownBy(() -> read(""))
                .withMessage("intents.csv: the first line must be the header text,intent");
    }

    @Test
    void lineWithoutAnIntentIsNamedByItsNumber() {
        assertThatIOException()
                .isThrownBy(() -> read("text,intent\nhello,greet\n\njust some words\n"))
                .withMessage("intents.csv line 4: expected two fields, text and intent");
        assertThatIOException()
                .isThrownBy(() -> read("text,intent\nhello,   \n"))
                .withMessage("intents.csv line 2: expected two fields, text and intent");
    }

    @Test
    void unquotedCommaInTheTextIsNamedByItsLineNumber() {
        assertThatIOException()
                .isThrownBy(() -> read("text,intent\nhello,greet\nbins, please,bin_day\n"))
                .withMessage("intents.csv line 3: expected two fields, text and intent");
    }

    @Test
    void unterminatedQuoteIsNamedByItsLineNumber() {
        assertThatIOException()
                .isThrownBy(() -> read("text,intent\nhello,greet\n\"bins please,bin_day\n"))
                .withMessageStartingWith("intents.csv line 3: ");
    }

    @Test
    void readsTheShippedTrainingData() throws IOException {
        try (InputStream csv = TrainingCsvTests.class.getResourceAsStream("/nlu/council-intents.csv")) {
            List<TrainingExample> examples = TrainingCsv.read(csv, "council-intents.csv");

            assertThat(examples)
                    .extracting(TrainingExample::intent)
                    .contains("bin_day", "missed_bin", "speak_to_person", "greet", "thanks", "goodbye", "out_of_scope");
            assertThat(examples)
                    .allSatisfy(example -> assertThat(example.text()).isNotBlank());
        }
    }

    private static List<TrainingExample> read(String csv) throws IOException {
        InputStream in = new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8));
        return TrainingCsv.read(in, "intents.csv");
    }

    @Test
    void refusesAnIntentWithSpacesOrTextAfterAClosingQuote() {
        assertThatIOException()
                .isThrownBy(() -> read("text,intent\nhello,greet\nwhen is my bin day,bin day\n"))
                .withMessage("intents.csv line 3: the intent 'bin day' must be one word, without spaces or quotes");
        assertThatIOException()
                .isThrownBy(() -> read("text,intent\n\"bins\" please,bin_day\n"))
                .withMessageStartingWith("intents.csv line 2: text after a closing quote");
    }

    @Test
    void refusesBytesThatAreNotUtf8() {
        byte[] latin1 = "text,intent\ncaf\u00e9,greet\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatExceptionOfType(TrainingDataInvalid.class)
                .isThrownBy(() -> TrainingCsv.read(new ByteArrayInputStream(latin1), "intents.csv"))
                .satisfies(invalid -> assertThat(invalid.reason()).isEqualTo("the file is not UTF-8 text"));
    }
}
