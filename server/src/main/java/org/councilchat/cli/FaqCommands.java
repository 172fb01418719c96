package org.councilchat.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.councilchat.councils.Councils;
import org.councilchat.knowledge.CrawlProgress;
import org.councilchat.knowledge.CrawlReport;
import org.councilchat.knowledge.CrawlRequest;
import org.councilchat.knowledge.FaqFileFormat;
import org.councilchat.knowledge.FaqImportInvalid;
import org.councilchat.knowledge.FaqReviews;
import org.councilchat.knowledge.FaqTransfer;
import org.councilchat.knowledge.KnowledgeProperties;
import org.councilchat.knowledge.WebsiteCrawler;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code kb crawl}, {@code kb import} and {@code kb export}: FAQs from the council's web pages and to and from
 * files. Progress and problems go to stderr; stdout carries the result (the crawl's JSON line, the export).
 */
final class FaqCommands {

    static final String CRAWL_USAGE =
            "kb crawl --start URL [--max-pages N] [--allow HOST ...] [--publish] [--council ID]";
    static final String IMPORT_USAGE = "kb import --file FAQS.csv|FAQS.jsonl [--publish] [--council ID]";
    static final String EXPORT_USAGE = "kb export --format csv|jsonl [--out FILE] [--council ID]";

    private FaqCommands() {}

    /**
     * Shows the crawl going on. On a terminal one line is redrawn: a bar of URLs dealt with against URLs found so
     * far (it can move back as pages turn up more links). In a log, one line per URL.
     */
    static final class CrawlDisplay implements CrawlProgress {
        private static final int BAR_WIDTH = 24;
        private static final int URL_WIDTH = 60;

        private final PrintStream err;
        private final boolean terminal;

        CrawlDisplay(PrintStream err, boolean terminal) {
            this.err = err;
            this.terminal = terminal;
        }

        @Override
        public void visited(URI url, String outcome, int done, int waiting) {
            int total = done + waiting;
            if (terminal) {
                int filled = total == 0 ? BAR_WIDTH : BAR_WIDTH * done / total;
                String where = url.toString();
                if (where.length() > URL_WIDTH) {
                    where = "…" + where.substring(where.length() - URL_WIDTH + 1);
                }
                err.printf(
                        "\r\033[K  [%s%s] %d/%d %s  %s",
                        "#".repeat(filled), " ".repeat(BAR_WIDTH - filled), done, total, where, outcome);
                if (outcome.startsWith("error")) {
                    err.println(); // keep problems on screen
                }
            } else {
                err.printf("  [%d/%d] %s  %s%n", done, total, url, outcome);
            }
        }

        void finish() {
            if (terminal) {
                err.println();
            }
        }
    }

    static int crawl(List<String> arguments, ConfigurableApplicationContext context, PrintStream out) {
        Map<String, List<String>> options =
                parse(arguments, Set.of("--start", "--max-pages", "--allow", "--council"), "--publish");
        if (options == null || options.getOrDefault("--start", List.of()).size() != 1) {
            System.err.println("Usage: java -jar council-chat.jar " + CRAWL_USAGE);
            return 2;
        }
        Optional<String> council = council(options, context);
        if (council == null) {
            return 2;
        }
        WebsiteCrawler crawler = context.getBean(WebsiteCrawler.class);
        // What a crawl finds would go live unread: a council whose answers a second editor approves gets drafts, which
        // its editors send for review, as the editor's crawl page also insists.
        boolean reviewed = context.getBean(FaqReviews.class).required(council.orElse(null));
        if (reviewed && options.containsKey("--publish")) {
            System.err.println("Cannot publish a crawl for " + council.orElse("this council")
                    + ": its answers are approved by a second editor before they go live. Crawl without --publish and"
                    + " send the drafts for review.");
            return 2;
        }
        CrawlRequest request;
        try {
            List<String> maxPages = options.getOrDefault("--max-pages", List.of());
            request = new CrawlRequest(
                    new URI(options.get("--start").getFirst()),
                    maxPages.isEmpty()
                            ? context.getBean(KnowledgeProperties.class).crawl().maxPages()
                            : Integer.parseInt(maxPages.getFirst()),
                    new LinkedHashSet<>(options.getOrDefault("--allow", List.of())),
                    !reviewed && (options.containsKey("--publish") || crawler.publishesByDefault()),
                    council.orElse(null));
        } catch (NumberFormatException e) {
            System.err.println("--max-pages needs a whole number");
            return 2;
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            System.err.println("Cannot crawl: " + e.getMessage());
            return 2;
        }
        System.err.println("Crawling " + request.start() + " (hosts " + String.join(", ", request.allowedHosts())
                + "; at most " + request.maxPages() + " URLs; FAQs arrive as "
                + (request.publish() ? "published" : "drafts for review") + ")");
        String who = "command line:" + System.getProperty("user.name", "unknown");
        CrawlDisplay display = new CrawlDisplay(System.err, System.console() != null);
        CrawlReport report = crawler.crawl(request, display, who);
        display.finish();
        if (!report.problems().isEmpty()) {
            System.err.println(report.problems().size() + " URL(s) could not be used:");
            report.problems().forEach(problem -> System.err.println("  " + problem));
        }
        if (report.keptEdits() > 0) {
            System.err.println(
                    report.keptEdits()
                            + " FAQ(s) kept as an editor changed them, though their page has changed since: flagged for review.");
        }
        if (report.flaggedGone() > 0) {
            System.err.println(report.flaggedGone()
                    + " FAQ(s) flagged: their page or question has gone from the site. An editor should review them.");
        }
        out.println(report.toJson());
        return 0;
    }

    static int importFaqs(List<String> arguments, ConfigurableApplicationContext context, PrintStream out) {
        Map<String, List<String>> options = parse(arguments, Set.of("--file", "--format", "--council"), "--publish");
        if (options == null || options.getOrDefault("--file", List.of()).size() != 1) {
            System.err.println("Usage: java -jar council-chat.jar " + IMPORT_USAGE);
            return 2;
        }
        Optional<String> council = council(options, context);
        if (council == null) {
            return 2;
        }
        Path file = Path.of(options.get("--file").getFirst());
        Optional<FaqFileFormat> format = options.containsKey("--format")
                ? FaqFileFormat.named(options.get("--format").getFirst())
                : FaqFileFormat.of(file);
        if (format.isEmpty()) {
            System.err.println("Cannot tell the format of " + file + ": name it .csv or .jsonl, or add --format.");
            return 2;
        }
        if (!Files.isReadable(file)) {
            System.err.println("Cannot read " + file + ". Nothing was imported.");
            return 1;
        }
        out.println("Checking " + file + " ...");
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            FaqTransfer.Imported imported = context.getBean(FaqTransfer.class)
                    .importFaqs(
                            in,
                            file.getFileName().toString(),
                            format.get(),
                            options.containsKey("--publish"),
                            "command line:" + System.getProperty("user.name", "unknown"),
                            council.orElse(null));
            out.printf(
                    "Imported %d new and %d replaced FAQs. Published ones are answered from now.%n",
                    imported.created(), imported.replaced());
            if (imported.sentForReview() > 0) {
                out.printf(
                        "%d of them are ready for review: the council checks answers before residents see them, so"
                                + " they go live once an editor approves each in the FAQ editor.%n",
                        imported.sentForReview());
            }
            return 0;
        } catch (FaqImportInvalid invalid) {
            System.err.println("Nothing was imported: " + invalid.problems().size() + " problem(s) to fix first.");
            invalid.problems().forEach(problem -> System.err.println("  " + problem));
            return 1;
        } catch (IllegalArgumentException refused) {
            // An FAQ id another council's FAQ has (an export of every council imported without --council).
            System.err.println("Nothing was imported: " + refused.getMessage()
                    + ". Import each council's FAQs with --council ID.");
            return 1;
        } catch (IOException e) {
            System.err.println("Could not read " + file + ": " + e.getMessage() + ". Nothing was imported.");
            return 1;
        }
    }

    static int export(List<String> arguments, ConfigurableApplicationContext context, PrintStream out) {
        Map<String, List<String>> options = parse(arguments, Set.of("--format", "--out", "--council"), null);
        if (options == null) {
            System.err.println("Usage: java -jar council-chat.jar " + EXPORT_USAGE);
            return 2;
        }
        Optional<String> council = council(options, context);
        if (council == null) {
            return 2;
        }
        Path file = options.containsKey("--out") ? Path.of(options.get("--out").getFirst()) : null;
        Optional<FaqFileFormat> format = options.containsKey("--format")
                ? FaqFileFormat.named(options.get("--format").getFirst())
                : Optional.ofNullable(file).flatMap(FaqFileFormat::of);
        if (format.isEmpty()) {
            System.err.println("Usage: java -jar council-chat.jar " + EXPORT_USAGE);
            return 2;
        }
        FaqTransfer transfer = context.getBean(FaqTransfer.class);
        try {
            int count;
            if (file == null) {
                Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                count = transfer.export(format.get(), writer, council.orElse(null));
                writer.flush();
            } else {
                try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    count = transfer.export(format.get(), writer, council.orElse(null));
                }
            }
            System.err.println("Exported " + count + " FAQs" + (file == null ? "" : " to " + file) + ".");
            return 0;
        } catch (IOException e) {
            System.err.println("Could not write " + (file == null ? "the export" : file) + ": " + e.getMessage());
            return 1;
        }
    }

    /**
     * The council {@code --council} names (empty when none is named: the first council's, or for an export every
     * council's), or null after saying the council is not configured.
     */
    static Optional<String> council(Map<String, List<String>> options, ConfigurableApplicationContext context) {
        List<String> named = options.getOrDefault("--council", List.of());
        if (named.isEmpty()) {
            return Optional.empty();
        }
        Councils councils = context.getBean(Councils.class);
        if (named.size() > 1 || councils.find(named.getFirst()).isEmpty()) {
            System.err.println(
                    "--council needs one of this deployment's councils: " + String.join(", ", councils.ids()));
            return null;
        }
        return Optional.of(named.getFirst());
    }

    /**
     * {@code --name value} or {@code --name=value}; an option may take several values ({@code --allow a b}),
     * and {@code flag} takes none.
     */
    private static Map<String, List<String>> parse(List<String> arguments, Set<String> names, String flag) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        String current = null;
        for (String argument : arguments) {
            if (argument.startsWith("--")) {
                if (argument.equals(flag)) {
                    options.put(flag, List.of());
                    current = null;
                    continue;
                }
                String[] inline = argument.split("=", 2);
                if (!names.contains(inline[0])) {
                    System.err.println("Unknown option " + argument);
                    return null;
                }
                current = inline[0];
                options.computeIfAbsent(current, n -> new ArrayList<>());
                if (inline.length == 2) {
                    options.get(current).add(inline[1]);
                }
            } else if (current != null) {
                options.get(current).add(argument);
            } else {
                System.err.println("Unexpected " + argument);
                return null;
            }
        }
        for (var option : options.entrySet()) {
            if (!option.getKey().equals(flag) && option.getValue().isEmpty()) {
                System.err.println(option.getKey() + " needs a value");
                return null;
            }
        }
        return options;
    }
}
