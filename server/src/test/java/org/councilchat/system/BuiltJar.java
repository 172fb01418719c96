package org.councilchat.system;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The built server jar ({@code target/council-chat.jar}, made by {@code package}) running as a process of its own,
 * for the tests whose point is a real process: killed with SIGKILL, restarted, several behind a load balancer.
 * Its output goes to a log file in its folder, whose last lines a failure shows.
 */
public record BuiltJar(String name, Process process, int port, Path log) {

    private static final Path JAR = Path.of("target", "council-chat.jar").toAbsolutePath();
    private static final Duration START_PATIENCE = Duration.ofMinutes(3);
    private static final HttpClient http = HttpClient.newHttpClient();

    /**
     * Starts the jar in {@code folder} (its working directory, so {@code ./data} is there) on {@code port}, and
     * waits until every one of {@code readyPaths} answers 200.
     */
    public static BuiltJar start(
            String name,
            Path folder,
            int port,
            List<String> jvmOptions,
            List<String> settings,
            List<String> readyPaths) {
        try {
            Files.createDirectories(folder);
            Path log = folder.resolve("server-" + System.nanoTime() + ".log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", JAR.toString(), "--server.port=" + port));
            // Not what these tests are about, and each costs seconds of every start.
            command.add("--council-chat.knowledge.semantic-search=false");
            command.add("--council-chat.engine.sentence-embeddings=false");
            command.addAll(settings);
            Process process = new ProcessBuilder(command)
                    .directory(folder.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            BuiltJar server = new BuiltJar(name, process, port, log);
            server.awaitReady(readyPaths);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(List<String> readyPaths) {
        long deadline = System.nanoTime() + START_PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail(name + " stopped while starting:\n" + tail(log));
            }
            if (readyPaths.stream().allMatch(this::answers200)) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
        kill();
        fail(name + " did not start within " + START_PATIENCE + ":\n" + tail(log));
    }

    private boolean answers200(String path) {
        try {
            return http.send(
                                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                            .timeout(Duration.ofSeconds(5))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL on Linux: the process gets no chance to flush, close or say goodbye. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public int exitCode() {
        return process.exitValue();
    }

    /** The last 40 lines of a log, for a failure message. */
    public static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
