package org.councilchat.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.councilchat.knowledge.EvaluationDataInvalid;
import org.councilchat.knowledge.RetrievalBenchmark;
import org.councilchat.knowledge.RetrievalEvaluation;
import org.councilchat.knowledge.RetrievalReport;
import org.slf4j.LoggerFactory;

/**
 * {@code kb eval} and {@code kb bench}: FAQ search measured on files, in a temporary index built as the
 * chat's. They need no database, so they run without starting the application, which keeps them quick.
 */
final class RetrievalCommands {

    static final String EVAL_USAGE = "kb eval --faqs FAQS.jsonl --queries QUERIES.csv [--threshold X] [--words-only]";
    static final String BENCH_USAGE =
            "kb bench --faqs FAQS.jsonl [--faqs ...] --queries QUERIES.csv [--queries ...]" + " [--size 10000]";

    private RetrievalCommands() {}

    static int evaluate(List<String> arguments, PrintStream out) {
        quietLibraries();
        Options options = Options.parse(arguments, List.of("--faqs", "--queries", "--threshold"), "--words-only");
        if (options == null
                || options.values("--faqs").size() != 1
                || options.values("--queries").size() != 1) {
            System.err.println("Usage: java -jar council-chat.jar " + EVAL_USAGE);
            return 2;
        }
        double threshold;
        try {
            threshold = options.values("--threshold").isEmpty()
                    ? RetrievalEvaluation.asTheChatSearches(line -> {}).threshold()
                    : Double.parseDouble(options.values("--threshold").getFirst());
        } catch (NumberFormatException e) {
            System.err.println("--threshold needs a number between 0 and 1");
            return 2;
        }
        RetrievalEvaluation evaluation =
                new RetrievalEvaluation(threshold, !options.flags().contains("--words-only"), out::println);
        try {
            RetrievalReport report = evaluation.run(
                    Path.of(options.values("--faqs").getFirst()),
                    Path.of(options.values("--queries").getFirst()));
            out.printf(Locale.ROOT, "Search: %s%n", evaluation.semantic() ? "words and meaning" : "words only");
            out.printf(Locale.ROOT, "Queries:                %d%n", report.queries());
            out.printf(Locale.ROOT, "Right FAQ first (P@1):  %.3f%n", report.pAt1());
            out.printf(Locale.ROOT, "MRR@10:                 %.3f%n", report.mrrAt10());
            out.printf(Locale.ROOT, "Right FAQ in top 5:     %.3f%n", report.successAt5());
            out.printf(
                    Locale.ROOT,
                    "Answered (confidence >= %.2f): %.3f, of which right: %.3f%n",
                    report.threshold(),
                    report.answered(),
                    report.answeredPrecision());
            out.println(report.toJson());
            return 0;
        } catch (EvaluationDataInvalid invalid) {
            System.err.println("Cannot evaluate: " + invalid.getMessage());
            return 2;
        }
    }

    static int benchmark(List<String> arguments, PrintStream out) {
        quietLibraries();
        Options options = Options.parse(arguments, List.of("--faqs", "--queries", "--size"), null);
        if (options == null
                || options.values("--faqs").isEmpty()
                || options.values("--queries").isEmpty()) {
            System.err.println("Usage: java -jar council-chat.jar " + BENCH_USAGE);
            return 2;
        }
        int size;
        try {
            size = options.values("--size").isEmpty()
                    ? 10_000
                    : Integer.parseInt(options.values("--size").getFirst());
        } catch (NumberFormatException e) {
            System.err.println("--size needs a whole number");
            return 2;
        }
        try {
            RetrievalBenchmark.Figures figures = new RetrievalBenchmark(size, 200, out::println)
                    .run(
                            options.values("--faqs").stream().map(Path::of).toList(),
                            options.values("--queries").stream().map(Path::of).toList());
            out.println(ThisMachine.describe());
            out.printf(
                    Locale.ROOT,
                    "Indexing: %d FAQs in %.1f s (%.0f FAQs/s, embeddings included)%n",
                    figures.faqs(),
                    figures.indexSeconds(),
                    figures.faqsPerSecond());
            out.printf(
                    Locale.ROOT,
                    "Search (query embedding included), %d searches: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    figures.searches(),
                    figures.p50Millis(),
                    figures.p99Millis(),
                    figures.maxMillis());
            out.printf(
                    Locale.ROOT,
                    "CPU time per search (the searching thread and the thread embedding the query): p50 %.2f ms, p99 %.2f ms%n",
                    figures.cpuP50Millis(),
                    figures.cpuP99Millis());
            out.println(figures.toJson());
            return 0;
        } catch (EvaluationDataInvalid invalid) {
            System.err.println("Cannot benchmark: " + invalid.getMessage());
            return 2;
        }
    }

    /**
     * Without the application there is no logging configuration: keep the tokenizer's platform chatter and
     * Lucene's start-up notes out of a report whose last line is read by scripts.
     */
    private static void quietLibraries() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext) {
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
            ((Logger) LoggerFactory.getLogger("ai.djl")).setLevel(Level.ERROR);
        }
        java.util.logging.Logger.getLogger("org.apache.lucene").setLevel(java.util.logging.Level.WARNING);
    }

    /** {@code --name value} or {@code --name=value} options, some repeatable, and bare flags. */
    record Options(List<String[]> pairs, List<String> flags) {

        static Options parse(List<String> arguments, List<String> names, String flag) {
            List<String[]> pairs = new ArrayList<>();
            List<String> flags = new ArrayList<>();
            for (int i = 0; i < arguments.size(); i++) {
                String argument = arguments.get(i);
                if (argument.equals(flag)) {
                    flags.add(argument);
                    continue;
                }
                String[] inline = argument.split("=", 2);
                if (!names.contains(inline[0])) {
                    System.err.println("Unknown option " + argument);
                    return null;
                }
                String value = inline.length == 2 ? inline[1] : (i + 1 < arguments.size() ? arguments.get(++i) : null);
                if (value == null) {
                    System.err.println(inline[0] + " needs a value");
                    return null;
                }
                pairs.add(new String[] {inline[0], value});
            }
            return new Options(pairs, flags);
        }

        List<String> values(String name) {
            return pairs.stream().filter(p -> p[0].equals(name)).map(p -> p[1]).toList();
        }
    }
}
