package org.councilchat.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.councilchat.journey.StompTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built jar as a council runs it by default (the embedded H2 file under {@code ./data}), in a process of
 * its own on a fresh folder: what a resident was acknowledged survives {@code kill -9}, and the database is
 * open to this account alone. Runs in {@code integration-test}, after {@code package} has built the jar.
 *
 * <p>NOTE: each start of the jar takes half a minute on a shared CI machine; the class starts it twice.
 */
class EmbeddedDatabaseIT {

    private static final Path JAR = Path.of("target", "council-chat.jar").toAbsolutePath();

    private static Path home;
    private static BuiltJar server;

    @BeforeAll
    static void startOnAFreshFolder() {
        assertThat(JAR).as("the server jar, built by the package phase").exists();
        // Under target/, so `mvn clean` removes it.
        home = Path.of("target", "it-data", "embedded-" + UUID.randomUUID()).toAbsolutePath();
        server = start(home);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.kill();
        }
    }

    @Test
    void anAcknowledgedMessageSurvivesKill9AndItsNumberIsNeverGivenAgain() {
        String token;
        Map<String, Object> echo;
        List<Map<String, Object>> shownBeforeTheCrash;
        try (StompTestClient resident = StompTestClient.resident(server.port(), null)) {
            token = (String) resident.awaitEvent(StompTestClient.EVENTS, "welcome", welcome -> true)
                    .get("resumeToken");
            resident.send(
                    "/app/resident/message", Map.of("clientMessageId", "before-crash", "text", "My bin was missed"));
            echo = resident.awaitEvent(
                    StompTestClient.EVENTS, "message", m -> "before-crash".equals(m.get("clientMessageId")));
            // Straight after the acknowledgement: no shutdown hook, no chance to write anything more.
            server.kill();
            shownBeforeTheCrash = messages(resident.unclaimed());
        }
        assertThat(server.exitCode()).as("killed by SIGKILL").isEqualTo(137);

        server = start(home);
        try (StompTestClient resident = StompTestClient.resident(server.port(), token)) {
            assertThat(resident.awaitEvent(StompTestClient.EVENTS, "welcome", welcome -> true))
                    .containsEntry("resumed", true);
            resident.awaitEvent(StompTestClient.EVENTS, "status", status -> true);
            List<Map<String, Object>> replayed = messages(resident.unclaimed());

            assertThat(replayed)
                    .as("the acknowledged message, with its number, after the restart")
                    .anySatisfy(m -> assertThat(m)
                            .containsEntry("seq", echo.get("seq"))
                            .containsEntry("text", "My bin was missed"));
            long highestReplayed = highestSeq(replayed);
            long highestShown = Math.max(highestSeq(shownBeforeTheCrash), ((Number) echo.get("seq")).longValue());
            assertThat(highestReplayed)
                    .as("every message shown before the crash was kept")
                    .isGreaterThanOrEqualTo(highestShown);

            resident.send("/app/resident/message", Map.of("clientMessageId", "after-crash", "text", "Still missed"));
            Map<String, Object> next = resident.awaitEvent(
                    StompTestClient.EVENTS, "message", m -> "after-crash".equals(m.get("clientMessageId")));
            assertThat(((Number) next.get("seq")).longValue())
                    .as("the next number, not one the page has already shown")
                    .isEqualTo(highestReplayed + 1);
        }
    }

    @Test
    void theDatabaseIsOpenToTheServersAccountAlone() throws Exception {
        Path data = home.resolve("data");
        assertThat(permissions(data)).isEqualTo("rwx------");
        for (String file : List.of("council-chat.mv.db", "council-chat.lock.db", "council-chat.password")) {
            assertThat(permissions(data.resolve(file))).as(file).isEqualTo("rw-------");
        }

        // The lock file names the AUTO_SERVER listener that offline commands connect to.
        Properties lock = new Properties();
        try (InputStream in = Files.newInputStream(data.resolve("council-chat.lock.db"))) {
            lock.load(in);
        }
        String address = lock.getProperty("server");
        String host = address.substring(0, address.lastIndexOf(':'));
        int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        assertThat(InetAddress.getByName(host).isLoopbackAddress()).as(address).isTrue();
        try (Socket loopback = new Socket(InetAddress.getLoopbackAddress(), port)) {
            assertThat(loopback.isConnected())
                    .as("the listener is there, on loopback")
                    .isTrue();
        }
        for (InetAddress outside : nonLoopbackAddresses()) {
            try (Socket socket = new Socket()) {
                assertThatThrownBy(() -> socket.connect(new InetSocketAddress(outside, port), 2_000))
                        .as("the database listener on " + outside)
                        .isInstanceOf(ConnectException.class);
            }
        }

        String url = "jdbc:h2:file:" + data.resolve("council-chat") + ";AUTO_SERVER=TRUE";
        assertThatThrownBy(() -> DriverManager.getConnection(url, "sa", ""))
                .isInstanceOfSatisfying(
                        SQLException.class,
                        refused -> assertThat(refused.getSQLState()).isEqualTo("28000"));
        String password =
                Files.readString(data.resolve("council-chat.password")).strip();
        try (Connection offline = DriverManager.getConnection(url, "sa", password);
                var rows = offline.createStatement().executeQuery("SELECT COUNT(*) FROM conversation")) {
            assertThat(rows.next())
                    .as("an offline command, with the password file, gets in")
                    .isTrue();
        }
    }

    private static List<Map<String, Object>> messages(List<StompTestClient.Received> received) {
        return received.stream()
                .filter(r -> r.destination().equals(StompTestClient.EVENTS))
                .map(StompTestClient.Received::body)
                .filter(body -> "message".equals(body.get("type")))
                .toList();
    }

    private static long highestSeq(List<Map<String, Object>> messages) {
        return messages.stream()
                .mapToLong(m -> ((Number) m.get("seq")).longValue())
                .max()
                .orElse(0);
    }

    private static List<InetAddress> nonLoopbackAddresses() throws IOException {
        return NetworkInterface.networkInterfaces()
                .filter(network -> {
                    try {
                        return network.isUp();
                    } catch (IOException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> !address.isLoopbackAddress())
                .toList();
    }

    private static String permissions(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One run of the jar, in {@code home} as its working folder, so {@code ./data} is the default under it. */
    private static BuiltJar start(Path home) {
        return BuiltJar.start("the server", home, freePort(), List.of(), List.of(), List.of("/actuator/health"));
    }

    private static int freePort() {
        try {
            return BuiltJar.freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
