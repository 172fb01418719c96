package org.councilchat.handoff.canned;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.councilchat.handoff.CannedResponse;
import org.councilchat.handoff.CannedResponses;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Canned responses and the record of changes to them. */
@Repository
public class CannedResponseRepository {

    private final JdbcClient jdbc;

    public CannedResponseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<CannedResponse> all() {
        return jdbc.sql("SELECT * FROM canned_response ORDER BY LOWER(title), id")
                .query(CannedResponseRepository::toResponse)
                .list();
    }

    public Optional<CannedResponse> find(long id) {
        return jdbc.sql("SELECT * FROM canned_response WHERE id = ?")
                .param(id)
                .query(CannedResponseRepository::toResponse)
                .optional();
    }

    public long insert(String title, String text, String councilId, String by, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO canned_response (title, body, council_id, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)")
                .params(title, text, councilId, by, utc(now))
                .update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    public boolean update(long id, String title, String text, String by, Instant now) {
        return jdbc.sql("UPDATE canned_response SET title = ?, body = ?, updated_by = ?, updated_at = ? WHERE id = ?")
                        .params(title, text, by, utc(now), id)
                        .update()
                == 1;
    }

    public boolean delete(long id) {
        return jdbc.sql("DELETE FROM canned_response WHERE id = ?").param(id).update() == 1;
    }

    public void recordChange(long id, String action, String title, String councilId, String by, Instant now) {
        jdbc.sql("""
                        INSERT INTO canned_response_change (response_id, action, title, council_id, changed_by,
                          changed_at)
                        VALUES (?, ?, ?, ?, ?, ?)""").params(id, action, title, councilId, by, utc(now)).update();
    }

    /** The latest changes to the contact centre's responses and to these councils'. */
    public List<CannedResponses.Change> changes(int limit, Collection<String> councilIds) {
        // IN () is not SQL: a council no one serves stands in, leaving only the contact centre's own.
        List<String> councils = councilIds.isEmpty() ? List.of("") : List.copyOf(councilIds);
        return jdbc.sql("""
                        SELECT * FROM canned_response_change WHERE council_id IS NULL OR council_id IN (:councils)
                        ORDER BY id DESC FETCH FIRST :limit ROWS ONLY""")
                .param("councils", councils)
                .param("limit", limit)
                .query((row, n) -> new CannedResponses.Change(
                        row.getLong("response_id"),
                        row.getString("action"),
                        row.getString("title"),
                        row.getString("changed_by"),
                        row.getObject("changed_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    private static CannedResponse toResponse(ResultSet row, int n) throws SQLException {
        return new CannedResponse(
                row.getLong("id"),
                row.getString("title"),
                row.getString("body"),
                row.getString("updated_by"),
                row.getObject("updated_at", OffsetDateTime.class).toInstant(),
                row.getString("council_id"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
