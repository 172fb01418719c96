package org.councilchat.knowledge.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.councilchat.knowledge.Faq;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Lucene index on its own: how words are matched and how sure it is. */
class FaqIndexTests {

    @TempDir
    Path location;

    private FaqIndex index;

    @BeforeEach
    void open() {
        index = new FaqIndex(location);
        index.rebuild(
                List.of(
                        faq("bins", "When is my bin collection?", List.of(), "<p>Ask the chat.</p>"),
                        faq("parking", "How do I pay for parking?", List.of(), "<p>Use the café kiosk.</p>"),
                        faq("tax", "Council tax bands", List.of("what band is my house"), "<p>Bands A to H.</p>")),
                "3:test");
    }

    @AfterEach
    void close() throws IOException {
        index.close();
    }

    @Test
    void residentsWordsAreStemmedAndStripped() {
        assertThat(index.terms("collections")).isEqualTo(index.terms("collection"));
        assertThat(index.terms("The council's bins")).isEqualTo(index.terms("council bin"));
        assertThat(index.terms("CAFÉ")).isEqualTo(index.terms("cafe"));
        assertThat(index.terms("what is the and of it")).isEmpty();
        assertThat(index.terms("How do I pay?")).isEqualTo(index.terms("pay"));
    }

    @Test
    void pluralFindsTheSingularConfidently() {
        List<FaqIndex.IndexHit> hits = index.search("collections", 5);

        assertThat(hits.getFirst().faqId()).isEqualTo("bins");
        assertThat(hits.getFirst().confidence()).isGreaterThan(0.7);
    }

    @Test
    void possessiveFindsThePlainWord() {
        assertThat(index.search("the council's tax bands", 5)).first().satisfies(hit -> {
            assertThat(hit.faqId()).isEqualTo("tax");
            assertThat(hit.confidence()).isGreaterThan(0.7);
        });
    }

    @Test
    void wordsOnlyInTheAnswerCountLessThanWordsInTheQuestion() {
        FaqIndex.IndexHit answerOnly = index.search("kiosk", 5).getFirst();
        FaqIndex.IndexHit inQuestion = index.search("parking", 5).getFirst();

        assertThat(answerOnly.faqId()).isEqualTo("parking");
        assertThat(answerOnly.confidence()).isLessThan(inQuestion.confidence() - 0.2);
    }

    @Test
    void unknownWordsLowerConfidenceInsteadOfBeingIgnored() {
        FaqIndex.IndexHit hit = index.search("parking zebra", 5).getFirst();

        assertThat(hit.faqId()).isEqualTo("parking");
        assertThat(hit.confidence()).isStrictlyBetween(0.0, 1.0);
    }

    @Test
    void phrasingsAreSearchedLikeTheQuestion() {
        assertThat(index.search("which band is my house in", 5))
                .first()
                .extracting(FaqIndex.IndexHit::faqId)
                .isEqualTo("tax");
    }

    @Test
    void archivingRemovesAndRepublishingRestores() {
        index.update(faq("parking", Faq.FaqStatus.ARCHIVED), "3:archived");
        assertThat(index.search("parking", 5))
                .extracting(FaqIndex.IndexHit::faqId)
                .doesNotContain("parking");

        index.update(faq("parking", Faq.FaqStatus.PUBLISHED), "3:republished");
        assertThat(index.search("parking", 5))
                .first()
                .extracting(FaqIndex.IndexHit::faqId)
                .isEqualTo("parking");
        assertThat(index.fingerprint()).isEqualTo("3:republished");
    }

    @Test
    void aMeaningOnlyMatchFindsItsOwnFaqAfterEditsSpreadTheIndexOverSegments() {
        // Each edit is its own commit and segment, and replaces a block of documents (the FAQ and its
        // sentences): a sentence must still lead back to its own FAQ, with its own similarity.
        index.update(
                faq("bins", "When is my bin collection?", List.of("which day are the dustmen coming"), "<p>Ask.</p>"),
                "3:edit-1");
        index.update(
                faq("tax", "Council tax bands", List.of("what band is my house"), "<p>Bands A to H.</p>"), "3:edit-2");
        index.update(
                faq("parking", "How do I pay for parking?", List.of("car park charges"), "<p>Use the kiosk.</p>"),
                "3:edit-3");

        // No word in common with any FAQ: only the sentence embeddings can find these.
        assertThat(index.search("refuse lorry arrival", 5))
                .first()
                .satisfies(hit -> assertThat(hit.faqId()).isEqualTo("bins"));
        assertThat(index.search("valuation category of my flat", 5))
                .first()
                .satisfies(hit -> assertThat(hit.faqId()).isEqualTo("tax"));
    }

    @Test
    void aVeryLongMessageOfDistinctWordsIsSearchedWithoutFailing() {
        StringBuilder message = new StringBuilder("how do I pay for parking");
        // Made-up words of four letters: none is a stop word, each is distinct, and none is in any FAQ,
        // so each would have been its own clause in every field searched.
        for (int n = 0; message.length() < 2_000; n++) {
            message.append(' ').append(madeUpWord(n));
        }

        assertThat(message).hasSizeGreaterThanOrEqualTo(2_000);
        assertThat(index.search(message.toString(), 5))
                .first()
                .extracting(FaqIndex.IndexHit::faqId)
                .isEqualTo("parking");
    }

    @Test
    void remembersTheDatabaseStateItWasBuiltFromAcrossRestarts() throws IOException {
        index.close();
        index = new FaqIndex(location);

        assertThat(index.fingerprint()).isEqualTo("3:test");
        assertThat(index.search("parking", 5)).isNotEmpty();
    }

    @Test
    void newIndexHasNoFingerprint(@TempDir Path elsewhere) throws IOException {
        try (FaqIndex empty = new FaqIndex(elsewhere.resolve("new"))) {
            assertThat(empty.fingerprint()).isEmpty();
            assertThat(empty.search("parking", 5)).isEmpty();
        }
    }

    /** A distinct four-letter word for each {@code n}, from "qzaa" on. */
    private static String madeUpWord(int n) {
        return "qz" + (char) ('a' + n / 26 % 26) + (char) ('a' + n % 26);
    }

    private static Faq faq(String id, Faq.FaqStatus status) {
        return new Faq(
                id,
                "test",
                "How do I pay for parking?",
                List.of(),
                "<p>Pay online.</p>",
                null,
                status,
                "en",
                2,
                OffsetDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneOffset.UTC),
                "editor");
    }

    private static Faq faq(String id, String question, List<String> phrasings, String answerHtml) {
        return new Faq(
                id,
                "test",
                question,
                phrasings,
                answerHtml,
                null,
                Faq.FaqStatus.PUBLISHED,
                "en",
                1,
                OffsetDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneOffset.UTC),
                "editor");
    }
}
