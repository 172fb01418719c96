package org.councilchat.cluster;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.councilchat.system.BuiltJar;

/**
 * A RabbitMQ server of the test's own: Debian's {@code rabbitmq-server}, run as a separate node on free loopback
 * ports with its data under the test's folder, so the test can kill and restart it without touching the machine's
 * own RabbitMQ or anything else using it.
 *
 * <p>Started through the server's own script rather than {@code /usr/sbin/rabbitmq-server}: Debian's wrapper
 * switches to the {@code rabbitmq} user, who may not write in the test's folder.
 */
final class PrivateRabbitMq {

    private static final Duration START_PATIENCE = Duration.ofSeconds(90);

    private final Path home;
    private final String node;
    private final int port;
    private final int distributionPort;
    private Process process;

    private PrivateRabbitMq(Path home, String node, int port, int distributionPort) {
        this.home = home;
        this.node = node;
        this.port = port;
        this.distributionPort = distributionPort;
    }

    /** Debian's RabbitMQ server script, if the package is installed. */
    static Optional<Path> script() {
        Path lib = Path.of("/usr/lib/rabbitmq/lib");
        if (!Files.isDirectory(lib)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(lib)) {
            return versions.filter(v -> v.getFileName().toString().startsWith("rabbitmq_server-"))
                    .max(Comparator.naturalOrder())
                    .map(v -> v.resolve("sbin").resolve("rabbitmq-server"))
                    .filter(Files::isExecutable);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static PrivateRabbitMq start(Path home) throws IOException {
        Files.createDirectories(home.resolve("mnesia"));
        Files.createDirectories(home.resolve("log"));
        int port = BuiltJar.freePort();
        PrivateRabbitMq broker = new PrivateRabbitMq(
                home,
                "cc-it-" + UUID.randomUUID().toString().substring(0, 8) + "@localhost",
                port,
                BuiltJar.freePort());
        // guest may sign in from loopback only, which is where the nodes are; no plugins (the machine's RabbitMQ
        // has the STOMP port).
        Files.writeString(home.resolve("rabbitmq.conf"), "listeners.tcp.default = 127.0.0.1:" + port + "\n");
        Files.writeString(home.resolve("enabled_plugins"), "[].\n");
        broker.startProcess();
        return broker;
    }

    int port() {
        return port;
    }

    /** As a crash would: the Erlang VM killed with SIGKILL, every connection dropped at once. */
    void kill() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (answers() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        process = null;
    }

    /** The same node again, on the same port and data. */
    void restart() {
        kill();
        startProcess();
    }

    private void startProcess() {
        ProcessBuilder builder = new ProcessBuilder(script().orElseThrow().toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        home.resolve("rabbitmq.out").toFile()));
        Map<String, String> env = builder.environment();
        env.put("HOME", home.toString());
        env.put("RABBITMQ_NODENAME", node);
        env.put("RABBITMQ_NODE_PORT", String.valueOf(port));
        env.put("RABBITMQ_DIST_PORT", String.valueOf(distributionPort));
        env.put("RABBITMQ_MNESIA_BASE", home.resolve("mnesia").toString());
        env.put("RABBITMQ_LOG_BASE", home.resolve("log").toString());
        env.put("RABBITMQ_CONFIG_FILE", home.resolve("rabbitmq").toString());
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", home.resolve("enabled_plugins").toString());
        env.put("RABBITMQ_FEATURE_FLAGS_FILE", home.resolve("feature_flags").toString());
        env.put("RABBITMQ_PID_FILE", home.resolve("rabbitmq.pid").toString());
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + START_PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("The test's RabbitMQ stopped while starting: " + BuiltJar.tail(home.resolve("rabbitmq.out")));
            }
            if (answers()) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        fail("The test's RabbitMQ did not open port " + port + " within " + START_PATIENCE + ": "
                + BuiltJar.tail(home.resolve("rabbitmq.out")));
    }

    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
