package org.councilchat.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.councilchat.councils.Council;
import org.councilchat.councils.Councils;
import org.councilchat.councils.CouncilsProperties;
import org.councilchat.knowledge.faq.FaqRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A district and its county in one deployment: each council's residents are answered from its own FAQs, in an
 * index of its own, and an FAQ never becomes another council's. Real database (H2, or PostgreSQL with
 * {@code -Dcouncil-chat.test.database=postgres}) and real Lucene indexes.
 */
class CouncilsKnowledgeTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC);
    private static final Councils DISTRICT_AND_COUNTY = new Councils(new CouncilsProperties(List.of(
            new Council("millbrook", "Millbrook District Council", null, null, null, null),
            new Council("westshire", "Westshire County Council", null, null, null, null))));

    @TempDir
    Path index;

    private TestDatabase database;
    private KnowledgeBase knowledge;

    @BeforeEach
    void twoCouncils() {
        database = TestDatabase.migrated();
        knowledge = new KnowledgeBase(
                new FaqRepository(database.jdbc()),
                new KnowledgeProperties(index, 0.6, null),
                CLOCK,
                event -> {},
                DISTRICT_AND_COUNTY);
        knowledge.save(
                faq("report-a-pothole", "highways", "How do I report a pothole?", "<p>Report it to the county.</p>")
                        .forCouncil("westshire"),
                "county-editor");
        knowledge.save(
                faq("garden-waste", "waste", "How do I get a garden waste bin?", "<p>Subscribe online.</p>")
                        .forCouncil("millbrook"),
                "district-editor");
    }

    @AfterEach
    void close() throws IOException {
        knowledge.destroy();
        database.shutdown();
    }

    @Test
    void aResidentIsAnsweredFromTheirOwnCouncilsFaqsOnly() {
        assertThat(knowledge.search("westshire", "report a pothole", "en").confidentAnswer())
                .map(match -> match.faq().id())
                .contains("report-a-pothole");
        assertThat(knowledge.search("millbrook", "report a pothole", "en").hits())
                .extracting(match -> match.faq().councilId())
                .doesNotContain("westshire");
        assertThat(knowledge.search("westshire", "garden waste bin", "en").hits())
                .extracting(match -> match.faq().id())
                .doesNotContain("garden-waste");
        assertThat(knowledge.search("eastshire", "report a pothole", "en").hits())
                .as("a council nobody configured")
                .isEmpty();
    }

    @Test
    void anFaqStaysItsCouncilsAndItsHistorySaysWhose() {
        Faq saved = knowledge.find("report-a-pothole").orElseThrow();
        assertThat(saved.councilId()).isEqualTo("westshire");
        assertThat(knowledge.history("report-a-pothole"))
                .allMatch(version -> version.councilId().equals("westshire"));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> knowledge.save(
                        faq("report-a-pothole", "highways", "Potholes", "<p>Ours now.</p>")
                                .forCouncil("millbrook"),
                        "district-editor"))
                .withMessageContaining("taken by another council's FAQ");
        assertThat(knowledge.find("report-a-pothole").orElseThrow().answerHtml())
                .contains("county");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> knowledge.save(
                        faq("library-hours", "libraries", "Library hours", "<p>9 to 5.</p>")
                                .forCouncil("eastshire"),
                        "someone"))
                .withMessageContaining("no council 'eastshire'");
    }

    @Test
    void aDraftThatNamesNoCouncilIsTheFirstCouncils() {
        knowledge.save(faq("library-hours", "libraries", "Library opening hours", "<p>9 to 5.</p>"), "importer");
        assertThat(knowledge.find("library-hours").orElseThrow().councilId()).isEqualTo("millbrook");
    }

    private static FaqDraft faq(String id, String area, String question, String answer) {
        return new FaqDraft(id, area, question, List.of(), answer, null, Faq.FaqStatus.PUBLISHED, "en");
    }
}
