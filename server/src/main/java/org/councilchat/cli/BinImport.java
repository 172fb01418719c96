package org.councilchat.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.councilchat.councils.Councils;
import org.councilchat.knowledge.BinCollections;
import org.councilchat.knowledge.BinData;
import org.councilchat.knowledge.BinDataInvalid;
import org.councilchat.knowledge.BinImportProgress;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code bins import}: checks every file completely before touching the database, then replaces the council's bin
 * data in one transaction, so a running server answers from the old data until the moment the new is in. In a
 * shared service each district imports its own ({@code --council}); the first council configured by default.
 */
final class BinImport {

    private BinImport() {}

    /**
     * Shows how far the import has got. On a terminal one line per kind of row is redrawn as batches go in;
     * in a log (a scheduled job, CI) a line every quarter keeps the log short but shows it is not stuck.
     */
    static final class ProgressDisplay implements BinImportProgress {
        private static final int BAR_WIDTH = 30;

        private final PrintStream out;
        private final boolean terminal;
        private int lastQuarter = -1;

        ProgressDisplay(PrintStream out, boolean terminal) {
            this.out = out;
            this.terminal = terminal;
        }

        @Override
        public void imported(String what, int done, int total) {
            if (total == 0) {
                return;
            }
            int percent = (int) (100L * done / total);
            if (terminal) {
                int filled = BAR_WIDTH * done / total;
                out.printf(
                        "\r  %-16s [%s%s] %3d%% %,d/%,d",
                        what, "#".repeat(filled), " ".repeat(BAR_WIDTH - filled), percent, done, total);
                if (done == total) {
                    out.println();
                }
            } else {
                int quarter = done == 0 ? -1 : percent / 25;
                if (done == 0) {
                    lastQuarter = -1;
                } else if (quarter != lastQuarter) {
                    lastQuarter = quarter;
                    out.printf("  %s: %,d of %,d (%d%%)%n", what, done, total, percent);
                }
            }
        }
    }

    private static final String USAGE =
            "Usage: bins import --rounds FILE --properties FILE [--exceptions FILE] [--council ID]";

    static int run(List<String> arguments, ConfigurableApplicationContext context, PrintStream out) {
        Map<String, Path> files = new HashMap<>();
        String council = null;
        for (int i = 0; i < arguments.size(); i++) {
            String option = arguments.get(i);
            String[] inline = option.split("=", 2);
            String name = inline[0];
            if (!List.of("--rounds", "--properties", "--exceptions", "--council")
                    .contains(name)) {
                System.err.println("Unknown option " + option + ". " + USAGE);
                return 2;
            }
            String value = inline.length == 2 ? inline[1] : (i + 1 < arguments.size() ? arguments.get(++i) : null);
            if (value == null) {
                System.err.println(name + (name.equals("--council") ? " needs a council id" : " needs a file"));
                return 2;
            }
            if (name.equals("--council")) {
                council = value.strip();
            } else {
                files.put(name, Path.of(value));
            }
        }
        if (!files.containsKey("--rounds") || !files.containsKey("--properties")) {
            System.err.println(USAGE);
            return 2;
        }
        if (council == null) {
            council = context.getBean(Councils.class).byDefault().id();
        }
        for (Path file : files.values()) {
            if (!Files.isReadable(file)) {
                System.err.println("Cannot read " + file + ". Nothing was imported.");
                return 1;
            }
        }
        Path exceptions = files.get("--exceptions");
        out.println("Checking " + files.get("--rounds") + ", " + files.get("--properties")
                + (exceptions == null ? "" : " and " + exceptions) + " ...");
        try (Reader rounds = Files.newBufferedReader(files.get("--rounds"), StandardCharsets.UTF_8);
                Reader properties = Files.newBufferedReader(files.get("--properties"), StandardCharsets.UTF_8);
                Reader changes =
                        exceptions == null ? null : Files.newBufferedReader(exceptions, StandardCharsets.UTF_8)) {
            BinData imported = context.getBean(BinCollections.class)
                    .importCsv(
                            council,
                            rounds,
                            files.get("--rounds").getFileName().toString(),
                            properties,
                            files.get("--properties").getFileName().toString(),
                            changes,
                            exceptions == null ? null : exceptions.getFileName().toString(),
                            new ProgressDisplay(out, System.console() != null));
            out.printf(
                    "Imported %d rounds, %d properties and %d exceptions for %s. Residents get the new collection"
                            + " days now.%n",
                    imported.rounds().size(),
                    imported.properties().size(),
                    imported.exceptions().size(),
                    council);
            return 0;
        } catch (BinDataInvalid invalid) {
            System.err.println("Nothing was imported: " + invalid.problems().size() + " problem(s) to fix first.");
            invalid.problems().forEach(problem -> System.err.println("  " + problem));
            return 1;
        } catch (IOException e) {
            System.err.println("Could not read the files: " + e.getMessage() + ". Nothing was imported.");
            return 1;
        }
    }
}
