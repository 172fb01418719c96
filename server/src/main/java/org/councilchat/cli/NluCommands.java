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
            "nlu eval --train FILE... --test FILE... [--val FILE...] [--council-chat.engine.sentence-embeddings=false]";

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
                || options.getOrDefault("--train", List.of()).isEmpty()
                || options.getOrDefault("--test", List.of()).isEmpty()) {
            System.err.println("Usage: java -jar council-chat.jar " + EVAL_USAGE);
            return 2;
        }
        // Several training or validation files are read as one set (English and Welsh together, as the
        // server trains); several test files are each scored, so each language gets its own figures.
        List<Path> train = paths(options, "--train");
        List<Path> val = paths(options, "--val");
        List<Path> test = paths(options, "--test");
        List<Path> files = new ArrayList<>(train);
        files.addAll(val);
        files.addAll(test);
        if (!readable(files)) {
            return 1;
        }
        try {
            List<IntentEvaluation> evaluations =
                    IntentModels.evaluate(train, val, test, sentenceEmbeddings(options), new ProgressBar(System.err));
            boolean several = test.size() > 1;
            for (int i = 0; i < test.size(); i++) {
                IntentEvaluation evaluation = evaluations.get(i);
                if (several) {
                    out.println("Test file " + test.get(i));
                }
                evaluation.report().forEach(out::println);
                if (!several) {
                    continue;
                }
                out.printf(
                        Locale.ROOT,
                        "%s: accuracy %.4f, macro-F1 %.4f on %d messages%n%n",
                        test.get(i).getFileName(),
                        evaluation.accuracy(),
                        evaluation.macroF1(),
                        evaluation.examples());
            }
            out.println(ThisMachine.describe());
            out.println();
            // one JSON line per test file, in the order given, so the last line is still one JSON object
            evaluations.forEach(evaluation -> out.println(evaluation.json()));
            return 0;
        } catch (TrainingDataInvalid invalid) {
            System.err.println("Nothing was evaluated: " + invalid.getMessage());
            return 1;
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("Could not evaluate: " + e.getMessage());
            return 1;
        }
    }

    private static List<Path> paths(Map<String, List<String>> options, String name) {
        return options.getOrDefault(name, List.of()).stream().map(Path::of).toList();
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
