package org.councilchat.handoff.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
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

    /** Deletes cases closed before {@code cutoff}; open ones are work still to do and stay. */
    public int deleteClosedBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM resident_case WHERE closed_at IS NOT NULL AND closed_at < ?")
                .param(cutoff.atOffset(ZoneOffset.UTC))
                .update();
    }

    /** As {@link #deleteClosedBefore(Instant)}, for this council's cases only. */
    public int deleteClosedBefore(String councilId, Instant cutoff) {
        return jdbc.sql("DELETE FROM resident_case WHERE council_id = ? AND closed_at IS NOT NULL AND closed_at < ?")
                .params(councilId, cutoff.atOffset(ZoneOffset.UTC))
                .update();
    }

    /** As {@link #deleteClosedBefore(Instant)}, for the cases of every council but these. */
    public int deleteClosedBeforeExcept(Collection<String> councilIds, Instant cutoff) {
        if (councilIds.isEmpty()) {
            return deleteClosedBefore(cutoff);
        }
        return jdbc.sql("DELETE FROM resident_case WHERE council_id NOT IN (:councils) AND closed_at IS NOT NULL"
                        + " AND closed_at < :cutoff")
                .param("councils", List.copyOf(councilIds))
                .param("cutoff", cutoff.atOffset(ZoneOffset.UTC))
                .update();
    }

    /** @throws org.springframework.dao.DuplicateKeyException when the reference is taken */
    public void insert(ResidentCase newCase) {
        jdbc.sql("""
                        INSERT INTO resident_case (reference, conversation_id, council_id, name, contact, message,
                          language, urgent, status, transcript, opened_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        newCase.reference(),
                        newCase.conversationId(),
                        newCase.councilId(),
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

    /** The councils' open cases, urgent first, then oldest first. */
    public List<ResidentCase> open(Collection<String> councilIds) {
        if (councilIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM resident_case WHERE status = 'OPEN' AND council_id IN (:councils)"
                        + " ORDER BY urgent DESC, opened_at, reference")
                .param("councils", List.copyOf(councilIds))
                .query(CaseRepository::toCase)
                .list();
    }

    /**
     * The newest case left in this conversation that is still open and was opened at or after {@code since}: the
     * message a photo sent now belongs with.
     */
    public Optional<ResidentCase> openLeftIn(String conversationId, Instant since) {
        return jdbc
                .sql("SELECT * FROM resident_case WHERE conversation_id = ? AND status = 'OPEN' AND opened_at >= ?"
                        + " ORDER BY opened_at DESC, reference")
                .params(conversationId, since.atOffset(ZoneOffset.UTC))
                .query(CaseRepository::toCase)
                // list(), not stream(): an unclosed stream keeps its connection from the pool for good.
                .list()
                .stream()
                .findFirst();
    }

    public Optional<ResidentCase> find(String reference) {
        return jdbc.sql("SELECT * FROM resident_case WHERE reference = ?")
                .param(reference)
                .query(CaseRepository::toCase)
                .optional();
    }

    /** Sets the case's contact details where it has none; false when it already had some, or is not there. */
    public boolean addContact(String reference, String contact) {
        return jdbc.sql("UPDATE resident_case SET contact = ? WHERE reference = ? AND contact IS NULL")
                        .params(contact, reference)
                        .update()
                == 1;
    }

    /** Closes an open case; false when it was already closed (by a colleague a moment ago, say). */
    public boolean close(String reference, String closedBy, String outcome, Instant now) {
        return jdbc.sql("""
                                UPDATE resident_case SET status = 'CLOSED', closed_by = ?, closed_at = ?, outcome = ?
                                WHERE reference = ? AND status = 'OPEN'""")
                        .params(closedBy, now.atOffset(ZoneOffset.UTC), outcome, reference)
                        .update()
                == 1;
    }

    private static ResidentCase toCase(ResultSet row, int n) throws SQLException {
        return new ResidentCase(
                row.getString("reference"),
                row.getString("conversation_id"),
                row.getString("council_id"),
                row.getString("name"),
                row.getString("contact"),
                row.getString("message"),
                row.getString("language"),
                row.getBoolean("urgent"),
                ResidentCase.Status.valueOf(row.getString("status")),
                row.getString("transcript"),
                instant(row.getObject("opened_at", OffsetDateTime.class)));
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
