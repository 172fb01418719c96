package org.councilchat.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EditorAuditTests {

    private TestDatabase database;

    @BeforeEach
    void start() {
        database = TestDatabase.migrated();
    }

    @AfterEach
    void stop() {
        database.shutdown();
    }

    @Test
    void recordsWhoDidWhatToWhichFaqNewestFirst() {
        EditorAudit audit =
                new EditorAudit(database.jdbc(), Clock.fixed(Instant.parse("2026-11-30T09:00:00Z"), ZoneOffset.UTC));
        audit.record("sam", EditorAction.CREATED, "garden-waste", "How do I join garden waste?");
        audit.record("alex", EditorAction.PUBLISHED, "garden-waste", "How do I join garden waste?");
        audit.record("alex", EditorAction.CRAWL_STARTED, null, "https://www.millbrook.example/");

        assertThat(audit.recent(null, 10))
                .extracting(AuditEntry::editor, AuditEntry::action)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("alex", EditorAction.CRAWL_STARTED),
                        org.assertj.core.groups.Tuple.tuple("alex", EditorAction.PUBLISHED),
                        org.assertj.core.groups.Tuple.tuple("sam", EditorAction.CREATED));
        assertThat(audit.recent("garden-waste", 10)).hasSize(2);
    }

    @Test
    void aSaveIsNamedByWhatItDidToTheStatus() {
        assertThat(EditorAction.ofSave(null, Faq.FaqStatus.DRAFT)).isEqualTo(EditorAction.CREATED);
        assertThat(EditorAction.ofSave(Faq.FaqStatus.DRAFT, Faq.FaqStatus.PUBLISHED))
                .isEqualTo(EditorAction.PUBLISHED);
        assertThat(EditorAction.ofSave(Faq.FaqStatus.PUBLISHED, Faq.FaqStatus.DRAFT))
                .isEqualTo(EditorAction.UNPUBLISHED);
        assertThat(EditorAction.ofSave(Faq.FaqStatus.PUBLISHED, Faq.FaqStatus.ARCHIVED))
                .isEqualTo(EditorAction.ARCHIVED);
        assertThat(EditorAction.ofSave(Faq.FaqStatus.PUBLISHED, Faq.FaqStatus.PUBLISHED))
                .isEqualTo(EditorAction.EDITED);
    }
}
