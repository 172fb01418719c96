package org.councilchat.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chat latency and throughput over real WebSocket connections on loopback ({@code chat bench}): residents
 * connect as the widget does, each sends messages one after another and waits for the answer, all at once.
 * The same residents are first measured against a bare STOMP echo server, so the report separates what the
 * WebSocket and STOMP cost from what the chat itself costs.
 *
 * <p>Against the chat, a message's latency runs from sending it to the bot's first answer (the message
 * checked, stored, understood, answered and stored). Against the echo server it runs to the echo.
 *
 * <p>With a hold, every resident stays connected and idle that long after the chat's timed messages (not the
 * echo server's), so that what connected residents cost (a server's heap, the broker's connections) can be
 * sampled from outside; {@link #HOLDING} on the progress says when they all are.
 *
 * @param residents how many residents chat at once
 * @param messages how many timed messages each sends, after {@code warmUp} untimed ones
 * @param warmUp how many untimed messages each sends first ({@link #WARM_UP} by default)
 * @param hold how long each resident stays connected after its timed messages against the chat
 */
record ChatBenchmark(int residents, int messages, int warmUp, Duration hold, Consumer<String> progress) {

    /** Untimed messages each resident sends first by default, so the JIT and the caches are warm. */
    static final int WARM_UP = 50;

    /** The start of the progress line saying that every resident is connected and idle for the hold. */
    static final String HOLDING = "Holding";

    static final Duration PATIENCE = Duration.ofSeconds(30);

    /**
     * What residents ask, in turn: a bin day by postcode (a database lookup), FAQs (a search), a service
     * with a link, small talk. Each resident starts at a different point.
     */
    private static final List<String> QUESTIONS = List.of(
            "when is my bin day? MB1 1AA",
            "can I pay my council tax in instalments",
            "how do I report a pothole",
            "hello",
            "what are the library opening hours",
            "my bin wasn't collected yesterday",
            "thanks",
            "how do I apply for a blue badge");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One run's figures: latency percentiles of every timed message, and messages answered per second. */
    record Figures(int messages, double p50Millis, double p99Millis, double maxMillis, double perSecond) {}

    /** Measures residents against a bare echo server: each message's time to its echo. */
    Figures echo(URI url) {
        return run(url, false);
    }

    /** Measures residents against the chat at {@code url} (its widget endpoint): each message's time to an answer. */
    Figures chat(URI url) {
        return run(url, true);
    }

    private Figures run(URI url, boolean chat) {
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService threads = Executors.newFixedThreadPool(residents);
        CyclicBarrier together = new CyclicBarrier(residents);
        CyclicBarrier idle = new CyclicBarrier(residents);
        boolean holding = chat && !hold.isZero();
        try {
            List<Future<double[]>> each = new ArrayList<>();
            // Set by whichever resident passes the barrier last, when all start their timed messages together.
            AtomicLong startedAt = new AtomicLong();
            // When the last resident's last timed message was answered: the hold is not part of the measurement.
            AtomicLong finishedAt = new AtomicLong(Long.MIN_VALUE);
            for (int r = 0; r < residents; r++) {
                int resident = r;
                each.add(threads.submit(() -> {
                    try (RawStompClient client = RawStompClient.connect(http, url, PATIENCE)) {
                        client.subscribe("/user/queue/events");
                        client.subscribe("/user/queue/errors");
                        if (chat) {
                            welcome(client);
                        }
                        for (int i = 0; i < warmUp; i++) {
                            ask(client, chat, resident, -1 - i);
                        }
                        if (together.await() == 0) {
                            startedAt.set(System.nanoTime());
                        }
                        double[] millis = new double[messages];
                        for (int i = 0; i < messages; i++) {
                            long start = System.nanoTime();
                            ask(client, chat, resident, i);
                            millis[i] = (System.nanoTime() - start) / 1e6;
                        }
                        finishedAt.accumulateAndGet(System.nanoTime(), Math::max);
                        if (holding) {
                            if (idle.await() == 0) {
                                progress.accept(String.format(
                                        Locale.ROOT,
                                        "%s %d residents connected and idle for %d s",
                                        HOLDING,
                                        residents,
                                        hold.toSeconds()));
                            }
                            Thread.sleep(hold);
                        }
                        return millis;
                    }
                }));
            }
            List<double[]> timed = new ArrayList<>();
            for (Future<double[]> resident : each) {
                timed.add(resident.get());
            }
            double seconds = (finishedAt.get() - startedAt.get()) / 1e9;
            double[] all =
                    timed.stream().flatMapToDouble(Arrays::stream).sorted().toArray();
            progress.accept(String.format(Locale.ROOT, "%d messages in %.1f s", all.length, seconds));
            return new Figures(
                    all.length, percentile(all, 50), percentile(all, 99), all[all.length - 1], all.length / seconds);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(
                    "A resident could not finish: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        } finally {
            threads.shutdownNow();
            http.close();
        }
    }

    /** Says hello as the widget does (again, if the welcome does not come: see the widget's own resend). */
    private static void welcome(RawStompClient client) {
        for (int attempt = 0; attempt < 3; attempt++) {
            client.send("/app/resident/hello", "{\"lastSeq\":0,\"language\":\"en\"}");
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            try {
                while (System.nanoTime() < deadline) {
                    Map<String, Object> event = event(client.next(Duration.ofNanos(deadline - System.nanoTime())));
                    if ("welcome".equals(event.get("type"))) {
                        return;
                    }
                }
            } catch (IllegalStateException nothingYet) {
                // Said hello before the subscription was in place: say it again.
            }
        }
        throw new IllegalStateException("The chat never welcomed a resident");
    }

    /** Sends one message and waits for its answer: the bot's first message after it, or the echo. */
    private static void ask(RawStompClient client, boolean chat, int resident, int turn) {
        String id = "bench-" + resident + "-" + (turn < 0 ? "w" + -turn : turn);
        String question = QUESTIONS.get(Math.floorMod(resident + turn, QUESTIONS.size()));
        client.send("/app/resident/message", JSON.writeValueAsString(Map.of("clientMessageId", id, "text", question)));
        if (!chat) {
            client.next(PATIENCE);
            return;
        }
        boolean stored = false;
        while (true) {
            Map<String, Object> event = event(client.next(PATIENCE));
            if ("error".equals(event.get("type"))) {
                throw new IllegalStateException("The chat refused a message: " + event.get("code"));
            }
            if (!"message".equals(event.get("type"))) {
                continue;
            }
            if (id.equals(event.get("clientMessageId"))) {
                stored = true;
            } else if (stored && "BOT".equals(event.get("sender"))) {
                return;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> event(RawStompClient.Frame frame) {
        return JSON.readValue(frame.body(), Map.class);
    }

    private static double percentile(double[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // A temporary directory left behind is not worth failing the benchmark for.
        }
    }
}
