package org.councilchat.knowledge.bins;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import org.councilchat.councils.Council;
import org.councilchat.knowledge.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Missed-bin references are recorded inside the dialogue's transaction. These tests force the rare clashes
 * and run on PostgreSQL in CI, where a failed insert would otherwise poison the whole transaction.
 */
class MissedBinRepositoryTests {

    private static final BinRound BLACK_BIN =
            new BinRound("MON-A", "refuse", "Black bin", "black", DayOfWeek.MONDAY, 2, LocalDate.of(2026, 1, 5));
    private static final LocalDate DUE = LocalDate.of(2026, 11, 16);
    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 17, 9, 0, 0, 0, ZoneOffset.UTC);

    private TestDatabase database;

    @BeforeEach
    void migrate() {
        database = TestDatabase.migrated();
    }

    @AfterEach
    void drop() {
        database.shutdown();
    }

    @Test
    void aReferenceAlreadyTakenIsReplacedByAFreshOneInTheSameTransaction() {
        repository("MB-AAAAAA").record(Council.DEFAULT_ID, "101", "2 Mill Lane", BLACK_BIN, DUE, "conversation-1", NOW);
        MissedBinRepository clashing = repository("MB-AAAAAA", "MB-BBBBBB");

        String reference = database.transactions().execute(tx -> {
            String recorded =
                    clashing.record(Council.DEFAULT_ID, "102", "4 Mill Lane", BLACK_BIN, DUE, "conversation-2", NOW);
            // The transaction must still be usable after the clash, as the dialogue goes on to save its state.
            assertThat(clashing.referenceFor("101", "MON-A", DUE)).contains("MB-AAAAAA");
            return recorded;
        });

        assertThat(reference).isEqualTo("MB-BBBBBB");
        assertThat(clashing.referenceFor("102", "MON-A", DUE)).contains("MB-BBBBBB");
    }

    @Test
    void theSameCollectionReportedTwiceKeepsItsFirstReference() {
        repository("MB-CCCCCC").record(Council.DEFAULT_ID, "101", "2 Mill Lane", BLACK_BIN, DUE, "conversation-1", NOW);

        String second = database.transactions()
                .execute(tx -> repository("MB-DDDDDD")
                        .record(Council.DEFAULT_ID, "101", "2 Mill Lane", BLACK_BIN, DUE, "conversation-2", NOW));

        assertThat(second).isEqualTo("MB-CCCCCC");
        assertThat(database.jdbc()
                        .sql("SELECT COUNT(*) FROM missed_bin_report")
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
    }

    @Test
    void generatedReferencesAvoidCharactersMisheardOnThePhone() {
        MissedBinRepository repository = new MissedBinRepository(database.jdbc(), database.transactionManager());

        String reference = repository.record(Council.DEFAULT_ID, "101", "2 Mill Lane", BLACK_BIN, DUE, null, NOW);

        assertThat(reference).matches("MB-[A-HJ-NP-Z2-9]{6}");
    }

    private MissedBinRepository repository(String... references) {
        Iterator<String> next = List.of(references).iterator();
        return new MissedBinRepository(database.jdbc(), database.transactionManager(), next::next);
    }
}
