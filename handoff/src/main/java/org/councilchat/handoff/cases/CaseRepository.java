package org.councilchat.handoff.cases;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.councilchat.handoff.ResidentCase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Cases in the database: written once when a resident leaves a message, listed for the contact centre. */
@Repository
public class CaseRepository {

    private final JdbcClient jdbc;

    public CaseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws org.springframework.dao.DuplicateKeyException when the reference is taken */
    public void insert(ResidentCase newCase) {
        jdbc.sql("""
                        INSERT INTO resident_case (reference, conversation_id, name, contact, message, language, urgent,
                          status, transcript, opened_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        newCase.reference(),
                        newCase.conversationId(),
                        newCase.name(),
                        newCase.contact(),
                        newCase.message(),
                        newCase.language(),
                        newCase.urgent(),
                        newCase.status().name(),
                        newCase.transcript(),
                        newCase.openedAt().atOffset(ZoneOffset.UTC))
                .update();
    }

    /** Open cases, urgent first, then oldest first. */
    public List<ResidentCase> open() {
        return jdbc.sql("SELECT * FROM resident_case WHERE status = 'OPEN' ORDER BY urgent DESC, opened_at, reference")
                .query((row, n) -> new ResidentCase(
                        row.getString("reference"),
                        row.getString("conversation_id"),
                        row.getString("name"),
                        row.getString("contact"),
                        row.getString("message"),
                        row.getString("language"),
                        row.getBoolean("urgent"),
                        ResidentCase.Status.valueOf(row.getString("status")),
                        row.getString("transcript"),
                        instant(row.getObject("opened_at", OffsetDateTime.class))))
                .list();
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
