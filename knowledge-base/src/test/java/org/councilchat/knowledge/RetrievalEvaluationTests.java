package org.councilchat.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kb eval}'s engine on small slices of the two public sets (see test resources evaluation/README.md). */
class RetrievalEvaluationTests {

    @TempDir
    Path folder;

    private final List<String> progress = new ArrayList<>();
    private final RetrievalEvaluation evaluation = RetrievalEvaluation.asTheChatSearches(progress::add);

    @Test
    void scoresTheStackFaqSliceAndReportsAsJson() {
        RetrievalReport report =
                evaluation.run(fixture("stackfaq-sample-faqs.jsonl"), fixture("stackfaq-sample-queries.csv"));

        assertThat(report.queries()).isEqualTo(36);
        assertThat(report.pAt1()).isGreaterThan(0.8);
        assertThat(report.mrrAt10()).isBetween(report.pAt1(), 1.0);
        assertThat(report.successAt5()).isGreaterThanOrEqualTo(report.pAt1());
        assertThat(report.answeredPrecision()).isGreaterThan(0.8);
        assertThat(report.toJson())
                .matches("\\{\"queries\": 36, \"p_at_1\": [0-9.]+, \"mrr_at_10\": [0-9.]+, \"success_at_5\": [0-9.]+,"
                        + " \"answered\": [0-9.]+, \"answered_precision\": [0-9.]+}");
        assertThat(progress).anyMatch(line -> line.startsWith("Indexed 12 FAQs"));
    }

    @Test
    void aQueryWithSeveralCorrectFaqsCountsAHitOnAny() {
        RetrievalReport report =
                evaluation.run(fixture("covid-sample-faqs.jsonl"), fixture("covid-sample-queries.csv"));

        assertThat(report.queries()).as("41 rows, 40 distinct queries").isEqualTo(40);
        assertThat(report.successAt5()).isGreaterThan(0.8);
    }

    @Test
    void missingFileIsNamed() {
        Path missing = folder.resolve("nope.jsonl");
        assertThatThrownBy(() -> evaluation.run(missing, fixture("stackfaq-sample-queries.csv")))
                .isInstanceOf(EvaluationDataInvalid.class)
                .hasMessageContaining("nope.jsonl")
                .hasMessageContaining("cannot be read");
    }

    @Test
    void badJsonLineIsNamedWithItsNumber() throws IOException {
        Path faqs = write("faqs.jsonl", """
                {"id": "a", "question": "How do I pay?", "answer": "Online."}
                {"id": "b", "question": "When is bin day?", "answer": "Monday."}
                {"id": "c", "question": "Broken
                """);
        assertThatThrownBy(() -> evaluation.run(faqs, write("q.csv", "query,faq_id\npay,a\n")))
                .isInstanceOf(EvaluationDataInvalid.class)
                .hasMessageStartingWith(faqs + " line 3: not a JSON object");
    }

    @Test
    void faqWithoutAQuestionIsNamedWithItsLine() throws IOException {
        Path faqs = write("faqs.jsonl", """
                {"id": "a", "question": "How do I pay?", "answer": "Online."}
                {"id": "b", "answer": "Monday."}
                """);
        assertThatThrownBy(() -> evaluation.run(faqs, write("q.csv", "query,faq_id\npay,a\n")))
                .hasMessage(faqs + " line 2: \"question\" must be a non-empty string");
    }

    @Test
    void queryForAnUnknownFaqIsNamedWithItsLine() throws IOException {
        Path faqs = write("faqs.jsonl", "{\"id\": \"a\", \"question\": \"How do I pay?\", \"answer\": \"Online.\"}\n");
        Path queries = write("q.csv", "query,faq_id\npay,a\nbins,zzz\n");
        assertThatThrownBy(() -> evaluation.run(faqs, queries))
                .hasMessage(queries + " line 3: faq_id 'zzz' is not in the FAQ file");
    }

    @Test
    void wrongHeaderIsNamed() throws IOException {
        Path faqs = write("faqs.jsonl", "{\"id\": \"a\", \"question\": \"How do I pay?\", \"answer\": \"Online.\"}\n");
        Path queries = write("q.csv", "question,answer\npay,a\n");
        assertThatThrownBy(() -> evaluation.run(faqs, queries))
                .hasMessage(queries + " line 1: the header must be query,faq_id but is question,answer");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content);
    }

    private static Path fixture(String name) {
        try {
            return Path.of(RetrievalEvaluationTests.class
                    .getResource("/evaluation/" + name)
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
