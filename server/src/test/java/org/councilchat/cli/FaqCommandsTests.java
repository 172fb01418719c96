package org.councilchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** {@code kb crawl}, {@code kb import} and {@code kb export} from the jar's command line. */
@ExtendWith(OutputCaptureExtension.class)
class FaqCommandsTests {

    @TempDir
    Path folder;

    private List<String> settings;

    @BeforeEach
    void database() {
        settings = List.of(
                "--spring.datasource.url=jdbc:h2:mem:faqs" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "--council-chat.knowledge.index-directory=" + folder.resolve("index"),
                "--council-chat.knowledge.semantic-search=false",
                "--council-chat.knowledge.crawl.delay=0s",
                "--logging.level.root=WARN");
    }

    private int run(String... arguments) {
        return Commands.run(
                Stream.concat(Stream.of(arguments), settings.stream()).toArray(String[]::new));
    }

    private static String lastLine(String printed) {
        List<String> lines = printed.lines().toList();
        return lines.getLast();
    }

    @Test
    void crawlTakesFaqsFromTheSiteAndEndsWithItsFiguresAsJson(CapturedOutput output) throws IOException {
        Map<String, String> pages = Map.of(
                "/",
                "<title>Millbrook</title><nav><a href='/faqs'>FAQs</a> <a href='/gone'>Gone</a></nav>"
                        + "<main><h1>Millbrook District Council</h1><p>Council services in Millbrook.</p></main>",
                "/faqs",
                "<main><details><summary>How do I pay my council tax?</summary><p>By Direct Debit.</p></details>"
                        + "<details><summary>When is my bin day?</summary><p>Check by postcode.</p></details></main>",
                "/robots.txt",
                "User-agent: *\nDisallow: /private\n");
        HttpServer site = siteOnThisMachine(pages);
        try {
            int exit = run(
                    "kb",
                    "crawl",
                    "--start",
                    "http://127.0.0.1:" + site.getAddress().getPort() + "/",
                    // The test's site is on this machine, which a crawl reads only when told it may.
                    "--council-chat.knowledge.crawl.allowed-internal-hosts=127.0.0.1");

            assertThat(exit).as(output.getErr()).isZero();
            assertThat(lastLine(output.getOut()))
                    .isEqualTo("{\"pages\": 2, \"faqs_created\": 3, \"faqs_updated\": 0, \"unchanged\": 0,"
                            + " \"skipped_robots\": 0, \"errors\": 1}");
            assertThat(output.getErr())
                    .contains("FAQs arrive as drafts for review")
                    .contains("/faqs  2 FAQs: 2 new, 0 changed, 0 unchanged")
                    .contains("/gone: HTTP 404");
        } finally {
            site.stop(0);
        }
    }

