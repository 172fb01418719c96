package org.councilchat.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.councilchat.CouncilChatApplication;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code chat bench}: chat latency and throughput over real WebSocket connections on loopback, side by side
 * with a bare STOMP echo server ({@link ChatBenchmark}). Without {@code --url} it starts the chat itself on a
 * free port, with the demo council in an in-memory database, and stops it afterwards.
 */
final class ChatCommands {

    static final String BENCH_USAGE =
            "chat bench [--residents 20] [--messages 50] [--warm-up 50] [--hold 0] [--url ws://HOST:PORT/webchat/v1/ws]";

    private ChatCommands() {}

    static int benchmark(List<String> arguments, PrintStream out) {
        RetrievalCommands.Options options = RetrievalCommands.Options.parse(
                arguments, List.of("--residents", "--messages", "--warm-up", "--hold", "--url"), "");
        if (options == null) {
            System.err.println("Usage: java -jar council-chat.jar " + BENCH_USAGE);
            return 2;
        }
        int residents;
        int messages;
        int warmUp;
        int holdSeconds;
        try {
            residents = number(options, "--residents", 20, 1, 1000);
            messages = number(options, "--messages", 50, 1, 1000);
            warmUp = number(options, "--warm-up", ChatBenchmark.WARM_UP, 0, 1000);
            holdSeconds = number(options, "--hold", 0, 0, 3600);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        ChatBenchmark benchmark = new ChatBenchmark(
                residents, messages, warmUp, Duration.ofSeconds(holdSeconds), line -> System.err.println(line));
        System.err.printf(
                "%d residents at once, each sending %d messages (after %d untimed ones) and waiting for each answer%n",
                residents, messages, warmUp);
        ChatBenchmark.Figures echo;
        try (StompEchoServer server = StompEchoServer.start()) {
            System.err.println("Against a bare STOMP echo server on " + server.url() + " ...");
            echo = benchmark.echo(server.url());
        }
        ChatBenchmark.Figures chat;
        try {
            if (options.values("--url").isEmpty()) {
                try (RunningChat running = RunningChat.start()) {
                    System.err.println("Against the chat on " + running.url() + " ...");
                    chat = benchmark.chat(running.url());
                }
            } else {
                URI url = URI.create(options.values("--url").getFirst());
                System.err.println("Against the chat on " + url + " ...");
                chat = benchmark.chat(url);
            }
        } catch (IllegalStateException e) {
            System.err.println("The benchmark could not finish: " + e.getMessage());
            return 1;
        }
        out.println(ThisMachine.describe());
        out.printf(Locale.ROOT, "%-12s %10s %10s %10s %14s%n", "", "p50 ms", "p99 ms", "max ms", "messages/s");
        print(out, "echo server", echo);
        print(out, "chat", chat);
        out.printf(
                Locale.ROOT,
                "{\"residents\": %d, \"messages\": %d, \"echo_p50_ms\": %.2f, \"echo_p99_ms\": %.2f,"
                        + " \"echo_per_second\": %.1f, \"chat_p50_ms\": %.2f, \"chat_p99_ms\": %.2f,"
                        + " \"chat_max_ms\": %.2f, \"chat_per_second\": %.1f}%n",
                residents,
                chat.messages(),
                echo.p50Millis(),
                echo.p99Millis(),
                echo.perSecond(),
                chat.p50Millis(),
                chat.p99Millis(),
                chat.maxMillis(),
                chat.perSecond());
        return 0;
    }

    private static void print(PrintStream out, String name, ChatBenchmark.Figures figures) {
        out.printf(
                Locale.ROOT,
                "%-12s %10.2f %10.2f %10.2f %14.1f%n",
                name,
                figures.p50Millis(),
                figures.p99Millis(),
                figures.maxMillis(),
                figures.perSecond());
    }

    private static int number(RetrievalCommands.Options options, String name, int otherwise, int least, int most) {
        if (options.values(name).isEmpty()) {
            return otherwise;
        }
        try {
            int value = Integer.parseInt(options.values(name).getFirst());
            if (value < least || value > most) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number from " + least + " to " + most);
        }
    }

    /**
     * The chat started for the benchmark: the demo council in an in-memory database and a temporary index,
     * on a free loopback port. Its message allowance is lifted: the benchmark measures how much the chat can
     * do, not the limit that stops one resident flooding it.
     */
    private record RunningChat(ConfigurableApplicationContext context, Path index) implements AutoCloseable {

        static RunningChat start() {
            Path index;
            try {
                index = Files.createTempDirectory("council-chat-bench-index");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a temporary index directory", e);
            }
            ConfigurableApplicationContext context = new SpringApplicationBuilder(CouncilChatApplication.class)
                    .bannerMode(Banner.Mode.OFF)
                    .logStartupInfo(false)
                    .run(
                            "--server.port=0",
                            "--server.address=127.0.0.1",
                            "--spring.datasource.url=jdbc:h2:mem:chat-bench;DB_CLOSE_DELAY=-1",
                            "--council-chat.knowledge.index-directory=" + index,
                            "--council-chat.chat.messages-per-minute=1000000",
                            "--council-chat.chat.message-burst=1000000",
                            "--logging.level.root=WARN",
                            // The shared sentence model's threads outlive this one application by design.
                            "--logging.level.org.apache.catalina.loader=ERROR");
            return new RunningChat(context, index);
        }

        URI url() {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            return URI.create("ws://127.0.0.1:" + port + "/webchat/v1/ws");
        }

        @Override
        public void close() {
            context.close();
            ChatBenchmark.delete(index);
        }
    }
}
