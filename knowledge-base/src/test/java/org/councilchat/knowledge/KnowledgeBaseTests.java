package org.councilchat.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.councilchat.knowledge.faq.FaqRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Residents' questions against a small set of council FAQs, with the database as the source of truth and a
 * real Lucene index on disk derived from it.
 */
class KnowledgeBaseTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:15:00Z"), ZoneOffset.UTC);

    private static final List<FaqDraft> FAQS = List.of(
            published(
                    "council-tax-pay",
                    "How do I pay my council tax?",
                    "<p>Pay by Direct Debit, online with a debit card, or by phone on 01632 960200.</p>",
                    "ways to pay council tax",
                    "set up a direct debit for council tax"),
            published(
                    "council-tax-single-person",
                    "Can I get a single person discount on council tax?",
                    "<p>If you are the only adult in your home you get 25% off your bill.</p>",
                    "I live alone do I pay less council tax",
                    "25 percent discount living on my own"),
            published(
                    "missed-bin",
                    "My bin was not collected. What should I do?",
                    "<p>Report a missed bin within 2 working days.</p>",
                    "report a missed bin",
                    "bin men missed my bin",
                    "my bin wasnt emptied"),
            published(
                    "bulky-waste",
                    "How do I book a bulky waste collection?",
                    "<p>We collect furniture, fridges and mattresses for a fee.</p>",
                    "can you collect my old sofa",
                    "how do I get rid of a fridge"),
            published(
                    "garden-waste",
                    "How do I sign up for garden waste collections?",
                    "<p>Garden waste is a yearly subscription for your green bin.</p>",
                    "renew my garden waste subscription",
                    "how much is the green bin"),
            published(
                    "parking-permit",
                    "How do I apply for a resident parking permit?",
                    "<p>Apply online. Visitor permits are sold in books of 10.</p>",
                    "parking permit for my street",
                    "visitor parking permits"),
            published(
                    "library-hours",
                    "When are the libraries open?",
                    "<p>Most libraries open 9am to 5pm, Monday to Saturday.</p>",
                    "library opening hours",
                    "what time does the library close"),
            published(
                    "register-birth",
                    "How do I register a birth?",
                    "<p>Book an appointment within 42 days of the birth.</p>",
                    "registering my baby",
                    "birth certificate appointment"),
            published(
                    "planning-permission",
                    "Do I need planning permission?",
                    "<p>Check before you build an extension, a loft conversion or a new driveway.</p>",
                    "planning permission for an extension",
                    "comment on a planning application"));

    /** Searches share one knowledge base; tests that change or restart one build their own. */
    private static Council shared;

    private Council own;

    @BeforeAll
    static void openSharedCouncil(@TempDir Path index) {
        shared = new Council(index);
    }

    @AfterAll
    static void closeSharedCouncil() throws IOException {
        shared.close();
    }

    @AfterEach
    void closeOwnCouncil() throws IOException {
        if (own != null) {
            own.close();
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "how can I pay my council tax | council-tax-pay",
                "I live on my own, can I get money off my council tax? | council-tax-single-person",
                "the bin men didnt empty my bin | missed-bin",
                "how do I get rid of an old mattress | bulky-waste",
                "renew green bin | garden-waste",
                "I need a parking permit for visitors | parking-permit",
                "what are the library's opening hours | library-hours",
                "I need to register my baby's birth | register-birth",
                "do I need permission for an extension | planning-permission"
            })
    void findsTheRightFaqForAResidentsOwnWords(String residentWords, String expectedFaq) {
        FaqSearch search = shared.knowledge.search(residentWords);

        assertThat(search.hits()).isNotEmpty();
        assertThat(search.hits().getFirst().faq().id()).isEqualTo(expectedFaq);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "how can I pay my council tax",
                "what are the library's opening hours",
                "Report a missed bin",
                "REGISTER A BIRTH"
            })
    void answersAClearQuestionConfidently(String residentWords) {
        assertThat(shared.knowledge.search(residentWords).confidentAnswer()).isPresent();
    }

    @Test
    void pluralsAndPossessivesMatchTheirPlainWords() {
        // The FAQ says "libraries" and "library opening hours"; the resident says "library's" and "hour".
        assertThat(answerTo("library's hour")).contains("library-hours");
        // The FAQ says "garden waste collections"; the resident says "collection".
        assertThat(answerTo("garden collection")).contains("garden-waste");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "how can I pay my council tax",
                "council",
                "bin",
                "the bin men didnt empty my bin",
                "tax tax tax tax",
                "purple monkey dishwasher council"
            })
    void confidenceIsAlwaysBetweenZeroAndOneAndBestFirst(String residentWords) {
        List<FaqMatch> hits = shared.knowledge.search(residentWords).hits();

        assertThat(hits)
                .isNotEmpty()
                .allSatisfy(hit -> assertThat(hit.confidence()).isBetween(0.0, 1.0));
        assertThat(hits).extracting(FaqMatch::confidence).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @ParameterizedTest
    @ValueSource(strings = {"purple monkey dishwasher", "asdfghjkl qwerty", "", "!!!", "   "})
    void nonsenseGetsNoConfidentAnswer(String nonsense) {
        assertThat(shared.knowledge.search(nonsense).confidentAnswer()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"what?", "what is it", "how do I", "can you help", "what do I do", "why"})
    void questionWordsAloneGetNoConfidentAnswer(String vague) {
        // "what" is in a library phrasing and "how do I" in most questions: neither says what is wanted.
        assertThat(shared.knowledge.search(vague).confidentAnswer()).isEmpty();
    }

    @Test
    void publishedFaqIsSearchableAtOnceAndArchivingRemovesIt(@TempDir Path index) {
        own = new Council(index);
        KnowledgeBase knowledge = own.knowledge;
        assertThat(knowledge.search("report a pothole").confidentAnswer()).isEmpty();

        knowledge.save(pothole(Faq.FaqStatus.DRAFT), "editor");
        assertThat(knowledge.search("report a pothole").hits())
                .as("drafts are never searched")
                .noneMatch(hit -> hit.faq().id().equals("pothole"));

        knowledge.save(pothole(Faq.FaqStatus.PUBLISHED), "editor");
        assertThat(knowledge.search("report a pothole").confidentAnswer())
                .map(match -> match.faq().id())
                .contains("pothole");

        knowledge.save(pothole(Faq.FaqStatus.ARCHIVED), "editor");
        assertThat(knowledge.search("report a pothole").hits())
                .noneMatch(hit -> hit.faq().id().equals("pothole"));
    }

    @Test
    void eachSaveSaysWhatTheFaqWasBeforeAndARevertIsOneEventOfItsOwn(@TempDir Path index) {
        own = new Council(index);
        own.published.clear();
        KnowledgeBase knowledge = own.knowledge;

        knowledge.save(pothole(Faq.FaqStatus.DRAFT), "sam");
        knowledge.save(pothole(Faq.FaqStatus.PUBLISHED), "alex");
        knowledge.revert("pothole", 1, "alex");

        assertThat(own.published).hasSize(3);
        assertThat(own.published.get(0))
                .isInstanceOfSatisfying(
                        FaqSaved.class,
                        saved -> assertThat(saved)
                                .extracting(
                                        FaqSaved::statusBefore,
                                        FaqSaved::editor,
                                        s -> s.faq().version())
                                .containsExactly(null, "sam", 1));
        assertThat(own.published.get(1))
                .isInstanceOfSatisfying(
                        FaqSaved.class,
                        saved -> assertThat(saved)
                                .extracting(FaqSaved::statusBefore, s -> s.faq().status())
                                .containsExactly(Faq.FaqStatus.DRAFT, Faq.FaqStatus.PUBLISHED));
        assertThat(own.published.get(2))
                .isInstanceOfSatisfying(
                        FaqReverted.class,
                        reverted -> assertThat(reverted)
                                .extracting(
                                        FaqReverted::versionPutBack,
                                        r -> r.faq().version(),
                                        r -> r.faq().status())
                                .containsExactly(1, 3, Faq.FaqStatus.DRAFT));
    }

    @Test
    void anFaqPublishedOnAnotherServerIsSearchedHereOnceCaughtUpAndArchivingThereRemovesIt(
            @TempDir Path indexA, @TempDir Path indexB) throws IOException {
        own = new Council(indexA);
        KnowledgeBase nodeA = own.knowledge;
        // A second server over the same database, with its own index.
        KnowledgeBase nodeB =
                new KnowledgeBase(own.faqs, new KnowledgeProperties(indexB, 0.6, null), CLOCK, event -> {});
        try {
            assertThat(nodeB.search("report a pothole").confidentAnswer()).isEmpty();

            nodeA.save(pothole(Faq.FaqStatus.PUBLISHED), "editor");
            assertThat(nodeB.search("report a pothole").confidentAnswer())
                    .as("not before node B looks at the database")
                    .isEmpty();
            nodeB.catchUp();
            assertThat(nodeB.search("report a pothole").confidentAnswer())
                    .map(match -> match.faq().id())
                    .contains("pothole");

            nodeA.save(pothole(Faq.FaqStatus.ARCHIVED), "editor");
            nodeB.catchUp();
            assertThat(nodeB.search("report a pothole").hits())
                    .noneMatch(hit -> hit.faq().id().equals("pothole"));
            // Node A saw nothing new: its own saves were in its index already.
            assertThat(nodeA.search("report a pothole").hits())
                    .noneMatch(hit -> hit.faq().id().equals("pothole"));
        } finally {
            nodeB.destroy();
        }
    }

    @Test
    void aServerStartedAfterAnotherPublishedHasThatFaq(@TempDir Path indexA, @TempDir Path indexB) throws IOException {
        own = new Council(indexA);
        own.knowledge.save(pothole(Faq.FaqStatus.PUBLISHED), "editor");

        KnowledgeBase later =
                new KnowledgeBase(own.faqs, new KnowledgeProperties(indexB, 0.6, null), CLOCK, event -> {});
        try {
            assertThat(later.search("report a pothole").confidentAnswer())
                    .map(match -> match.faq().id())
                    .contains("pothole");
        } finally {
            later.destroy();
        }
    }

    @Test
    void editedAnswerIsSearchedByItsNewWords(@TempDir Path index) {
        own = new Council(index);
        own.knowledge.save(
                new FaqDraft(
                        "library-hours",
                        "libraries",
                        "When are the libraries open?",
                        List.of("library opening hours"),
                        "<p>Libraries are now also open on Sunday afternoons.</p>",
                        null,
                        Faq.FaqStatus.PUBLISHED,
                        "en"),
                "editor");

        assertThat(own.knowledge
                        .search("library sunday")
                        .hits()
                        .getFirst()
                        .faq()
                        .id())
                .isEqualTo("library-hours");
        assertThat(own.knowledge.find("library-hours")).map(Faq::version).contains(2);
    }

    @Test
    void savingCleansTheAnswerAndRecordsWhoAndWhen(@TempDir Path index) {
        own = new Council(index);
        Faq saved = own.knowledge.save(
                new FaqDraft(
                        "pothole",
                        "highways",
                        "  How do I report a pothole?  ",
                        List.of(" pothole in my road ", "  "),
                        "<p onclick=\"x()\">Use our <a href=\"javascript:x()\">form</a>.</p><script>x()</script>",
                        "https://www.millbrook.example/potholes",
                        Faq.FaqStatus.PUBLISHED,
                        null),
                "editor@millbrook.example");

        assertThat(saved.question()).isEqualTo("How do I report a pothole?");
        assertThat(saved.phrasings()).containsExactly("pothole in my road");
        assertThat(saved.answerHtml()).isEqualTo("<p>Use our <a>form</a>.</p>");
        assertThat(saved.language()).isEqualTo("en");
        assertThat(saved.version()).isEqualTo(1);
        assertThat(saved.updatedBy()).isEqualTo("editor@millbrook.example");
        assertThat(saved.updatedAt()).isEqualTo(OffsetDateTime.now(CLOCK));
    }

    @Test
    void everySaveIsKeptInTheHistoryAndAnEarlierVersionCanBePutBack(@TempDir Path index) {
        own = new Council(index);
        FaqDraft first = new FaqDraft(
                "garden-waste-price",
                "waste",
                "How much is garden waste collection?",
                List.of("green bin subscription cost"),
                "<p>£45 a year.</p>",
                null,
                Faq.FaqStatus.PUBLISHED,
                "en",
                "waste.team@millbrook.example",
                LocalDate.of(2027, 3, 1));
        own.knowledge.save(first, "ana@millbrook.example");
        own.knowledge.save(
                new FaqDraft(
                        "garden-waste-price",
                        "waste",
                        "How much is garden waste collection?",
                        List.of("green bin subscription cost"),
                        "<p>£50 a year.</p>",
                        null,
                        Faq.FaqStatus.PUBLISHED,
                        "en",
                        "waste.team@millbrook.example",
                        LocalDate.of(2027, 3, 1)),
                "ben@millbrook.example");

        Faq reverted = own.knowledge.revert("garden-waste-price", 1, "cat@millbrook.example");

        assertThat(reverted.version()).isEqualTo(3);
        assertThat(reverted.answerHtml()).isEqualTo("<p>£45 a year.</p>");
        assertThat(reverted.owner()).isEqualTo("waste.team@millbrook.example");
        assertThat(reverted.reviewBy()).isEqualTo(LocalDate.of(2027, 3, 1));
        assertThat(own.knowledge.history("garden-waste-price"))
                .extracting(Faq::version, Faq::updatedBy, Faq::answerHtml)
                .containsExactly(
                        tuple(3, "cat@millbrook.example", "<p>£45 a year.</p>"),
                        tuple(2, "ben@millbrook.example", "<p>£50 a year.</p>"),
                        tuple(1, "ana@millbrook.example", "<p>£45 a year.</p>"));
        assertThat(own.knowledge.search("how much is a green bin").confidentAnswer())
                .map(match -> match.faq().answerHtml())
                .contains("<p>£45 a year.</p>");
        assertThat(reverted.reviewDue(LocalDate.of(2027, 3, 1))).isTrue();
        assertThat(reverted.reviewDue(LocalDate.of(2027, 2, 28))).isFalse();
        assertThatThrownBy(() -> own.knowledge.revert("garden-waste-price", 9, "cat@millbrook.example"))
                .hasMessageContaining("no version 9");
    }

    @Test
    void corruptIndexIsRebuiltFromTheDatabaseOnStart(@TempDir Path index) throws IOException {
        own = new Council(index);
        own.stop();
        // The council's index is in a folder of its own, named by the council's id.
        Path councils = index.resolve(org.councilchat.councils.Council.DEFAULT_ID);
        try (Stream<Path> files = Files.list(councils)) {
            for (Path file : files.toList()) {
                Files.writeString(file, "not a Lucene file", StandardCharsets.UTF_8);
            }
        }
        Files.writeString(councils.resolve("segments_99"), "garbage", StandardCharsets.UTF_8);

        KnowledgeBase restarted = own.start();

        assertThat(restarted.search("register a birth").confidentAnswer())
                .map(match -> match.faq().id())
                .contains("register-birth");
    }

    @Test
    void missingIndexIsRebuiltFromTheDatabaseOnStart(@TempDir Path index) throws IOException {
        own = new Council(index);
        own.stop();
        deleteRecursively(index);

        KnowledgeBase restarted = own.start();

        assertThat(restarted.search("register a birth").confidentAnswer())
                .map(match -> match.faq().id())
                .contains("register-birth");
    }

    @Test
    void indexOutOfStepWithTheDatabaseIsRebuiltOnStart(@TempDir Path index) throws IOException {
        // As after restoring a database backup: the FAQ changed while the index on disk did not.
        own = new Council(index);
        own.stop();
        Faq before = own.faqs.findById("library-hours").orElseThrow();
        own.faqs.save(new Faq(
                before.id(),
                before.serviceArea(),
                "Where can I borrow ebooks?",
                List.of(),
                "<p>Borrow ebooks with the library app.</p>",
                null,
                Faq.FaqStatus.PUBLISHED,
                "en",
                0,
                OffsetDateTime.now(CLOCK),
                "restore"));

        KnowledgeBase restarted = own.start();

        assertThat(restarted.search("borrow ebooks").confidentAnswer())
                .map(match -> match.faq().id())
                .contains("library-hours");
    }

    @Test
    void restartWithAnIntactIndexKeepsAnswering(@TempDir Path index) throws IOException {
        own = new Council(index);
        own.stop();

        KnowledgeBase restarted = own.start();

        assertThat(restarted.count()).isEqualTo(FAQS.size());
        assertThat(restarted.search("visitor parking permits").confidentAnswer())
                .map(match -> match.faq().id())
                .contains("parking-permit");
    }

    private static Optional<String> answerTo(String residentWords) {
        return shared.knowledge
                .search(residentWords)
                .confidentAnswer()
                .map(match -> match.faq().id());
    }

    private static FaqDraft published(String id, String question, String answer, String... phrasings) {
        return new FaqDraft(
                id,
                "general",
                question,
                List.of(phrasings),
                answer,
                "https://www.millbrook.example/" + id,
                Faq.FaqStatus.PUBLISHED,
                "en");
    }

    private static FaqDraft pothole(Faq.FaqStatus status) {
        return new FaqDraft(
                "pothole",
                "highways",
                "How do I report a pothole?",
                List.of("pothole in my road"),
                "<p>Use our online form.</p>",
                null,
                status,
                "en");
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** A migrated database with the FAQs above and a knowledge base over an index directory. */
    private static final class Council {
        final TestDatabase database = TestDatabase.migrated();
        final FaqRepository faqs = new FaqRepository(database.jdbc());
        final Path indexDirectory;
        final List<Object> published = new java.util.concurrent.CopyOnWriteArrayList<>();
        KnowledgeBase knowledge;

        Council(Path indexDirectory) {
            this.indexDirectory = indexDirectory;
            start();
            for (FaqDraft faq : FAQS) {
                knowledge.save(faq, "editor@millbrook.example");
            }
        }

        /** Starts a knowledge base as the application does, over whatever the database and directory hold. */
        KnowledgeBase start() {
            // The bin settings are not used by the knowledge base itself.
            knowledge =
                    new KnowledgeBase(faqs, new KnowledgeProperties(indexDirectory, 0.6, null), CLOCK, published::add);
            return knowledge;
        }

        /** Stops the knowledge base as a shutdown would, leaving the database and the index on disk. */
        void stop() throws IOException {
            knowledge.destroy();
        }

        void close() throws IOException {
            knowledge.destroy();
            database.shutdown();
        }
    }
}
