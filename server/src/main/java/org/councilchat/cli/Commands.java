package org.councilchat.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.councilchat.CouncilChatApplication;
import org.councilchat.councils.Councils;
import org.councilchat.knowledge.FaqMatch;
import org.councilchat.knowledge.KnowledgeBase;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Offline jobs run from the same jar: {@code java -jar council-chat.jar <command> [options]}. A command
 * starts the application without its web server, does its job against the configured database and exits;
 * the {@code nlu} commands and {@code kb eval} and {@code kb bench} work on files alone and start nothing.
 */
public final class Commands {

    /**
     * A job: its usage line, one-line description and what it does. A standalone job needs no application
     * context (no database, no index): it is run with none, and starts in a fraction of the time.
     */
    record Command(String usage, String description, Job job, boolean standalone) {

        Command(String usage, String description, Job job) {
            this(usage, description, job, false);
        }
    }

    @FunctionalInterface
    interface Job {
        int run(List<String> arguments, ConfigurableApplicationContext context, PrintStream out);
    }

    private static final Map<String, Command> COMMANDS = new TreeMap<>(Map.ofEntries(
            Map.entry(
                    "kb search",
                    new Command(
                            "kb search [--council ID] \"QUESTION\"",
                            "Show the FAQs the chat would find for a question, with their confidence",
                            Commands::searchKnowledgeBase)),
            Map.entry(
                    "kb eval",
                    new Command(
                            RetrievalCommands.EVAL_USAGE,
                            "Measure FAQ search on labelled queries (P@1, MRR@10, ...); last line is JSON",
                            (arguments, context, out) -> RetrievalCommands.evaluate(arguments, out),
                            true)),
            Map.entry(
                    "kb bench",
                    new Command(
                            RetrievalCommands.BENCH_USAGE,
                            "Measure FAQ indexing throughput and search latency on a large generated index",
                            (arguments, context, out) -> RetrievalCommands.benchmark(arguments, out),
                            true)),
            Map.entry(
                    "chat bench",
                    new Command(
                            ChatCommands.BENCH_USAGE,
                            "Measure chat latency and throughput over WebSocket, beside a bare echo server; last line is JSON",
                            (arguments, context, out) -> ChatCommands.benchmark(arguments, out),
                            true)),
            Map.entry(
                    "kb crawl",
                    new Command(
                            FaqCommands.CRAWL_USAGE,
                            "Take FAQs from the council's web pages (robots.txt obeyed); last line is JSON",
                            FaqCommands::crawl)),
            Map.entry(
                    "kb import",
                    new Command(
                            FaqCommands.IMPORT_USAGE,
                            "Check and import FAQs from a CSV or JSON Lines file (all or nothing)",
                            FaqCommands::importFaqs)),
            Map.entry(
                    "kb export",
                    new Command(
                            FaqCommands.EXPORT_USAGE,
                            "Write every FAQ to a CSV or JSON Lines file (stdout without --out)",
                            FaqCommands::export)),
            Map.entry(
                    "bins import",
                    new Command(
                            "bins import --rounds FILE --properties FILE [--exceptions FILE] [--council ID]",
                            "Check and import bin rounds, properties and exceptions (all or nothing)",
                            BinImport::run)),
            Map.entry(
                    "nlu train",
                    new Command(
                            NluCommands.TRAIN_USAGE,
                            "Train an intent model on CSV or Rasa YAML files and write it to a model file",
                            NluCommands::train,
                            true)),
            Map.entry(
                    "nlu eval",
                    new Command(
                            NluCommands.EVAL_USAGE,
                            "Train on one file, test on another: per-intent report, then the figures as JSON",
                            NluCommands::evaluate,
                            true)),
            Map.entry(
                    "rules check",
                    new Command(
                            RulesCommands.CHECK_USAGE,
                            "Check a conversation rules file against this deployment's intents and messages",
                            RulesCommands::check))));

    /** Settings for the application itself rather than for the command, e.g. --spring.profiles.active=postgres. */
    private static boolean isApplicationSetting(String argument) {
        return argument.startsWith("--spring.")
                || argument.startsWith("--council-chat.")
                || argument.startsWith("--logging.")
                || argument.startsWith("--server.");
    }

