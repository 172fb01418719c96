package org.councilchat.knowledge.bins;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Missed-bin reports, one per property, round and due date. */
@Repository
public class MissedBinRepository {

    /** No 0/O, 1/I: references are read out over the phone. */
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    public MissedBinRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> referenceFor(String uprn, String roundId, LocalDate dueDate) {
        return jdbc.sql("SELECT reference FROM missed_bin_report WHERE uprn = ? AND round_id = ? AND due_date = ?")
                .params(uprn, roundId, dueDate)
                .query(String.class)
                .optional();
    }

    /** Records a report and returns its new reference, retrying in the unlikely case of a clash. */
    public String record(
            String uprn, String address, BinRound round, LocalDate dueDate, String conversationId, OffsetDateTime now) {
        for (int attempt = 0; ; attempt++) {
            String reference = newReference();
            try {
                jdbc.sql("""
                                INSERT INTO missed_bin_report (reference, uprn, address, round_id, bin_name, due_date,
                                  conversation_id, reported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(reference, uprn, address, round.id(), round.name(), dueDate, conversationId, now)
                        .update();
                return reference;
            } catch (DuplicateKeyException clash) {
                Optional<String> existing = referenceFor(uprn, round.id(), dueDate);
                if (existing.isPresent() || attempt >= 5) {
                    return existing.orElseThrow(() -> clash);
                }
            }
        }
    }

    private static String newReference() {
        StringBuilder reference = new StringBuilder("MB-");
        for (int i = 0; i < 6; i++) {
            reference.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return reference.toString();
    }
}
