package org.councilchat.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.councilchat.councils.Council;
import org.councilchat.knowledge.faq.FaqRepository;
import org.councilchat.knowledge.feedback.JdbcAnswerFeedback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Residents' feedback stored redacted, grouped into gaps, counted per FAQ and purged after the retention. */
class ContentGapsTests {

    private static final Instant MONDAY = Instant.parse("2026-11-30T09:00:00Z");

    @TempDir
    Path index;

    private TestDatabase database;
    private MovableClock clock;
    private KnowledgeBase knowledge;

    @BeforeEach
    void start() {
        database = TestDatabase.migrated();
        clock = new MovableClock(MONDAY);
        knowledge = new KnowledgeBase(new FaqRepository(database.jdbc()), properties(true), clock, event -> {});
    }

    @AfterEach
    void stop() throws Exception {
        knowledge.destroy();
        database.shutdown();
    }

    private KnowledgeProperties properties(boolean semantic) {
        return new KnowledgeProperties(
                index,
                0.6,
                KnowledgeProperties.DEFAULT_SYNONYMS,
                semantic,
                null,
                KnowledgeProperties.Crawl.DEFAULTS,
                new KnowledgeProperties.Feedback(Duration.ofDays(90)));
    }

    private ContentGaps gaps(JdbcAnswerFeedback feedback, boolean semantic) {
        return new ContentGaps(feedback, new FaqRepository(database.jdbc()), properties(semantic), clock);
    }

    @Test
    void storesResidentsWordsRedactedAndGroupsWhatTheyAsked() {
        knowledge.save(
                new FaqDraft(
                        "parking-permits",
                        "parking",
                        "How do I get a parking permit?",
                        List.of(),
                        "<p>Apply online.</p>",
                        null,
                        Faq.FaqStatus.PUBLISHED,
                        "en"),
                "editor");
        JdbcAnswerFeedback feedback = new JdbcAnswerFeedback(database.jdbc(), clock);
        feedback.unanswered(Council.DEFAULT_ID, "can I get a parking permit for my visitors", "en");
        clock.advance(Duration.ofHours(1));
        feedback.rated(Council.DEFAULT_ID, "parking-permits", false, "visitor parking permits at MB1 1AA", "en");
        clock.advance(Duration.ofHours(1));
        feedback.unanswered(Council.DEFAULT_ID, "where do I get a visitors parking permit? call 07700 900123", "en");
        feedback.unanswered(Council.DEFAULT_ID, "do you collect old mattresses", "en");
        feedback.rated(Council.DEFAULT_ID, "parking-permits", true, "how do I get a parking permit", "en");
        ContentGaps contentGaps = gaps(feedback, true);

        List<ContentGap> gaps = contentGaps.gaps(Set.of(Council.DEFAULT_ID));

        assertThat(gaps).hasSize(2);
        ContentGap parking = gaps.getFirst();
        assertThat(parking.asked()).isEqualTo(3);
        assertThat(parking.firstAsked().toInstant()).isEqualTo(MONDAY);
        assertThat(parking.lastAsked().toInstant()).isEqualTo(MONDAY.plus(Duration.ofHours(2)));
        assertThat(parking.didNotHelp()).extracting(Faq::id).containsExactly("parking-permits");
        List<String> all = new java.util.ArrayList<>(parking.otherQuestions());
        all.add(parking.typicalQuestion());
        assertThat(all)
                .containsExactlyInAnyOrder(
                        "can I get a parking permit for my visitors",
                        "visitor parking permits at [postcode]",
                        "where do I get a visitors parking permit? call [phone]");
        assertThat(gaps.get(1).typicalQuestion()).isEqualTo("do you collect old mattresses");
        assertThat(contentGaps.rating("parking-permits")).isEqualTo(new FaqRating(1, 1));
        assertThat(contentGaps.rating("no-such-faq")).isEqualTo(FaqRating.NONE);
    }

