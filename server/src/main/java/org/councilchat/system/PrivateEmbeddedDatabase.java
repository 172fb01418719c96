package org.councilchat.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Makes the embedded H2 database file private to the account that runs Council Chat, before anything opens
 * it: its folder 0700 and its files 0600; H2's {@code AUTO_SERVER} listener (which lets an offline command
 * such as {@code bins import} use the file while the server runs) on loopback only; and, when no
 * {@code spring.datasource.password} is configured, a generated password kept in {@code <name>.password}
 * beside the database (0600). A database created by an earlier version with the empty password is given
 * the generated one on first start. Any other database (PostgreSQL, an in-memory H2) is left alone.
 *
 * <p>Registered in {@code META-INF/spring.factories}, so the server and the offline commands both get it.
 */
public class PrivateEmbeddedDatabase implements EnvironmentPostProcessor, Ordered {

    static final String BIND_ADDRESS = "h2.bindAddress";
    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final String INVALID_PASSWORD = "28000";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** After application.yml and every other source of settings have been read. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String url = environment.getProperty("spring.datasource.url");
        Optional<Path> database = databaseFile(url);
        if (database.isEmpty()) {
            return;
        }
        // H2 reads its system properties once, when its first connection opens, which is after this. Its
        // AUTO_SERVER listener is otherwise on every interface (it passes -tcpAllowOthers).
        if (System.getProperty(BIND_ADDRESS) == null) {
            System.setProperty(BIND_ADDRESS, "127.0.0.1");
        }
        Path folder = database.get().getParent();
        String name = database.get().getFileName().toString();
        ownerOnlyFolder(folder);
        ownerOnlyFiles(folder, name);
        if (application != null) {
            // H2 creates its lock file (which holds the AUTO_SERVER key) and, for a new database, the data file
            // when the first connection opens; give them the same permissions once it has.
            application.addListeners(
                    (ApplicationListener<ApplicationReadyEvent>) ready -> ownerOnlyFiles(folder, name));
        }
        if (StringUtils.hasLength(environment.getProperty("spring.datasource.password"))) {
            return;
        }
        String username = environment.getProperty("spring.datasource.username", "sa");
        String password = password(url, username, folder, name);
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "council-chat-embedded-database", Map.of("spring.datasource.password", password)));
    }

    /**
     * The path H2 opens for this URL, without the {@code .mv.db} ending; empty for anything but an H2 database
     * in a file of this machine.
     */
    static Optional<Path> databaseFile(String url) {
        if (url == null || !url.startsWith("jdbc:h2:")) {
            return Optional.empty();
        }
        String rest = url.substring("jdbc:h2:".length());
        int settings = rest.indexOf(';');
        String location = settings < 0 ? rest : rest.substring(0, settings);
        if (location.startsWith("file:")) {
            location = location.substring("file:".length());
        } else if (location.matches("[a-z]{2,}:.*")) {
            return Optional.empty(); // mem:, tcp:, ssl:, zip:, nio...: not a file we own
        }
        if (location.startsWith("~")) {
            location = System.getProperty("user.home") + location.substring(1);
        }
        return Optional.of(Path.of(location).toAbsolutePath().normalize());
    }

    /** The password in the password file; generated (and given to an existing database) when there is none. */
    private static String password(String url, String username, Path folder, String name) {
        Path file = folder.resolve(name + ".password");
        if (Files.exists(file)) {
            return read(file);
        }
        // Written beside the final file first and moved into place only once the database accepts it: a crash
        // in between leaves the new password in the pending file, and the next start finishes the job.
        Path pending = folder.resolve(name + ".password.new");
        String password = Files.exists(pending) ? read(pending) : writeOwnerOnly(pending, newPassword());
        if (Files.exists(folder.resolve(name + ".mv.db"))) {
            giveDatabasePassword(url, username, password, file);
        }
        try {
            Files.move(pending, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            move(pending, file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not keep the embedded database's password in " + file, e);
        }
        return password;
    }

    /**
     * An embedded database made before passwords were generated has the empty one: change it, connecting as
     * that version did. When it accepts the new password already, an earlier start got this far.
     */
    private static void giveDatabasePassword(String url, String username, String password, Path file) {
        try (Connection ignored = DriverManager.getConnection(url, username, password)) {
            return;
        } catch (SQLException e) {
            if (!INVALID_PASSWORD.equals(e.getSQLState())) {
                throw new IllegalStateException("Could not open the embedded database " + url, e);
            }
        }
        try (Connection old = DriverManager.getConnection(url, username, "");
                Statement statement = old.createStatement()) {
            statement.execute("ALTER USER " + quoted(username) + " SET PASSWORD '" + password.replace("'", "''") + "'");
        } catch (SQLException e) {
            if (INVALID_PASSWORD.equals(e.getSQLState())) {
                throw new IllegalStateException(
                        "The embedded database " + url + " has a password, but its password file "
                                + file + " is missing: put the file back, or set spring.datasource.password"
                                + " (SPRING_DATASOURCE_PASSWORD) to that password");
            }
            throw new IllegalStateException("Could not give the embedded database " + url + " a password", e);
        }
    }

    /** H2 keeps user names in upper case unless they were quoted when created. */
    private static String quoted(String username) {
        return '"' + username.toUpperCase(Locale.ROOT).replace("\"", "\"\"") + '"';
    }

    private static String newPassword() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    private static void ownerOnlyFolder(Path folder) {
        try {
            if (!isPosix(folder.getRoot())) {
                Files.createDirectories(folder);
                return;
            }
            if (Files.notExists(folder)) {
                Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
                // createDirectories applies the umask to what it is given.
                Files.setPosixFilePermissions(folder, OWNER_ONLY_FOLDER);
                return;
            }
            Set<PosixFilePermission> now = Files.getPosixFilePermissions(folder);
            // A folder others may write to (like /tmp) is not ours to close; the files in it still are.
            if (!now.contains(PosixFilePermission.OTHERS_WRITE) && !now.equals(OWNER_ONLY_FOLDER)) {
                Files.setPosixFilePermissions(folder, OWNER_ONLY_FOLDER);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not make the embedded database's folder " + folder, e);
        }
    }

    /** The database's own files (data, lock, trace, password) readable and writable by the owner alone. */
    private static void ownerOnlyFiles(Path folder, String name) {
        if (!isPosix(folder) || !Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(name + "."))
                    .filter(Files::isRegularFile)
                    .toList()) {
                Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not make the embedded database's files in " + folder + " private", e);
        }
    }

    private static String writeOwnerOnly(Path file, String password) {
        try {
            if (isPosix(file.getParent())) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, password + "\n", StandardCharsets.US_ASCII);
            return password;
        } catch (FileAlreadyExistsException raced) {
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the embedded database's password to " + file, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the embedded database's password from " + file, e);
        }
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not keep the embedded database's password in " + to, e);
        }
    }

    private static boolean isPosix(Path path) {
        return path != null && Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
    }
}
