package org.councilchat.staff;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The staff accounts every server shares ({@code staff_account}). Each change is one statement, so two servers (or
 * two administrators) never leave an account half-changed; the last change wins.
 */
@Repository
class StaffAccounts {

    private static final String COLUMNS = "username, display_name, password_hash, roles, languages, skills, councils,"
            + " signs_in_with, provider_subject, disabled_at, changed_at, changed_by";

    private final JdbcClient jdbc;

    StaffAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every account, in the order they were added. */
    List<StaffAccount> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM staff_account ORDER BY listed, username")
                .query(StaffAccounts::account)
                .list();
    }

    Optional<StaffAccount> find(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM staff_account WHERE username = ?")
                .param(username)
                .query(StaffAccounts::account)
                .optional();
    }

    Optional<StaffAccount> findByProviderSubject(String subject) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM staff_account WHERE provider_subject = ?")
                .param(subject)
                .query(StaffAccounts::account)
                .optional();
    }

    /**
     * Adds the account; false when the username (or the provider subject) is already taken, by another server a
     * moment ago included.
     */
    boolean add(StaffAccount account, Instant at, String by) {
        try {
            jdbc.sql("INSERT INTO staff_account (" + COLUMNS + ", created_at, created_by)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            account.username(),
                            account.displayName(),
                            account.passwordHash(),
                            codes(account.roles()),
                            codes(account.languages()),
                            codes(account.skills()),
                            codes(account.councils()),
                            account.signsInWith().name(),
                            account.providerSubject(),
                            account.disabledAt() == null ? null : utc(account.disabledAt()),
                            utc(at),
                            by,
                            utc(at),
                            by)
                    .update();
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    /** What an administrator may change of any account: its name, roles and councils, languages and skills. */
    boolean change(
            String username,
            String displayName,
            Set<String> roles,
            Set<String> languages,
            Set<String> skills,
            Set<String> councils,
            Instant at,
            String by) {
        return jdbc.sql("""
                        UPDATE staff_account SET display_name = ?, roles = ?, languages = ?, skills = ?, councils = ?,
                          changed_at = ?, changed_by = ?, revision = revision + 1
                        WHERE username = ?""")
                        .params(
                                displayName,
                                codes(roles),
                                codes(languages),
                                codes(skills),
                                codes(councils),
                                utc(at),
                                by,
                                username)
                        .update()
                == 1;
    }

    boolean changePassword(String username, String passwordHash, Instant at, String by) {
        return jdbc.sql("""
                        UPDATE staff_account SET password_hash = ?, changed_at = ?, changed_by = ?, revision = revision + 1
                        WHERE username = ? AND signs_in_with = 'PASSWORD'""").params(passwordHash, utc(at), by, username).update() == 1;
    }

    /** Disables the account ({@code disabled} true) or enables it again. */
    boolean disable(String username, boolean disabled, Instant at, String by) {
        return jdbc.sql(
                                "UPDATE staff_account SET disabled_at = ?, changed_at = ?, changed_by = ?, revision = revision + 1 WHERE username = ?")
                        .params(disabled ? utc(at) : null, utc(at), by, username)
                        .update()
                == 1;
    }

    /**
     * What the identity provider said at a sign-in: the name, and the roles, councils, languages and services of
     * the person's groups. (An administrator's changes to an agent's languages and services are kept apart, by
     * {@code AgentSeats}, and still win.)
     */
    boolean signedInWithProvider(String subject, String displayName, ProviderSignIn.Grant granted, Instant at) {
        return jdbc.sql("""
                        UPDATE staff_account SET display_name = ?, roles = ?, councils = ?, languages = ?, skills = ?,
                          changed_at = ?, changed_by = 'identity provider', revision = revision + 1
                        WHERE provider_subject = ?""")
                        .params(
                                displayName,
                                codes(granted.roles()),
                                codes(granted.councils()),
                                codes(granted.languages()),
                                codes(granted.skills()),
                                utc(at),
                                subject)
                        .update()
                == 1;
    }

    /**
     * How many accounts there are and how often they have changed: a copy of them is stale when this differs. (Not
     * the newest change time: servers' clocks differ by a little, and a change stamped a moment behind would be missed.)
     */
    Version version() {
        return jdbc.sql("SELECT COUNT(*) AS accounts, COALESCE(SUM(revision), 0) AS revisions FROM staff_account")
                .query((row, n) -> new Version(row.getLong("accounts"), row.getLong("revisions")))
                .single();
    }

    record Version(long accounts, long revisions) {}

    private static StaffAccount account(ResultSet row, int n) throws SQLException {
        OffsetDateTime disabled = row.getObject("disabled_at", OffsetDateTime.class);
        return new StaffAccount(
                row.getString("username"),
                row.getString("display_name"),
                row.getString("password_hash"),
                set(row.getString("roles")),
                set(row.getString("languages")),
                set(row.getString("skills")),
                set(row.getString("councils")),
                StaffAccount.SignIn.valueOf(row.getString("signs_in_with")),
                row.getString("provider_subject"),
                disabled == null ? null : disabled.toInstant(),
                row.getObject("changed_at", OffsetDateTime.class).toInstant(),
                row.getString("changed_by"));
    }

    private static String codes(Set<String> codes) {
        return String.join(",", new TreeSet<>(codes));
    }

    private static Set<String> set(String codes) {
        return codes == null || codes.isBlank()
                ? Set.of()
                : Arrays.stream(codes.split(",")).map(String::strip).collect(Collectors.toUnmodifiableSet());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
