package org.councilchat.handoff.seats;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Administrators' settings for agents (table {@code agent_seat}); sets are stored comma-separated. */
@Repository
public class SeatRepository {

    private final JdbcClient jdbc;

    public SeatRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What an administrator set for one agent. */
    public record Settings(Set<String> languages, Set<String> skills, int maxChats) {}

    public Map<String, Settings> all() {
        return jdbc
                .sql("SELECT * FROM agent_seat")
                .query((row, n) -> Map.entry(row.getString("username"), toSettings(row)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    public Optional<Settings> find(String username) {
        return jdbc.sql("SELECT * FROM agent_seat WHERE username = ?")
                .param(username)
                .query((row, n) -> toSettings(row))
                .optional();
    }

    public void save(String username, Set<String> languages, Set<String> skills, int maxChats, String by, Instant now) {
        var at = now.atOffset(ZoneOffset.UTC);
        int updated = jdbc.sql("""
                        UPDATE agent_seat SET skills = ?, languages = ?, max_chats = ?, changed_by = ?, changed_at = ?
                        WHERE username = ?""")
                .params(joined(skills), joined(languages), maxChats, by, at, username)
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO agent_seat (username, skills, languages, max_chats, changed_by, changed_at)
                            VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(username, joined(skills), joined(languages), maxChats, by, at)
                    .update();
        }
    }

    private static String joined(Set<String> values) {
        return values == null ? "" : String.join(",", new TreeSet<>(values));
    }

    private static Set<String> split(String joined) {
        return joined == null || joined.isBlank()
                ? Set.of()
                : Arrays.stream(joined.split(",")).map(String::strip).collect(Collectors.toUnmodifiableSet());
    }

    private static Settings toSettings(ResultSet row) throws SQLException {
        return new Settings(split(row.getString("languages")), split(row.getString("skills")), row.getInt("max_chats"));
    }
}
