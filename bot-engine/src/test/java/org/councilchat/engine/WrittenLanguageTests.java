package org.councilchat.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.councilchat.engine.nlu.TrainingCsv;
import org.councilchat.engine.nlu.TrainingExample;
import org.junit.jupiter.api.Test;

class WrittenLanguageTests {

    /** Built once: it reads both training sets. */
    private static final WrittenLanguage LANGUAGE = WrittenLanguage.fromTrainingData();

    /** Both validation splits are scored; the figures are in the intents README. */
    private static final double VAL_ACCURACY_FLOOR = 0.9;

    @Test
    void recognisesAWelshSentence() {
        LanguageGuess guess = LANGUAGE.guess("dw i isio gwybod pryd mae'r bin yn cael ei gasglu");

        assertThat(guess.language()).isEqualTo("cy");
        assertThat(guess.confidence()).isGreaterThan(0.9);
    }

    @Test
    void recognisesAnEnglishSentence() {
        LanguageGuess guess = LANGUAGE.guess("my bin wasn't collected again this week");

        assertThat(guess.language()).isEqualTo("en");
        assertThat(guess.confidence()).isGreaterThan(0.9);
    }

    @Test
    void recognisesWelshWithoutAccentsOrWithEnglishLoanWords() {
        assertThat(LANGUAGE.guess("faint yw'r tal am y bin gwyrdd").language()).isEqualTo("cy");
        assertThat(LANGUAGE.guess("council tax yn Gymraeg plis").language()).isEqualTo("cy");
        assertThat(LANGUAGE.guess("wnes i ddim cael fy bin wedi casglu").language())
                .isEqualTo("cy");
    }

    @Test
    void oneWordThanksInEitherLanguage() {
        assertThat(LANGUAGE.guess("diolch").language()).isEqualTo("cy");
        assertThat(LANGUAGE.guess("thanks").language()).isEqualTo("en");
    }

    @Test
    void aPostcodeANumberOrOkSayNothingAboutTheLanguage() {
        assertThat(LANGUAGE.guess("MB3 5HN").isUnknown()).isTrue();
        assertThat(LANGUAGE.guess("42").isUnknown()).isTrue();
        assertThat(LANGUAGE.guess("ok").isUnknown()).isTrue();
        assertThat(LANGUAGE.guess("").isUnknown()).isTrue();
    }

    @Test
    void aPostcodeBesideWordsDoesNotDrownThem() {
        assertThat(LANGUAGE.guess("pryd mae diwrnod bin MB2 4DF").language()).isEqualTo("cy");
        assertThat(LANGUAGE.guess("bin day for MB2 4DF please").language()).isEqualTo("en");
    }

    @Test
    void anAmbiguousShortWordLeansTowardTheConversationsLanguage() {
        // "bin" is as Welsh as it is English in residents' messages
        assertThat(LANGUAGE.guess("bin", "cy").language()).isEqualTo("cy");
        assertThat(LANGUAGE.guess("bin", "en").language()).isEqualTo("en");
    }

    @Test
    void aClearMessageWinsOverTheConversationsLanguage() {
        assertThat(LANGUAGE.guess("dw i isio siarad efo rhywun", "en").language())
                .isEqualTo("cy");
        assertThat(LANGUAGE.guess("can I speak to someone please", "cy").language())
                .isEqualTo("en");
    }

    @Test
    void tellsTheValidationSplitsApart() {
        double english = accuracy("/nlu/council-intents-val.csv", "en");
        double welsh = accuracy("/nlu/council-intents-cy-val.csv", "cy");
        System.out.printf("Language identification on the val splits: English %.4f, Welsh %.4f%n", english, welsh);

        assertThat(english).isGreaterThanOrEqualTo(VAL_ACCURACY_FLOOR);
        assertThat(welsh).isGreaterThanOrEqualTo(VAL_ACCURACY_FLOOR);
    }

    /** The share of the file's messages guessed as {@code language}, with no conversation to lean on. */
    private static double accuracy(String resource, String language) {
        List<TrainingExample> examples = read(resource);
        long right = examples.stream()
                .filter(example -> LANGUAGE.guess(example.text()).language().equals(language))
                .count();
        return (double) right / examples.size();
    }

    private static List<TrainingExample> read(String resource) {
        try (InputStream csv = WrittenLanguageTests.class.getResourceAsStream(resource)) {
            assertThat(csv).as(resource).isNotNull();
            return TrainingCsv.read(csv, resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