    private Commands() {}

    /** True when the arguments name a command or ask for help, rather than options for the server. */
    public static boolean isCommand(String[] args) {
        return args.length > 0 && !args[0].startsWith("--")
                || Arrays.asList(args).contains("--help");
    }

    public static int run(String[] args) {
        PrintStream out = System.out;
        // A command's output is its result (a JSON line, an export); the application's log lines go to stderr,
        // so `kb export > faqs.csv` or a script reading the last line gets only what the command printed.
        System.setOut(System.err);
        try {
            return run(args, out);
        } finally {
            System.setOut(out);
        }
    }

    private static int run(String[] args, PrintStream out) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            help(out);
            return 0;
        }
        String name = args.length > 1 ? args[0] + " " + args[1] : args[0];
        Command command = COMMANDS.get(name);
        if (command == null) {
            System.err.println("Unknown command: " + String.join(" ", args));
            help(System.err);
            return 2;
        }
        List<String> rest = Arrays.asList(args).subList(2, args.length);
        if (rest.contains("--help")) {
            out.println("Usage: java -jar council-chat.jar " + command.usage());
            out.println(command.description());
            return 0;
        }
        if (command.standalone()) {
            quietLibraryLogging();
            return command.job().run(rest, null, out);
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CouncilChatApplication.class)
                .web(WebApplicationType.NONE)
                // Only what the command asks for is built: no web server, no chat broker.
                .lazyInitialization(true)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(rest.stream().filter(Commands::isApplicationSetting).toArray(String[]::new))) {
            return command.job()
                    .run(rest.stream().filter(a -> !isApplicationSetting(a)).toList(), context, out);
        }
    }

    /**
     * Without the application, logging has no configuration and would print every library's debug lines
     * (OpenNLP reports each training iteration) into the command's output.
     */
    private static void quietLibraryLogging() {
        LoggingSystem logging = LoggingSystem.get(Commands.class.getClassLoader());
        logging.beforeInitialize();
        logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.WARN);
    }

    private static void help(PrintStream out) {
        out.println("Council Chat");
        out.println();
        out.println("Usage: java -jar council-chat.jar                 start the server (http://localhost:8080)");
        out.println("       java -jar council-chat.jar <command> [options]");
        out.println();
        out.println("Commands:");
        COMMANDS.values().forEach(c -> out.printf("  %-50s %s%n", c.usage(), c.description()));
        out.println();
        out.println("Options such as --spring.profiles.active=postgres apply to commands as they do to the server.");
    }

    private static int searchKnowledgeBase(
            List<String> arguments, ConfigurableApplicationContext context, PrintStream out) {
        List<String> words = new ArrayList<>(arguments);
        Councils councils = context.getBean(Councils.class);
        String council = councils.byDefault().id();
        if (!words.isEmpty() && words.getFirst().startsWith("--council")) {
            String[] inline = words.removeFirst().split("=", 2);
            String named = inline.length == 2 ? inline[1] : (words.isEmpty() ? "" : words.removeFirst());
            if (councils.find(named).isEmpty()) {
                System.err.println(
                        "--council needs one of this deployment's councils: " + String.join(", ", councils.ids()));
                return 2;
            }
            council = named;
        }
        if (words.isEmpty()) {
            System.err.println("Usage: java -jar council-chat.jar kb search [--council ID] \"QUESTION\"");
            return 2;
        }
        var search = context.getBean(KnowledgeBase.class).search(council, String.join(" ", words), "en");
        if (search.hits().isEmpty()) {
            out.println("No FAQ matches.");
        }
        for (FaqMatch hit : search.hits()) {
            out.printf(
                    "%.2f  %-40s %s%n",
                    hit.confidence(), hit.faq().id(), hit.faq().question());
        }
        out.println(
                search.confidentAnswer().isPresent()
                        ? "The chat would answer with the first FAQ."
                        : "No confident match (threshold " + search.threshold()
                                + "): the chat would clarify or offer a person.");
        return 0;
    }
}
