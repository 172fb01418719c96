package org.councilchat.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.councilchat.engine.ConversationRulesFile;
import org.councilchat.engine.IntentClassifier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.MessageSource;

/**
 * {@code rules check FILE}: checks a council's conversation rules against the intent model and message bundles
 * this deployment uses, so a mistake is found before the file is copied to the server, not by residents.
 */
final class RulesCommands {

    static final String CHECK_USAGE = "rules check FILE";

    private RulesCommands() {}

    static int check(List<String> arguments, ConfigurableApplicationContext context, PrintStream out) {
        if (arguments.size() != 1) {
            System.err.println("Usage: java -jar council-chat.jar " + CHECK_USAGE);
            return 2;
        }
        Path file = Path.of(arguments.getFirst());
        if (!Files.isReadable(file)) {
            System.err.println("Cannot read " + file + ": no such file, or not readable");
            return 1;
        }
        try (InputStream in = Files.newInputStream(file)) {
            int rules = ConversationRulesFile.check(
                    in, file.toString(), context.getBean(IntentClassifier.class), context.getBean(MessageSource.class));
            out.println(file + ": " + rules + " rules, all correct.");
            return 0;
        } catch (IllegalArgumentException invalid) {
            System.err.println(invalid.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("Cannot read " + file + ": " + e.getMessage());
            return 1;
        }
    }
}
