package org.councilchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class CommandsTests {

    @Test
    void noArgumentsMeansServeNotACommand() {
        assertThat(Commands.isCommand(new String[0])).isFalse();
        assertThat(Commands.isCommand(new String[] {"--server.port=9090"})).isFalse();
        assertThat(Commands.isCommand(new String[] {"--help"})).isTrue();
        assertThat(Commands.isCommand(new String[] {"kb", "search", "bins"})).isTrue();
    }

    @Test
    void helpListsTheCommands(CapturedOutput output) {
        assertThat(Commands.run(new String[] {"--help"})).isZero();
        assertThat(output.getOut()).contains("Commands:").contains("kb search");
    }

    @Test
    void unknownCommandSaysSoAndFails(CapturedOutput output) {
        assertThat(Commands.run(new String[] {"bins", "explode"})).isEqualTo(2);
        assertThat(output.getErr()).contains("Unknown command: bins explode");
    }

    @Test
    void knowledgeBaseSearchFindsTheDemoAnswerWithoutAWebServer(@TempDir Path data, CapturedOutput output) {
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
        String printed = output.getOut();
        assertThat(printed).contains("council-tax").contains("The chat would answer with the first FAQ.");
        assertThat(printed).doesNotContain("Tomcat started");
    }
}
