package org.councilchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** {@code kb eval} from the jar's command line: a report, a JSON last line, and plain errors. */
@ExtendWith(OutputCaptureExtension.class)
class RetrievalCommandsTests {

    @TempDir
    Path folder;

    @Test
    void evaluatesAndEndsWithOneJsonLine(CapturedOutput output) {
        int exit = Commands.run(new String[] {
            "kb",
            "eval",
            "--faqs",
            fixture("stackfaq-sample-faqs.jsonl"),
            "--queries",
            fixture("stackfaq-sample-queries.csv")
        });

        assertThat(exit).as(output.getErr()).isZero();
        List<String> lines = output.getOut().lines().toList();
        assertThat(lines).anyMatch(line -> line.startsWith("Right FAQ first (P@1):"));
        assertThat(lines.getLast())
                .matches("\\{\"queries\": 36, \"p_at_1\": 0\\.\\d{4}, \"mrr_at_10\": 0\\.\\d{4},"
                        + " \"success_at_5\": [01]\\.\\d{4}, \"answered\": [01]\\.\\d{4},"
                        + " \"answered_precision\": [01]\\.\\d{4}}");
        assertThat(output.getOut()).doesNotContain("Tomcat").doesNotContain("DEBUG");
    }

    @Test
    void missingFileExitsWithTwoAndNamesIt(CapturedOutput output) {
        int exit = Commands.run(new String[] {
            "kb", "eval", "--faqs", folder.resolve("missing.jsonl").toString(), "--queries", "q.csv"
        });

        assertThat(exit).isEqualTo(2);
        assertThat(output.getErr())
                .contains("missing.jsonl")
                .contains("cannot be read")
                .doesNotContain("Exception");
    }

    @Test
    void badCsvLineExitsWithTwoAndNamesFileAndLine(CapturedOutput output) throws IOException {
        Path queries = Files.writeString(folder.resolve("queries.csv"), "query,faq_id\nhow do I,stackfaq-001\nnope\n");

        int exit = Commands.run(new String[] {
            "kb", "eval", "--faqs", fixture("stackfaq-sample-faqs.jsonl"), "--queries", queries.toString()
        });

        assertThat(exit).isEqualTo(2);
        assertThat(output.getErr())
                .contains(queries + " line 3: expected 2 columns (query,faq_id) but found 1")
                .doesNotContain("\tat ");
    }

    @Test
    void missingOptionsShowUsage(CapturedOutput output) {
        assertThat(Commands.run(new String[] {"kb", "eval", "--faqs"})).isEqualTo(2);
        assertThat(output.getErr()).contains("Usage: java -jar council-chat.jar kb eval --faqs FAQS.jsonl");
    }

    private static String fixture(String name) {
        try {
            return Path.of(RetrievalCommandsTests.class
                            .getResource("/evaluation/" + name)
                            .toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
