package org.councilchat.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The embedded database kept private to the server's account: folder and files, the generated password,
 * and an old database made with the empty password brought up to date. Each test has a folder of its own.
 */
class PrivateEmbeddedDatabaseTests {

    private Path data;
    private String url;
    private String bindAddress;

    @BeforeEach
    void freshFolder() {
        // Under target/, so `mvn clean` removes it; the folder itself does not exist yet, as on a first start.
        data = Path.of("target", "test-data", "private-" + UUID.randomUUID(), "data")
                .toAbsolutePath();
        url = "jdbc:h2:file:" + data.resolve("council-chat") + ";WRITE_DELAY=0";
        bindAddress = System.getProperty(PrivateEmbeddedDatabase.BIND_ADDRESS);
    }

    /** The post-processor sets H2's bind address for the whole JVM, as it should in the server; not here. */
    @AfterEach
    void restoreBindAddress() {
        if (bindAddress == null) {
            System.clearProperty(PrivateEmbeddedDatabase.BIND_ADDRESS);
        }
    }

    @Test
    void makesTheDataFolderAndPasswordFileReadableByTheOwnerOnly() throws Exception {
        String password = start(Map.of());

        assertThat(permissions(data)).isEqualTo("rwx------");
        Path passwordFile = data.resolve("council-chat.password");
        assertThat(permissions(passwordFile)).isEqualTo("rw-------");
        assertThat(Files.readString(passwordFile).strip()).isEqualTo(password).hasSizeGreaterThanOrEqualTo(40);
    }

    @Test
    void aNewDatabaseRefusesTheEmptyPassword() throws Exception {
        String password = start(Map.of());
        try (Connection first = DriverManager.getConnection(url, "sa", password)) {
            first.createStatement().execute("CREATE TABLE note (text VARCHAR(10))");
        }

        assertThatThrownBy(() -> DriverManager.getConnection(url, "sa", ""))
                .isInstanceOfSatisfying(
                        SQLException.class,
                        refused -> assertThat(refused.getSQLState()).isEqualTo("28000"));
    }

    @Test
    void givesADatabaseMadeWithTheEmptyPasswordTheGeneratedOneAndKeepsItsData() throws Exception {
        Files.createDirectories(data);
        try (Connection old = DriverManager.getConnection(url, "sa", "")) {
            old.createStatement().execute("CREATE TABLE note (text VARCHAR(10)); INSERT INTO note VALUES ('kept')");
        }
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(data.resolve("council-chat.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));

        String password = start(Map.of());

        assertThatThrownBy(() -> DriverManager.getConnection(url, "sa", "")).isInstanceOf(SQLException.class);
        try (Connection upgraded = DriverManager.getConnection(url, "sa", password);
                var rows = upgraded.createStatement().executeQuery("SELECT text FROM note")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("kept");
        }
        assertThat(permissions(data)).isEqualTo("rwx------");
        assertThat(permissions(data.resolve("council-chat.mv.db"))).isEqualTo("rw-------");
        assertThat(start(Map.of())).as("the next start reads the same password").isEqualTo(password);
    }

    @Test
    void finishesAnUpgradeThatAStopInterruptedAfterTheDatabaseTookThePassword() throws Exception {
        String password = start(Map.of());
        try (Connection first = DriverManager.getConnection(url, "sa", password)) {
            first.createStatement().execute("CREATE TABLE note (text VARCHAR(10))");
        }
        // As if the server stopped between the database taking the password and the file being moved into place.
        Files.move(data.resolve("council-chat.password"), data.resolve("council-chat.password.new"));

        assertThat(start(Map.of())).isEqualTo(password);
        assertThat(data.resolve("council-chat.password")).exists();
    }

    @Test
    void saysWhatToDoWhenThePasswordFileOfAProtectedDatabaseIsGone() throws Exception {
        String password = start(Map.of());
        try (Connection first = DriverManager.getConnection(url, "sa", password)) {
            first.createStatement().execute("CREATE TABLE note (text VARCHAR(10))");
        }
        Files.delete(data.resolve("council-chat.password"));

        assertThatThrownBy(() -> start(Map.of()))
                .hasMessageContaining("council-chat.password")
                .hasMessageContaining("SPRING_DATASOURCE_PASSWORD");
    }

    @Test
    void leavesAConfiguredPasswordToItsOwner() {
        StandardEnvironment environment = environment(Map.of("spring.datasource.password", "chosen-by-the-council"));

        new PrivateEmbeddedDatabase().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("chosen-by-the-council");
        assertThat(data.resolve("council-chat.password")).doesNotExist();
        assertThat(permissions(data)).isEqualTo("rwx------");
    }

    @Test
    void leavesOtherDatabasesAlone() {
        assertThat(PrivateEmbeddedDatabase.databaseFile("jdbc:postgresql://db.internal:5432/chat"))
                .isEmpty();
        assertThat(PrivateEmbeddedDatabase.databaseFile("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1"))
                .isEmpty();
        assertThat(PrivateEmbeddedDatabase.databaseFile("jdbc:h2:tcp://localhost/~/chat"))
                .isEmpty();
        assertThat(PrivateEmbeddedDatabase.databaseFile("jdbc:h2:file:./data/council-chat;AUTO_SERVER=TRUE"))
                .contains(Path.of("data", "council-chat").toAbsolutePath());
        assertThat(PrivateEmbeddedDatabase.databaseFile("jdbc:h2:./data/council-chat"))
                .contains(Path.of("data", "council-chat").toAbsolutePath());

        StandardEnvironment postgres = environment(Map.of("spring.datasource.url", "jdbc:postgresql://db/chat"));
        new PrivateEmbeddedDatabase().postProcessEnvironment(postgres, null);
        assertThat(postgres.getProperty("spring.datasource.password")).isNull();
    }

    /** Runs the post-processor as a start of the application would; returns the password it settled on. */
    private String start(Map<String, Object> settings) {
        StandardEnvironment environment = environment(settings);
        new PrivateEmbeddedDatabase().postProcessEnvironment(environment, null);
        return environment.getProperty("spring.datasource.password");
    }

    private StandardEnvironment environment(Map<String, Object> settings) {
        Map<String, Object> all =
                new HashMap<>(Map.of("spring.datasource.url", url, "spring.datasource.username", "sa"));
        all.putAll(settings);
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", all));
        return environment;
    }

    private static String permissions(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