    @Test
    void aMessageOfNothingVisibleIsNeverAGap() {
        JdbcAnswerFeedback feedback = new JdbcAnswerFeedback(database.jdbc(), clock);
        feedback.unanswered(Council.DEFAULT_ID, "\u00A0", "en");
        feedback.unanswered(Council.DEFAULT_ID, "\u200B\u3000", "en");

        assertThat(database.jdbc()
                        .sql("SELECT COUNT(*) FROM answer_feedback")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void oneUnreadableRowLeavesTheOtherGapsShown() {
        // As older versions stored them: nothing visible, or nothing but what was redacted.
        for (String words : List.of("\u00A0", "\u200B", "[phone]")) {
            database.jdbc()
                    .sql("INSERT INTO answer_feedback (council_id, asked_at, outcome, faq_id, resident_words, language)"
                            + " VALUES ('default', ?, 'UNANSWERED', NULL, ?, 'en')")
                    .params(java.time.OffsetDateTime.ofInstant(MONDAY, ZoneOffset.UTC), words)
                    .update();
        }
        JdbcAnswerFeedback feedback = new JdbcAnswerFeedback(database.jdbc(), clock);
        feedback.unanswered(Council.DEFAULT_ID, "do you collect old mattresses", "en");

        for (boolean semantic : new boolean[] {true, false}) {
            assertThat(gaps(feedback, semantic).gaps(Set.of(Council.DEFAULT_ID)))
                    .extracting(ContentGap::typicalQuestion)
                    .containsExactlyInAnyOrder("do you collect old mattresses", "[phone]");
        }
    }

    @Test
    void withoutSemanticSearchGroupsBySharedWords() {
        JdbcAnswerFeedback feedback = new JdbcAnswerFeedback(database.jdbc(), clock);
        feedback.unanswered(Council.DEFAULT_ID, "when is my bin collected", "en");
        feedback.unanswered(Council.DEFAULT_ID, "when will my bins be collected", "en");
        feedback.unanswered(Council.DEFAULT_ID, "how do I pay council tax", "en");

        assertThat(gaps(feedback, false).gaps(Set.of(Council.DEFAULT_ID)))
                .extracting(ContentGap::asked)
                .containsExactly(2, 1);
    }

    @Test
    void questionsAreGroupedOnlyWithQuestionsInTheSameLanguage() {
        JdbcAnswerFeedback feedback = new JdbcAnswerFeedback(database.jdbc(), clock);
        // The same words in a Welsh chat and an English one: each needs an FAQ in its own language.
        feedback.unanswered(Council.DEFAULT_ID, "help with my council tax bill", "cy");
        feedback.unanswered(Council.DEFAULT_ID, "council tax bill help", "cy");
        feedback.unanswered(Council.DEFAULT_ID, "council tax bill help", "en");

        for (boolean semantic : List.of(true, false)) {
            assertThat(gaps(feedback, semantic).gaps(Set.of(Council.DEFAULT_ID)))
                    .extracting(ContentGap::language, ContentGap::asked)
                    .containsExactly(tuple("cy", 2), tuple("en", 1));
        }
    }

    @Test
    void forgetsWhatResidentsAskedAfterTheRetentionPeriod() {
        JdbcAnswerFeedback feedback = new JdbcAnswerFeedback(database.jdbc(), clock);
        feedback.unanswered(Council.DEFAULT_ID, "an old question", "en");
        clock.advance(Duration.ofDays(60));
        feedback.unanswered(Council.DEFAULT_ID, "a recent question", "en");
        clock.advance(Duration.ofDays(31));
        ContentGaps contentGaps = gaps(feedback, false);

        assertThat(contentGaps.purge()).isEqualTo(1);

        assertThat(contentGaps.gaps(Set.of(Council.DEFAULT_ID)))
                .extracting(ContentGap::typicalQuestion)
                .containsExactly("a recent question");
    }

    @Test
    void welshQuestionsAnsweredInEnglishAreAGapOfTheirOwnUntilTheWelshVersionIsPublished() {
        FaqDraft permits = new FaqDraft(
                "parking-permits",
                "parking",
                "How do I get a parking permit?",
                List.of(),
                "<p>Apply online.</p>",
                null,
                Faq.FaqStatus.PUBLISHED,
                "en");
        knowledge.save(permits, "editor");
        JdbcAnswerFeedback feedback = new JdbcAnswerFeedback(database.jdbc(), clock);
        feedback.answeredOnlyInEnglish(Council.DEFAULT_ID, "parking-permits", "sut ydw i'n cael trwydded parcio", "cy");
        feedback.answeredOnlyInEnglish(Council.DEFAULT_ID, "parking-permits", "trwydded parcio i ymwelwyr", "cy");
        feedback.unanswered(Council.DEFAULT_ID, "sut ydw i'n cael trwydded parcio", "cy");
        ContentGaps contentGaps = gaps(feedback, false);

        assertThat(contentGaps.gaps(Set.of(Council.DEFAULT_ID)))
                .extracting(ContentGap::reason, ContentGap::language, ContentGap::asked)
                .containsExactly(
                        tuple(ContentGap.Reason.NO_WELSH_VERSION, "cy", 2),
                        tuple(ContentGap.Reason.NO_ANSWER, "cy", 1));
        ContentGap untranslated = contentGaps.gaps(Set.of(Council.DEFAULT_ID)).getFirst();
        assertThat(untranslated.onlyInEnglish()).extracting(Faq::id).containsExactly("parking-permits");
        assertThat(untranslated.didNotHelp()).isEmpty();

        knowledge.save(
                new FaqDraft(
                        "trwyddedau-parcio",
                        "parking",
                        "Sut ydw i'n cael trwydded parcio?",
                        List.of(),
                        "<p>Gwnewch gais ar-lein.</p>",
                        null,
                        Faq.FaqStatus.PUBLISHED,
                        "cy",
                        null,
                        null,
                        "parking-permits"),
                "editor");

        assertThat(contentGaps.gaps(Set.of(Council.DEFAULT_ID)))
                .extracting(ContentGap::reason)
                .containsExactly(ContentGap.Reason.NO_ANSWER);
    }

    /** A clock a test can move on. */
    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
