package org.councilchat.staff;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The wrong-password counts of {@link SignInAttempts}, in the database every server shares ({@code
 * staff_sign_in_failure}). Each count is one conditional statement, so failures on several servers at once each
 * count. Keys are stored as SHA-256 digests: what was typed as a username is not kept.
 */
@Repository
class SignInFailures {

    /** The three counts. */
    enum Kind {
        NAME,
        ADDRESS,
        NAME_AND_ADDRESS
    }

    /** Wrong passwords counted since {@code since}, the latest at {@code last}. */
    record Failures(int count, Instant since, Instant last) {}

    private final JdbcClient jdbc;

    SignInFailures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The record, unless its last failure is at or before {@code expiredBy}. */
    Optional<Failures> live(Kind kind, String key, Instant expiredBy) {
        return jdbc.sql("""
                        SELECT failures, first_at, last_at FROM staff_sign_in_failure
                        WHERE kind = ? AND record_key = ? AND last_at > ?""")
                .params(kind.name(), digest(key), utc(expiredBy))
                .query((row, n) -> new Failures(
                        row.getInt("failures"),
                        row.getObject("first_at", OffsetDateTime.class).toInstant(),
                        row.getObject("last_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    /**
     * Adds one failure at {@code now}, starting afresh when the last was at or before {@code expiredBy}; returns the
     * count after it (as this server saw it: another server's failure a moment later may already be in it).
     */
    int count(Kind kind, String key, Instant now, Instant expiredBy) {
        String digest = digest(key);
        // UPDATE, then INSERT when there was no row; an INSERT that loses to another server's becomes an UPDATE. One
        // statement each, outside a transaction, so a failed INSERT spoils nothing on PostgreSQL. Two tries suffice:
        // once a row exists it is only ever updated (or purged, which needs the period to pass).
        for (int attempt = 0; ; attempt++) {
            int updated = jdbc.sql("""
                            UPDATE staff_sign_in_failure SET
                              failures = CASE WHEN last_at > ? THEN failures + 1 ELSE 1 END,
                              first_at = CASE WHEN last_at > ? THEN first_at ELSE ? END,
                              last_at = ?
                            WHERE kind = ? AND record_key = ?""")
                    .params(utc(expiredBy), utc(expiredBy), utc(now), utc(now), kind.name(), digest)
                    .update();
            if (updated == 0) {
                try {
                    jdbc.sql("INSERT INTO staff_sign_in_failure (kind, record_key, failures, first_at, last_at)"
                                    + " VALUES (?, ?, 1, ?, ?)")
                            .params(kind.name(), digest, utc(now), utc(now))
                            .update();
                    return 1;
                } catch (DuplicateKeyException anotherServerFirst) {
                    if (attempt > 0) {
                        throw anotherServerFirst;
                    }
                    continue;
                }
            }
            return jdbc.sql("SELECT failures FROM staff_sign_in_failure WHERE kind = ? AND record_key = ?")
                    .params(kind.name(), digest)
                    .query(Integer.class)
                    .optional()
                    .orElse(1);
        }
    }

    void forget(Kind kind, String key) {
        jdbc.sql("DELETE FROM staff_sign_in_failure WHERE kind = ? AND record_key = ?")
                .params(kind.name(), digest(key))
                .update();
    }

    /** Deletes every record whose last failure is at or before {@code expiredBy}; returns how many. */
    int forgetExpired(Instant expiredBy) {
        return jdbc.sql("DELETE FROM staff_sign_in_failure WHERE last_at <= ?")
                .param(utc(expiredBy))
                .update();
    }

    private static String digest(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException everyJavaHasIt) {
            throw new IllegalStateException(everyJavaHasIt);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
