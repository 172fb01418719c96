package org.councilchat.knowledge.bins;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.Supplier;
import org.councilchat.knowledge.References;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Missed-bin reports, one per property, round and due date. */
@Repository
public class MissedBinRepository {

    private final JdbcClient jdbc;
    private final TransactionTemplate savepoint;
    private final Supplier<String> references;

    @Autowired
    public MissedBinRepository(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this(jdbc, transactions, () -> References.next("MB-"));
    }

    /** With a chosen reference generator, so a test can force the clash that real randomness makes rare. */
    MissedBinRepository(JdbcClient jdbc, PlatformTransactionManager transactions, Supplier<String> references) {
        this.jdbc = jdbc;
        // Each attempt runs in a savepoint: after a unique-key clash PostgreSQL refuses every further statement
        // in the transaction, so only rolling back to the savepoint lets the retry and the lookup run.
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.references = references;
    }

    public Optional<String> referenceFor(String uprn, String roundId, LocalDate dueDate) {
        return jdbc.sql("SELECT reference FROM missed_bin_report WHERE uprn = ? AND round_id = ? AND due_date = ?")
                .params(uprn, roundId, dueDate)
                .query(String.class)
                .optional();
    }

    /**
     * Records a report for the council that collects there (its crews go back) and returns its new reference,
     * retrying in the unlikely case of a clash.
     */
    public String record(
            String councilId,
            String uprn,
            String address,
            BinRound round,
            LocalDate dueDate,
            String conversationId,
            OffsetDateTime now) {
        for (int attempt = 0; ; attempt++) {
            String reference = references.get();
            try {
                savepoint.executeWithoutResult(status -> jdbc.sql("""
                                INSERT INTO missed_bin_report (reference, uprn, address, round_id, bin_name, due_date,
                                  conversation_id, reported_at, council_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(
                                reference,
                                uprn,
                                address,
                                round.id(),
                                round.name(),
                                dueDate,
                                conversationId,
                                now,
                                councilId)
                        .update());
                return reference;
            } catch (DuplicateKeyException clash) {
                // Either another conversation reported this collection a moment ago, or the reference was taken.
                Optional<String> existing = referenceFor(uprn, round.id(), dueDate);
                if (existing.isPresent() || attempt >= 5) {
                    return existing.orElseThrow(() -> clash);
                }
            }
        }
    }
}
