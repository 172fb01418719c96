package org.councilchat.knowledge.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.councilchat.knowledge.Faq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Residents' words that differ from the FAQ's: council synonyms, spellings, typos and paraphrases, against
 * a real index with the built-in synonym list and the real sentence-embedding model.
 */
class CouncilVocabularyTests {

    private static final List<Faq> FAQS = List.of(
            faq("council-tax-pay", "How do I pay my council tax?", "<p>Pay by Direct Debit or online.</p>"),
            faq("missed-bin", "My bin was not collected", "<p>Report a missed collection online.</p>"),
            faq("fly-tipping", "How do I report fly-tipping?", "<p>Tell us where and what was left.</p>"),
            faq("library-hours", "When are the libraries open?", "<p>Monday to Saturday, 9am to 5pm.</p>"),
            faq("colour-bins", "Which colour bin is for glass?", "<p>The purple box.</p>"),
            faq("organise-event", "How do I organise a street party?", "<p>Apply for a road closure.</p>"),
            faq("pothole", "How do I report a pothole?", "<p>Use the road problems form.</p>"));

    @TempDir
    static Path location;

    private static FaqIndex index;

    @BeforeAll
    static void build() {
        index = new FaqIndex(location, CouncilSynonyms.builtIn(), SentenceEmbeddings.shared());
        index.rebuild(FAQS, "test");
    }

    @AfterAll
    static void close() throws IOException {
        index.close();
    }

    @ParameterizedTest
    @CsvSource({
        "ctax, council-tax-pay",
        "paying ctax, council-tax-pay",
        "my rubbish wasn't picked up, missed-bin",
        "someone dumped rubbish in my lane, fly-tipping",
        "what color bin do bottles go in, colour-bins",
        "organize a street party, organise-event",
        "councel tax, council-tax-pay",
        "report a pothle, pothole"
    })
    void findsTheFaqInTheResidentsOwnVocabulary(String residentWords, String expectedFaq) {
        assertThat(index.search(residentWords, 5)).first().satisfies(hit -> {
            assertThat(hit.faqId()).isEqualTo(expectedFaq);
            assertThat(hit.confidence()).isGreaterThan(0.5);
        });
    }

    @Test
    void ctaxIsNotASynonymWithoutTheList(@TempDir Path elsewhere) throws IOException {
        try (FaqIndex plain = new FaqIndex(elsewhere, CouncilSynonyms.none(), null)) {
            plain.rebuild(FAQS, "test");
            assertThat(plain.search("ctax", 5)).isEmpty();
        }
    }

    @Test
    void paraphraseSharingNoWordIsFoundByMeaning(@TempDir Path elsewhere) throws IOException {
        // Not one word, not even a small one, in common with "When are the libraries open?".
        String paraphrase = "book lending hours";

        assertThat(index.search(paraphrase, 5))
                .first()
                .extracting(FaqIndex.IndexHit::faqId)
                .isEqualTo("library-hours");
        try (FaqIndex wordsOnly = new FaqIndex(elsewhere, CouncilSynonyms.builtIn(), null)) {
            wordsOnly.rebuild(FAQS, "test");
            assertThat(wordsOnly.search(paraphrase, 5))
                    .extracting(FaqIndex.IndexHit::faqId)
                    .doesNotContain("library-hours");
        }
    }

    @Test
    void americanIzeSpellingsAreMadeBritish() {
        assertThat(index.terms("organize organization analyzing"))
                .isEqualTo(index.terms("organise organisation analysing"));
        assertThat(index.terms("size prize")).containsExactly("size", "prize");
    }

    @Test
    void synonymListErrorsNameTheLine() {
        assertThatThrownBy(() -> CouncilSynonyms.parse("bin, refuse\n\nthe, a\n", "my-synonyms.txt"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Synonym list my-synonyms.txt line 3");
    }

    private static Faq faq(String id, String question, String answerHtml) {
        return new Faq(
                id,
                "test",
                question,
                List.of(),
                answerHtml,
                null,
                Faq.FaqStatus.PUBLISHED,
                "en",
                1,
                OffsetDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneOffset.UTC),
                "editor");
    }
}
