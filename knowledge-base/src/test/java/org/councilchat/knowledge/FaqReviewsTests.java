package org.councilchat.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.councilchat.councils.Council;
import org.councilchat.councils.Councils;
import org.councilchat.councils.CouncilsProperties;
import org.councilchat.knowledge.faq.FaqRepository;
import org.councilchat.knowledge.faq.FaqReviewRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two pairs of eyes for a county that wants them: a change waits, the live answer stays live, and only another
 * editor publishes it; a district beside it publishes as before. Real database (H2, or PostgreSQL with
 * {@code -Dcouncil-chat.test.database=postgres}) and real Lucene indexes.
 */
class FaqReviewsTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path index;

    private TestDatabase database;
    private KnowledgeBase knowledge;
    private FaqReviews reviews;
    private FaqTransfer transfer;
    private final List<Object> events = new ArrayList<>();

    @BeforeEach
    void aDistrictAndACountyThatReviews() {
        database = TestDatabase.migrated();
        Councils councils = new Councils(new CouncilsProperties(
                List.of(new Council("millbrook", "Millbrook District Council", null, null, null, null), reviewing())));
        FaqRepository faqs = new FaqRepository(database.jdbc());
        knowledge = new KnowledgeBase(faqs, new KnowledgeProperties(index, 0.6, null), CLOCK, events::add, councils);
        reviews =
                new FaqReviews(knowledge, faqs, new FaqReviewRepository(database.jdbc()), councils, CLOCK, events::add);
        transfer = new FaqTransfer(knowledge, faqs, database.transactionManager(), reviews);
        knowledge.save(pothole("<p>Report it online.</p>"), "first-editor");
    }

    @AfterEach
    void close() throws IOException {
        knowledge.destroy();
        database.shutdown();
    }

    @Test
    void aChangeWaitsWhileResidentsKeepTheLiveAnswerAndOnlyAnotherEditorPublishesIt() {
        assertThat(reviews.required("westshire")).isTrue();
        assertThat(reviews.required("millbrook")).isFalse();

        reviews.send(pothole("<p>Report it online or call 01632 960 500.</p><script>x()</script>"), "sam");

        assertThat(knowledge.find("report-a-pothole").orElseThrow().answerHtml())
                .isEqualTo("<p>Report it online.</p>");
        assertThat(knowledge.search("westshire", "report a pothole", "en").confidentAnswer())
                .map(match -> match.faq().answerHtml())
                .contains("<p>Report it online.</p>");
        FaqReview waiting = reviews.waiting("report-a-pothole").orElseThrow();
        assertThat(waiting.change().answerHtml())
                .as("cleaned as a save cleans it")
                .isEqualTo("<p>Report it online or call 01632 960 500.</p>");
        assertThat(waiting.sentBy()).isEqualTo("sam");
        assertThat(reviews.waitingIn(List.of("westshire"))).containsExactly("report-a-pothole");
        assertThat(reviews.waitingIn(List.of("millbrook"))).isEmpty();

        assertThatThrownBy(() -> reviews.approve("report-a-pothole", "sam"))
                .isInstanceOf(FaqReviewRefused.class)
                .hasMessageContaining("another editor must approve it");
        assertThat(knowledge.find("report-a-pothole").orElseThrow().version()).isEqualTo(1);

        Faq published = reviews.approve("report-a-pothole", "priya");

        assertThat(published.answerHtml()).isEqualTo("<p>Report it online or call 01632 960 500.</p>");
        assertThat(published.updatedBy()).isEqualTo("priya");
        assertThat(knowledge.search("westshire", "report a pothole", "en").confidentAnswer())
                .map(match -> match.faq().answerHtml())
                .contains("<p>Report it online or call 01632 960 500.</p>");
        assertThat(reviews.waiting("report-a-pothole")).isEmpty();
        assertThat(reviews.sentForReview("report-a-pothole")).containsExactly(java.util.Map.entry(2, "sam"));
        assertThat(events)
                .filteredOn(FaqReviewed.class::isInstance)
                .extracting(event -> ((FaqReviewed) event).step() + " by " + ((FaqReviewed) event).editor())
                .containsExactly("SENT by sam", "APPROVED by priya");
        assertThatThrownBy(() -> reviews.approve("report-a-pothole", "jo"))
                .as("approved once: a second reviewer finds nothing waiting")
                .isInstanceOf(FaqReviewRefused.class)
                .hasMessageContaining("No change is waiting");
    }

    @Test
    void aNewFaqWaitsAsADraftThatResidentsDoNotGet() {
        reviews.send(
                new FaqDraft(
                                "school-transport",
                                "education",
                                "Can my child get free school transport?",
                                List.of(),
                                "<p>Apply by 31 March.</p>",
                                null,
                                Faq.FaqStatus.PUBLISHED,
                                "en")
                        .forCouncil("westshire"),
                "sam");

        assertThat(knowledge.find("school-transport").orElseThrow().status()).isEqualTo(Faq.FaqStatus.DRAFT);
        assertThat(knowledge.search("westshire", "free school transport", "en").hits())
                .extracting(match -> match.faq().id())
                .doesNotContain("school-transport");

        reviews.approve("school-transport", "priya");

        assertThat(knowledge.find("school-transport").orElseThrow().status()).isEqualTo(Faq.FaqStatus.PUBLISHED);
    }

    @Test
    void aChangeMadeOnAVersionSinceReplacedIsNotApprovedBlindAndCanBeSentBack() {
        reviews.send(pothole("<p>Call us.</p>"), "sam");
        knowledge.save(pothole("<p>Report it online, day or night.</p>"), "alex");

        assertThatThrownBy(() -> reviews.approve("report-a-pothole", "priya"))
                .isInstanceOf(FaqReviewRefused.class)
                .hasMessageContaining("saved again after this change was sent for review");

        reviews.sendBack("report-a-pothole", "priya");

        assertThat(reviews.waiting("report-a-pothole")).isEmpty();
        assertThat(knowledge.find("report-a-pothole").orElseThrow().answerHtml())
                .isEqualTo("<p>Report it online, day or night.</p>");
        assertThat(events)
                .filteredOn(FaqReviewed.class::isInstance)
                .extracting(event -> ((FaqReviewed) event).step() + " sent by " + ((FaqReviewed) event).sentBy())
                .containsExactly("SENT sent by sam", "SENT_BACK sent by sam");
    }

    @Test
    void anEarlierVersionPutBackAndAnImportsPublishedRowsGoForReviewToo() {
        knowledge.save(pothole("<p>Wrong.</p>"), "alex");

        reviews.sendVersion("report-a-pothole", 1, "sam");
        assertThat(reviews.waiting("report-a-pothole").orElseThrow().change().answerHtml())
                .isEqualTo("<p>Report it online.</p>");
        reviews.approve("report-a-pothole", "priya");
        assertThat(knowledge.find("report-a-pothole").orElseThrow().answerHtml())
                .isEqualTo("<p>Report it online.</p>");

        FaqTransfer.Imported imported =
                transfer.importFaqs(new StringReader("""
                        id,service_area,question,answer_html,status
                        gritting-routes,highways,Which roads are gritted?,<p>Main roads first.</p>,PUBLISHED
                        bridge-works,highways,When will the bridge reopen?,<p>In spring.</p>,DRAFT
                        """), "county.csv", FaqFileFormat.CSV, false, "sam", "westshire");

        assertThat(imported).isEqualTo(new FaqTransfer.Imported(2, 0, 1));
        assertThat(knowledge.find("gritting-routes").orElseThrow().status()).isEqualTo(Faq.FaqStatus.DRAFT);
        assertThat(reviews.waiting("gritting-routes")).isPresent();
        assertThat(reviews.waiting("bridge-works")).isEmpty();

        FaqTransfer.Imported district = transfer.importFaqs(
                new StringReader("""
                        id,service_area,question,answer_html,status
                        garden-waste,waste,How do I get a garden waste bin?,<p>Subscribe online.</p>,PUBLISHED
                        """), "district.csv", FaqFileFormat.CSV, false, "sam", "millbrook");
        assertThat(district.sentForReview()).isZero();
        assertThat(knowledge.find("garden-waste").orElseThrow().status()).isEqualTo(Faq.FaqStatus.PUBLISHED);
    }

    private static FaqDraft pothole(String answer) {
        return new FaqDraft(
                        "report-a-pothole",
                        "highways",
                        "How do I report a pothole?",
                        List.of("pothole in my road"),
                        answer,
                        null,
                        Faq.FaqStatus.PUBLISHED,
                        "en")
                .forCouncil("westshire");
    }

    private static Council reviewing() {
        return new Council(
                "westshire",
                "Westshire County Council",
                null,
                List.of("en"),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                true);
    }
}
