package org.councilchat.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.councilchat.knowledge.faq.FaqRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** FAQ files in and out: every problem named with its line, nothing saved unless all is well, and a round trip. */
class FaqTransferTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T09:00:00Z"), ZoneOffset.UTC);

    private static final String CSV = """
            id,service_area,question,phrasings,answer_html,source_url,status,language
            council-tax-pay,council-tax,How do I pay my council tax?,ways to pay council tax | pay ctax by direct debit,"<p>Pay by Direct Debit, online or by phone.</p><script>alert(1)</script>",https://www.millbrook.example/council-tax/pay,published,en
            missed-bin,waste,"My bin was not collected, what should I do?",,"<p>Report it within 2 working days.</p>
            <ul><li>online</li><li>by phone</li></ul>",,,
            treth-y-cyngor,council-tax,Sut ydw i'n talu treth y cyngor?,,<p>Talwch drwy Ddebyd Uniongyrchol.</p>,,draft,cy
            """;

    @TempDir
    Path index;

    private final List<TestDatabase> databases = new ArrayList<>();
    private final List<KnowledgeBase> knowledgeBases = new ArrayList<>();

    @AfterEach
    void close() throws IOException {
        for (KnowledgeBase knowledge : knowledgeBases) {
            knowledge.destroy();
        }
        databases.forEach(TestDatabase::shutdown);
    }

    private FaqTransfer transfer() {
        TestDatabase database = TestDatabase.migrated();
        databases.add(database);
        FaqRepository faqs = new FaqRepository(database.jdbc());
        KnowledgeBase knowledge = new KnowledgeBase(
                faqs,
                new KnowledgeProperties(
                        index.resolve("i" + databases.size()), 0.6, KnowledgeProperties.DEFAULT_SYNONYMS, false, null),
                CLOCK,
                event -> {});
        knowledgeBases.add(knowledge);
        return new FaqTransfer(knowledge, faqs, database.transactionManager());
    }

    private KnowledgeBase lastKnowledgeBase() {
        return knowledgeBases.getLast();
    }

    @Test
    void importsACsvFileCleaningTheAnswersAndPublishingOnlyWhatSaysSo() {
        FaqTransfer transfer = transfer();

        var imported = transfer.importFaqs(new StringReader(CSV), "faqs.csv", FaqFileFormat.CSV, false, "editor");

        assertThat(imported).isEqualTo(new FaqTransfer.Imported(3, 0));
        Faq pay = lastKnowledgeBase().find("council-tax-pay").orElseThrow();
        assertThat(pay.answerHtml()).isEqualTo("<p>Pay by Direct Debit, online or by phone.</p>");
        assertThat(pay.phrasings()).containsExactly("ways to pay council tax", "pay ctax by direct debit");
        assertThat(pay.status()).isEqualTo(Faq.FaqStatus.PUBLISHED);
        assertThat(lastKnowledgeBase().find("missed-bin").orElseThrow().status())
                .isEqualTo(Faq.FaqStatus.DRAFT);
        assertThat(lastKnowledgeBase().find("treth-y-cyngor").orElseThrow().language())
                .isEqualTo("cy");
        assertThat(lastKnowledgeBase()
                        .search("pay council tax")
                        .hits()
                        .getFirst()
                        .faq()
                        .id())
                .isEqualTo("council-tax-pay");
    }

    @Test
    void publishOptionPublishesRowsWithoutAStatus() {
        FaqTransfer transfer = transfer();

        transfer.importFaqs(new StringReader(CSV), "faqs.csv", FaqFileFormat.CSV, true, "editor");

        assertThat(lastKnowledgeBase().find("missed-bin").orElseThrow().status())
                .isEqualTo(Faq.FaqStatus.PUBLISHED);
        assertThat(lastKnowledgeBase().find("treth-y-cyngor").orElseThrow().status())
                .isEqualTo(Faq.FaqStatus.DRAFT);
    }

    @Test
    void namesEveryProblemInACsvFileByLineAndColumnAndSavesNothing() {
        FaqTransfer transfer = transfer();
        String broken = CSV
                + "council-tax-pay,council-tax,Again?,,<p>x</p>,,,\n"
                + "bad id!,waste,,,<script>only</script>,ftp://example.org,retired,fr\n"
                + "short-row,waste\n";

        FaqImportInvalid invalid = catchThrowableOfType(
                FaqImportInvalid.class,
                () -> transfer.importFaqs(new StringReader(broken), "faqs.csv", FaqFileFormat.CSV, false, "editor"));

        assertThat(invalid.problems())
                .containsExactly(
                        "faqs.csv line 6, column id: 'council-tax-pay' is already used on line 2",
                        "faqs.csv line 7, column question: is empty",
                        "faqs.csv line 7, column id: 'bad id!' must be up to 100 letters, digits, '.', '_' or '-'",
                        "faqs.csv line 7, column answer_html: has no text once unsafe HTML is removed",
                        "faqs.csv line 7, column source_url: 'ftp://example.org' is not an http or https address",
                        "faqs.csv line 7, column status: 'retired' is not one of draft, published, archived",
                        "faqs.csv line 7, column language: 'fr' is not en or cy",
                        "faqs.csv line 8: has 2 columns, the header has 8");
        assertThat(lastKnowledgeBase().count()).isZero();
    }

    @Test
    void namesProblemsInAJsonLinesFileByLineAndField() {
        FaqTransfer transfer = transfer();
        String jsonl = """
                {"id": "a", "service_area": "waste", "question": "Q?", "answer_html": "<p>A</p>"}
                {"id": "b", "service_area": "waste", "question": 7, "answer_html": "<p>A</p>", "colour": "red"}
                not json

                {"id": "c", "service_area": "waste", "question": "Q?", "phrasings": "one"}
                """;

        FaqImportInvalid invalid = catchThrowableOfType(
                FaqImportInvalid.class,
                () -> transfer.importFaqs(new StringReader(jsonl), "faqs.jsonl", FaqFileFormat.JSONL, false, "e"));

        assertThat(invalid.problems())
                .hasSize(5)
                .contains(
                        "faqs.jsonl line 2, field \"question\": must be a string",
                        "faqs.jsonl line 2, field \"colour\": unknown (expected [id, service_area, question,"
                                + " phrasings, answer_html, source_url, status, language, translation_of])",
                        "faqs.jsonl line 5, field \"phrasings\": must be an array of strings")
                .anySatisfy(p -> assertThat(p).startsWith("faqs.jsonl line 3: not valid JSON"))
                .anySatisfy(p -> assertThat(p).isEqualTo("faqs.jsonl line 5, field \"answer_html\": is empty"));
        assertThat(lastKnowledgeBase().count()).isZero();
    }

    @Test
    void aMissingColumnIsNamedOnTheHeaderLine() {
        FaqImportInvalid invalid = catchThrowableOfType(
                FaqImportInvalid.class,
                () -> transfer()
                        .importFaqs(
                                new StringReader("id,question,answer\nx,Q?,A\n"),
                                "faqs.csv",
                                FaqFileFormat.CSV,
                                false,
                                "e"));

        assertThat(invalid.problems())
                .contains(
                        "faqs.csv line 1: unknown column 'answer' (expected [id, service_area, question, phrasings,"
                                + " answer_html, source_url, status, language, translation_of])",
                        "faqs.csv line 1: column 'service_area' is missing");
    }

    @ParameterizedTest
    @EnumSource(FaqFileFormat.class)
    void exportedFilesImportBackToTheSameFaqs(FaqFileFormat format) throws IOException {
        FaqTransfer original = transfer();
        original.importFaqs(new StringReader(CSV), "faqs.csv", FaqFileFormat.CSV, false, "editor");
        StringWriter exported = new StringWriter();
        assertThat(original.export(format, exported)).isEqualTo(3);

        FaqTransfer copy = transfer();
        copy.importFaqs(new StringReader(exported.toString()), "export", format, false, "editor");
        StringWriter again = new StringWriter();
        copy.export(format, again);

        assertThat(again.toString()).isEqualTo(exported.toString());
        assertThat(lastKnowledgeBase().find("missed-bin").orElseThrow().answerHtml())
                .contains("<ul><li>online</li><li>by phone</li></ul>");
    }

    @ParameterizedTest
    @EnumSource(FaqFileFormat.class)
    void aWelshFaqKeepsTheEnglishFaqItTranslatesThroughExportAndImport(FaqFileFormat format) throws IOException {
        FaqTransfer original = transfer();
        original.importFaqs(new StringReader("""
                        id,question,service_area,answer_html,language,translation_of
                        council-tax-pay,How do I pay my council tax?,council-tax,<p>By Direct Debit.</p>,en,
                        treth-y-cyngor,Sut ydw i'n talu treth y cyngor?,council-tax,<p>Drwy Ddebyd Uniongyrchol.</p>,cy,council-tax-pay
                        """), "faqs.csv", FaqFileFormat.CSV, true, "editor");
        StringWriter exported = new StringWriter();
        original.export(format, exported);

        FaqTransfer copy = transfer();
        copy.importFaqs(new StringReader(exported.toString()), "export", format, false, "editor");

        assertThat(lastKnowledgeBase().find("treth-y-cyngor").orElseThrow().translationOf())
                .isEqualTo("council-tax-pay");
        assertThat(lastKnowledgeBase().find("council-tax-pay").orElseThrow().translationOf())
                .isNull();
    }

    @Test
    void aTranslationOfNothingLikeAnIdIsNamed() {
        FaqImportInvalid problems = catchThrowableOfType(
                FaqImportInvalid.class,
                () -> transfer().importFaqs(new StringReader("""
                                        id,question,service_area,answer_html,translation_of
                                        treth,Treth y cyngor,council-tax,<p>Talu.</p>,not an id!
                                        bil,Bil,council-tax,<p>Bil.</p>,bil
                                        """), "faqs.csv", FaqFileFormat.CSV, true, "editor"));

        assertThat(problems.problems())
                .containsExactly(
                        "faqs.csv line 2, column translation_of: 'not an id!' is not an FAQ id (letters, digits, . _ -)",
                        "faqs.csv line 3, column translation_of: names the FAQ itself");
    }

    @Test
    void reimportingReplacesFaqsWithTheSameId() {
        FaqTransfer transfer = transfer();
        transfer.importFaqs(new StringReader(CSV), "faqs.csv", FaqFileFormat.CSV, false, "editor");

        var again = transfer.importFaqs(
                new StringReader(CSV.replace("within 2 working days", "within 3 working days")),
                "faqs.csv",
                FaqFileFormat.CSV,
                false,
                "editor");

        assertThat(again).isEqualTo(new FaqTransfer.Imported(0, 3));
        assertThat(lastKnowledgeBase().find("missed-bin").orElseThrow().answerHtml())
                .contains("within 3 working days");
    }
}
