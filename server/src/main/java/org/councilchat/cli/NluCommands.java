package org.councilchat.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.councilchat.engine.IntentEvaluation;
import org.councilchat.engine.IntentModels;
import org.councilchat.engine.TrainingDataInvalid;
import org.councilchat.engine.TrainingProgress;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code nlu train} and {@code nlu eval}: intent models from training files, with no database or web server.
 * Progress goes to standard error, so standard output stays a report a script can read; for {@code eval} its
 * last line is one JSON object with the headline figures.
 */
final class NluCommands {

    static final String TRAIN_USAGE =
            "nlu train --data FILE... --out MODEL [--council-chat.engine.sentence-embeddings=false]";
    static final String EVAL_USAGE =
            "nlu eval --train FILE --test FILE [--val FILE] [--council-chat.engine.sentence-embeddings=false]";

    /** The engine setting, also accepted by the commands, that turns sentence-embedding features off. */
    static final String SENTENCE_EMBEDDINGS = "--council-chat.engine.sentence-embeddings";

    private NluCommands() {}

    static int train(List<String> arguments, ConfigurableApplicationContext unused, PrintStream out) {
        Map<String, List<String>> options =
                options(arguments, List.of("--data", "--out", SENTENCE_EMBEDDINGS), TRAIN_USAGE);
        if (options == null
                || !options.containsKey("--data")
                || options.getOrDefault("--out", List.of()).size() != 1) {
            System.err.println("Usage: java -jar council-chat.jar " + TRAIN_USAGE);
            return 2;
        }
        List<Path> data = options.get("--data").stream().map(Path::of).toList();
        if (!readable(data)) {
            return 1;
        }
        Path model = Path.of(options.get("--out").getFirst());
        try {
            IntentModels.TrainedModel trained =
                    IntentModels.train(data, sentenceEmbeddings(options), new ProgressBar(System.err));
            IntentModels.save(trained, model);
            out.printf(
                    Locale.ROOT,
                    "Trained on %d examples of %d intents in %.1f s, %s sentence embeddings; wrote %s, model version %s.%n",
                    trained.examples(),
                    trained.intents().size(),
                    trained.trainSeconds(),
                    trained.sentenceEmbeddings() ? "with" : "without",
                    model,
                    trained.version().id());
            out.println("Serve it with --council-chat.engine.intent-model=file:" + model.toAbsolutePath());
            return 0;
        } catch (TrainingDataInvalid invalid) {
            System.err.println("Nothing was trained: " + invalid.getMessage());
            return 1;
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("Could not train: " + e.getMessage());
            return 1;
        }
    }

    static int evaluate(List<String> arguments, ConfigurableApplicationContext unused, PrintStream out) {
        Map<String, List<String>> options =
                options(arguments, List.of("--train", "--test", "--val", SENTENCE_EMBEDDINGS), EVAL_USAGE);
        if (options == null
                || options.getOrDefault("--train", List.of()).size() != 1
                || options.getOrDefault("--test", List.of()).size() != 1
                || options.getOrDefault("--val", List.of()).size() > 1) {
            System.err.println("Usage: java -jar council-chat.jar " + EVAL_USAGE);
            return 2;
        }
        Path train = Path.of(options.get("--train").getFirst());
        Path test = Path.of(options.get("--test").getFirst());
        Path val = options.containsKey("--val") ? Path.of(options.get("--val").getFirst()) : null;
        List<Path> files = new ArrayList<>(List.of(train, test));
        if (val != null) {
            files.add(val);
        }
        if (!readable(files)) {
            return 1;
        }
        try {
            IntentEvaluation evaluation =
                    IntentModels.evaluate(train, val, test, sentenceEmbeddings(options), new ProgressBar(System.err));
            evaluation.report().forEach(out::println);
            out.println(ThisMachine.describe());
            out.println();
            out.println(evaluation.json());
            return 0;
        } catch (TrainingDataInvalid invalid) {
            System.err.println("Nothing was evaluated: " + invalid.getMessage());
            return 1;
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("Could not evaluate: " + e.getMessage());
            return 1;
        }
    }

    /** On unless {@value #SENTENCE_EMBEDDINGS} is {@code false}, as for the server. */
    private static boolean sentenceEmbeddings(Map<String, List<String>> options) {
        return !options.getOrDefault(SENTENCE_EMBEDDINGS, List.of()).contains("false");
    }

    private static boolean readable(List<Path> files) {
        for (Path file : files) {
            if (!Files.isReadable(file)) {
                System.err.println("Cannot read " + file + ".");
                return false;
            }
        }
        return true;
    }

    /** {@code --name value...} and {@code --name=value}; null (after saying why) on an unknown option. */
    private static Map<String, List<String>> options(List<String> arguments, List<String> known, String usage) {
        Map<String, List<String>> options = new HashMap<>();
        String current = null;
        for (String argument : arguments) {
            if (argument.startsWith("--")) {
                String[] inline = argument.split("=", 2);
                if (!known.contains(inline[0])) {
                    System.err.println("Unknown option " + argument + ". Usage: " + usage);
                    return null;
                }
                current = inline[0];
                options.computeIfAbsent(current, k -> new ArrayList<>());
                if (inline.length == 2) {
                    options.get(current).add(inline[1]);
                }
            } else if (current == null) {
                System.err.println("Unexpected " + argument + ". Usage: " + usage);
                return null;
            } else {
                options.get(current).add(argument);
            }
        }
        return options;
    }

    /** A one-line text progress bar on a terminal stream, redrawn in place. */
    static final class ProgressBar implements TrainingProgress {

        private static final int WIDTH = 30;

        private final PrintStream terminal;
        private final long started = System.nanoTime();

        ProgressBar(PrintStream terminal) {
            this.terminal = terminal;
        }

        @Override
        public synchronized void chose(String what) {
            terminal.println();
            terminal.println(what);
            terminal.flush();
        }

        @Override
        public synchronized void update(String stage, int done, int total) {
            int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
            terminal.printf(
                    Locale.ROOT,
                    "\r%-9s [%s%s] %d/%d",
                    stage,
                    "#".repeat(filled),
                    ".".repeat(WIDTH - filled),
                    done,
                    total);
            if (done == total) {
                // the time since the start, so a slow stage shows as a jump
                terminal.printf(Locale.ROOT, "  (%.1f s)%n", (System.nanoTime() - started) / 1e9);
            }
            terminal.flush();
        }
    }
}
