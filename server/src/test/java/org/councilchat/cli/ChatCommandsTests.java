package org.councilchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.councilchat.journey.TestCouncil;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code chat bench} against a running chat, over real WebSockets: residents chat with a bare echo server and
 * then with the chat, and every message is answered. The figures are printed, not checked: speed is measured
 * by running the command, never by a test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChatCommandsTests {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void council(DynamicPropertyRegistry registry) {
        TestCouncil.configure(registry);
        // The benchmark's residents send as fast as they are answered: lift the allowance, as the command does.
        registry.add("council-chat.chat.message-burst", () -> "100000");
        registry.add("council-chat.chat.messages-per-minute", () -> "100000");
    }

    @Test
    void residentsChatWithTheEchoServerAndThenTheChatAndEveryMessageIsAnswered() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int exit = ChatCommands.benchmark(
                List.of("--residents", "2", "--messages", "3", "--url", "ws://127.0.0.1:" + port + "/webchat/v1/ws"),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(exit).isZero();
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).startsWith("Machine: ").contains("cores for Java");
        assertThat(lines.get(2)).startsWith("echo server");
        assertThat(lines.get(3)).startsWith("chat");
        @SuppressWarnings("unchecked")
        Map<String, Object> figures = JsonMapper.builder().build().readValue(lines.getLast(), Map.class);
        assertThat(figures.get("residents")).isEqualTo(2);
        assertThat(figures.get("messages")).isEqualTo(6);
        assertThat(figures.keySet())
                .containsExactlyInAnyOrder(
                        "residents",
                        "messages",
                        "echo_p50_ms",
                        "echo_p99_ms",
                        "echo_per_second",
                        "chat_p50_ms",
                        "chat_p99_ms",
                        "chat_max_ms",
                        "chat_per_second");
    }

    @Test
    void aNumberOutOfRangeIsRefusedWithTheReason() {
        assertThat(ChatCommands.benchmark(List.of("--residents", "0"), new PrintStream(new ByteArrayOutputStream())))
                .isEqualTo(2);
        assertThat(ChatCommands.benchmark(List.of("--sockets", "3"), new PrintStream(new ByteArrayOutputStream())))
                .isEqualTo(2);
        assertThat(ChatCommands.benchmark(List.of("--warm-up", "-1"), new PrintStream(new ByteArrayOutputStream())))
                .isEqualTo(2);
    }
}