    @Test
    void crawlReadsNothingOnThisMachineByDefault(CapturedOutput output) throws IOException {
        List<String> requested = new CopyOnWriteArrayList<>();
        HttpServer site = siteOnThisMachine(Map.of("/", "<h1>Admin console</h1>"));
        site.createContext("/admin", exchange -> {
            requested.add(exchange.getRequestURI().toString());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        try {
            run(
                    "kb",
                    "crawl",
                    "--start",
                    "http://localhost:" + site.getAddress().getPort() + "/admin?key=secret");

            assertThat(lastLine(output.getOut())).endsWith("\"errors\": 1}");
            assertThat(output.getErr())
                    .contains("That page could not be fetched: its address is not on the public internet");
            assertThat(requested).isEmpty();
        } finally {
            site.stop(0);
        }
    }

    /** A web site on 127.0.0.1 answering the given paths (text/plain for robots.txt), 404 for the rest. */
    private static HttpServer siteOnThisMachine(Map<String, String> pages) throws IOException {
        HttpServer site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/", exchange -> {
            String page = pages.get(exchange.getRequestURI().getPath());
            byte[] body = (page == null ? "Not found" : page).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders()
                    .add(
                            "Content-Type",
                            exchange.getRequestURI().getPath().equals("/robots.txt")
                                    ? "text/plain"
                                    : "text/html; charset=utf-8");
            exchange.sendResponseHeaders(page == null ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        site.start();
        return site;
    }

    @Test
    void crawlProgressOnATerminalRedrawsOneLineAndKeepsErrorsOnScreen() {
        var printed = new ByteArrayOutputStream();
        var display = new FaqCommands.CrawlDisplay(new PrintStream(printed, true), true);

        display.visited(URI.create("https://www.millbrook.example/bins"), "2 FAQs: 2 new", 1, 3);
        display.visited(URI.create("https://www.millbrook.example/gone"), "error: HTTP 404", 2, 2);

        assertThat(printed.toString())
                .startsWith(
                        "\r\033[K  [######                  ] 1/4 https://www.millbrook.example/bins  2 FAQs: 2 new")
                .endsWith("] 2/4 https://www.millbrook.example/gone  error: HTTP 404" + System.lineSeparator());
    }

    @Test
    void crawlWithoutAStartPageShowsHowToUseIt(CapturedOutput output) {
        assertThat(run("kb", "crawl", "--max-pages", "3")).isEqualTo(2);
        assertThat(output.getErr()).contains("Usage: java -jar council-chat.jar kb crawl --start URL");
    }

    @Test
    void importedFaqsComeBackOutOfTheExport(CapturedOutput output) throws IOException {
        Path faqs = Files.writeString(folder.resolve("faqs.csv"), """
                id,service_area,question,phrasings,answer_html
                pothole-report,roads,How do I report a pothole?,pothole in my road | broken road,<p>Report it online with a photo.</p>
                """);
        Path exported = folder.resolve("all.jsonl");

        assertThat(run("kb", "import", "--file", faqs.toString(), "--publish"))
                .as(output.getErr())
                .isZero();
        assertThat(output.getOut()).contains("Imported 1 new and 0 replaced FAQs.");
        assertThat(run("kb", "export", "--format", "jsonl", "--out", exported.toString()))
                .as(output.getErr())
                .isZero();

        assertThat(Files.readAllLines(exported))
                .contains("{\"id\":\"pothole-report\",\"service_area\":\"roads\",\"question\":\"How do I report a"
                        + " pothole?\",\"phrasings\":[\"pothole in my road\",\"broken road\"],\"answer_html\":"
                        + "\"<p>Report it online with a photo.</p>\",\"status\":\"published\",\"language\":\"en\"}");
    }

    @Test
    void aCrawlCannotPublishForACouncilWhoseAnswersASecondEditorApproves(CapturedOutput output) {
        assertThat(run(
                        "kb",
                        "crawl",
                        "--start",
                        "https://www.westshire.example/",
                        "--publish",
                        "--council",
                        "westshire"))
                .isEqualTo(2);
        assertThat(output.getErr())
                .contains("Cannot publish a crawl for westshire: its answers are approved by a second editor");
    }

    @Test
    void eachCouncilsFaqsAreImportedSearchedAndExportedApart(CapturedOutput output) throws IOException {
        Path faqs = Files.writeString(folder.resolve("glanafon.csv"), """
                id,service_area,question,phrasings,answer_html
                glanafon-harbour-parking,parking,Where can I park at Glanafon harbour?,harbour car park,<p>Use the Cei car park.</p>
                """);
        Path glanafon = folder.resolve("glanafon.jsonl");
        Path millbrook = folder.resolve("millbrook.jsonl");

        assertThat(run("kb", "import", "--file", faqs.toString(), "--publish", "--council", "glanafon"))
                .as(output.getErr())
                .isZero();
        assertThat(run("kb", "export", "--format", "jsonl", "--out", glanafon.toString(), "--council", "glanafon"))
                .isZero();
        assertThat(run("kb", "export", "--format", "jsonl", "--out", millbrook.toString(), "--council", "millbrook"))
                .isZero();

        assertThat(Files.readString(glanafon))
                .contains("glanafon-harbour-parking")
                .doesNotContain("\"id\":\"council-tax-pay\"");
        assertThat(Files.readString(millbrook))
                .doesNotContain("glanafon-harbour-parking")
                .contains("council-tax");
        assertThat(run("kb", "search", "--council", "glanafon", "parking at the harbour"))
                .isZero();
        assertThat(output.getOut()).contains("glanafon-harbour-parking");
        assertThat(run("kb", "export", "--format", "csv", "--council", "eastshire"))
                .isEqualTo(2);
        assertThat(output.getErr())
                .contains("--council needs one of this deployment's councils: millbrook, westshire, glanafon");
    }

    @Test
    void aBadFileImportsNothingAndNamesTheLineAndColumn(CapturedOutput output) throws IOException {
        Path faqs = Files.writeString(folder.resolve("faqs.csv"), """
                id,service_area,question,answer_html
                good-one,roads,How do I report a pothole?,<p>Online.</p>
                bad-one,roads,,<p>Online.</p>
                """);

        assertThat(run("kb", "import", "--file", faqs.toString())).isEqualTo(1);

        assertThat(output.getErr())
                .contains("Nothing was imported: 1 problem(s) to fix first.")
                .contains("faqs.csv line 3, column question: is empty");
    }

    @Test
    void exportWithoutAFileWritesToStandardOutput(CapturedOutput output) {
        assertThat(run("kb", "export", "--format", "csv")).isZero();

        // NOTE: the application's own start-up warnings (Flyway's about H2) also go to stdout, so only the
        // lines from the header on are the export; --out gives a clean file.
        assertThat(output.getOut())
                .containsPattern(
                        "(?m)^id,service_area,question,phrasings,answer_html,source_url,status,language,translation_of\r?$")
                .contains("council-tax"); // the demo council's FAQs
        assertThat(output.getErr()).containsPattern("Exported \\d+ FAQs\\.");
    }
}
