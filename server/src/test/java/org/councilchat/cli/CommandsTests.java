package org.councilchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandsTests {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void capture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void noArgumentsMeansServeNotACommand() {
        assertThat(Commands.isCommand(new String[0])).isFalse();
        assertThat(Commands.isCommand(new String[] {"--server.port=9090"})).isFalse();
        assertThat(Commands.isCommand(new String[] {"--help"})).isTrue();
        assertThat(Commands.isCommand(new String[] {"kb", "search", "bins"})).isTrue();
    }

    @Test
    void helpListsTheCommands() {
        assertThat(Commands.run(new String[] {"--help"})).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Commands:").contains("kb search");
    }

    @Test
    void unknownCommandSaysSoAndFails() {
        assertThat(Commands.run(new String[] {"bins", "explode"})).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown command: bins explode");
    }

    @Test
    void knowledgeBaseSearchFindsTheDemoAnswerWithoutAWebServer(@TempDir Path data) {
        int exit = Commands.run(new String[] {
            "kb",
            "search",
            "pay council tax in instalments",
            "--spring.datasource.url=jdbc:h2:mem:commands;DB_CLOSE_DELAY=-1",
            "--council-chat.knowledge.index-directory=" + data.resolve("index"),
            "--spring.main.log-startup-info=false",
            "--logging.level.root=WARN"
        });
        assertThat(exit).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("council-tax").contains("The chat would answer with the first FAQ.");
        assertThat(printed).doesNotContain("Tomcat started");
    }
}
