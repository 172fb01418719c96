package org.councilchat.engine.dialogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.councilchat.councils.Council;
import org.councilchat.councils.Councils;
import org.councilchat.councils.CouncilsProperties;
import org.councilchat.engine.AdvisersAvailable;
import org.councilchat.engine.BinDayReminders;
import org.councilchat.engine.Bot;
import org.councilchat.engine.BotReply;
import org.councilchat.engine.BotReply.Link;
import org.councilchat.engine.BotReply.QuickReply;
import org.councilchat.engine.BotTurn;
import org.councilchat.engine.CaseReferenceNotices;
import org.councilchat.engine.EngineProperties;
import org.councilchat.engine.IntentClassifier;
import org.councilchat.engine.IntentRanking;
import org.councilchat.engine.nlu.BlendedIntentClassifier;
import org.councilchat.engine.nlu.TrainingCsv;
import org.councilchat.engine.triggers.HandoffTriggers;
import org.councilchat.knowledge.BankHolidayRule;
import org.councilchat.knowledge.BinCollections;
import org.councilchat.knowledge.BinData;
import org.councilchat.knowledge.CollectionSourceUnavailable;
import org.councilchat.knowledge.ContactDetails;
import org.councilchat.knowledge.Faq;
import org.councilchat.knowledge.FaqDraft;
import org.councilchat.knowledge.KnowledgeBase;
import org.councilchat.knowledge.KnowledgeProperties;
import org.councilchat.knowledge.areas.CouncilDirectory;
import org.councilchat.knowledge.bins.BankHolidays;
import org.councilchat.knowledge.bins.BinRoundRepository;
import org.councilchat.knowledge.bins.BinRoundRepository.PropertyRounds;
import org.councilchat.knowledge.bins.CollectionCalendar;
import org.councilchat.knowledge.bins.CollectionCalendars;
import org.councilchat.knowledge.bins.CollectionSource;
import org.councilchat.knowledge.bins.MissedBinRepository;
import org.councilchat.knowledge.bins.RoundsCollectionSource;
import org.councilchat.knowledge.faq.FaqRepository;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Conversations with the real bot: the shipped training data, a real knowledge base and bin rounds in an
 * in-memory database, the real message bundles, on Wednesday 7 January 2026.
 */
class DialogueTests {

    private static final Clock WEDNESDAY_7_JANUARY = Clock.fixed(Instant.parse("2026-01-07T09:00:00Z"), ZoneOffset.UTC);
    private static final Locale ENGLISH = Locale.UK;
    private static final Locale WELSH = Locale.forLanguageTag("cy");

    private static IntentClassifier intents;

    private final ResourceBundleMessageSource messages = MillbrookFixtures.messages();
    private final EngineProperties defaults = new Binder().bindOrCreate("council-chat.engine", EngineProperties.class);
    private final String conversation = UUID.randomUUID().toString();
    private final RecordedFeedback feedback = new RecordedFeedback();
    /** Not offered, as in a deployment without GOV.UK Notify, unless a test offers them. */
    private BinDayReminders reminders = BinDayReminders.NONE;

    private CaseReferenceNotices notices = CaseReferenceNotices.NONE;

    @TempDir
    Path indexDirectory;

    private DataSource dataSource;
    private JdbcClient jdbc;
    private KnowledgeBase knowledge;
    private Bot bot;

    @BeforeAll
    static void trainOnTheShippedData() throws IOException {
        try (InputStream csv = DialogueTests.class.getResourceAsStream("/nlu/council-intents.csv")) {
            intents = BlendedIntentClassifier.train(TrainingCsv.read(csv, "council-intents.csv"));
        }
    }

    @BeforeEach
    void millbrook() {
        dataSource =
                new DriverManagerDataSource("jdbc:h2:mem:engine-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure()
                .placeholders(Map.of("first_council", "default"))
                .dataSource(dataSource)
                .locations("classpath:db/migration/knowledge", "classpath:db/migration/engine")
                .load()
                .migrate();
        jdbc = JdbcClient.create(dataSource);
        startBot();
        for (FaqDraft faq : faqs()) {
            knowledge.save(faq, "editor@millbrook.example");
        }
        bins().replaceAll(rounds());
    }

    @AfterEach
    void stop() throws IOException {
        knowledge.destroy();
        jdbc.sql("SHUTDOWN").update();
    }

    @Test
    void asksForThePostcodeThenAnswersTheBinDay() {
        BotTurn question = say("When is my bin day?");
        assertThat(onlyReply(question).text()).isEqualTo(message("bins.askPostcode"));

        BotReply answer = onlyReply(say("mb1 1aa"));

        assertThat(answer.text()).isEqualTo("Your next bin collections at 2 and 4 Mill Lane, Millbrook, MB1 1AA:");
        assertThat(answer.lines())
                .containsExactly(
                        "Black bin (general waste): Monday 12 January, then Monday 26 January",
                        "Blue bin (recycling): Monday 19 January, then Monday 2 February");
        assertThat(answer.links())
                .containsExactly(
                        new Link("Bin collections", defaults.binCollectionsUrl()),
                        new Link(
                                "Add these collections to my calendar (.ics file)",
                                "/api/bins/101/calendar.ics")); // 2 Mill Lane
    }

    @Test
    void theGreetingNamesTheBotAndEachOfItsTopicButtonsIsUnderstoodInEnglishAndWelsh() {
        for (Locale locale : List.of(ENGLISH, WELSH)) {
            BotReply greeting = bot.greeting(Council.DEFAULT_ID, locale).orElseThrow();

            assertThat(greeting.text()).isEqualTo(message(locale, "greeting.open", defaults.botName()));
            assertThat(greeting.buttons())
                    .extracting(QuickReply::title)
                    .containsExactly(
                            message(locale, "button.binDay"),
                            message(locale, "button.missedBin"),
                            message(locale, "button.councilTax"),
                            message(locale, "button.person"));
            List<String> notUnderstood = Stream.of(
                            "fallback.didYouMean", "fallback.rephrase", "fallback.offerPerson", "fallback.topics")
                    .map(key -> message(locale, key))
                    .toList();
            for (QuickReply button : greeting.buttons()) {
                BotTurn pressed =
                        bot.respond(UUID.randomUUID().toString(), Council.DEFAULT_ID, button.payload(), locale);
                assertThat(pressed.replies())
                        .as("pressing '%s' (%s)", button.title(), locale)
                        .isNotEmpty()
                        .extracting(BotReply::text)
                        .doesNotContainAnyElementsOf(notUnderstood);
            }
        }
    }

    @Test
    void answersAtOnceWhenThePostcodeComesWithTheQuestion() {
        BotReply answer = onlyReply(say("when is my bin day? mb1 1aa thanks"));

        assertThat(answer.text()).isEqualTo("Your next bin collections at 2 and 4 Mill Lane, Millbrook, MB1 1AA:");
        assertThat(answer.lines()).hasSize(2);
    }

    @Test
    void asksForTheWholePostcodeWhenGivenOnlyTheFirstHalf() {
        say("when is my bin day");

        assertThat(onlyReply(say("MB1")).text()).isEqualTo(message("bins.partialPostcode", "MB1"));
        assertThat(onlyReply(say("MB1 1AA")).lines()).hasSize(2);
    }

    @Test
    void saysWhenAPostcodeIsOutsideTheArea() {
        assertThat(onlyReply(say("when is my bin day? ZZ9 9ZZ")).text())
                .isEqualTo(message("bins.notInArea", "ZZ9 9ZZ"));
    }

    @Test
    void pointsToTheCouncilThatDoesCollectAtAPostcodeOutsideTheArea() {
        BotReply reply = onlyReply(say("bin day AB10 1AB"));

        assertThat(reply.text()).contains("AB10 1AB").contains("Aberdeen City Council");
        assertThat(reply.links())
                .containsExactly(new Link("Aberdeen City Council", "https://www.aberdeencity.gov.uk/"));
    }

    @Test
    void asksWhichAddressWhenNeighboursHaveDifferentDaysAndATypedHouseNumberPicksIt() {
        BotReply which = onlyReply(say("when is my bin day MB2 3EF"));

        assertThat(which.text()).isEqualTo(message("bins.chooseAddress", "MB2 3EF"));
        assertThat(which.buttons())
                .extracting(QuickReply::title)
                .containsExactly(
                        "1 Station Road, Millbrook",
                        "3 Station Road, Millbrook",
                        "Flat 1, Riverside Court, Millbrook",
                        "Flat 2, Riverside Court, Millbrook",
                        message("bins.addressNotListed"));

        BotReply answer = onlyReply(say("3"));

        assertThat(answer.text()).isEqualTo("Your next bin collections at 3 Station Road, Millbrook, MB2 3EF:");
    }

    @Test
    void aBlockOfFlatsIsShownAPageAtATimeAndATypedFlatNumberWorksOnAnyPage() {
        BotReply first = onlyReply(say("when is my bin day MB4 5JL"));

        assertThat(first.text()).isEqualTo(message("bins.chooseAddress", "MB4 5JL"));
        assertThat(first.buttons()).hasSize(BinDays.ADDRESSES_PER_PAGE + 2);
        assertThat(first.buttons().getFirst().title()).isEqualTo("Tower House Lodge, Millbrook");
        QuickReply more = button(first, message("bins.moreAddresses", 9, 16, 19));

        BotReply second = onlyReply(say(more.payload()));

        assertThat(second.text()).isEqualTo(message("bins.chooseAddressMore", 9, 16, 19));
        assertThat(second.buttons())
                .extracting(QuickReply::title)
                .startsWith("Flat 8, Tower House, Millbrook")
                .contains("Flat 15, Tower House, Millbrook", message("bins.moreAddresses", 17, 19, 19))
                .endsWith(message("bins.addressNotListed"));

        BotReply third = onlyReply(
                say(button(second, message("bins.moreAddresses", 17, 19, 19)).payload()));

        assertThat(third.buttons())
                .extracting(QuickReply::title)
                .containsExactly(
                        "Flat 16, Tower House, Millbrook",
                        "Flat 17, Tower House, Millbrook",
                        "Flat 18, Tower House, Millbrook",
                        message("bins.addressNotListed"));

        // The flat the resident types need not be on the page showing.
        BotReply answer = onlyReply(say("flat 3"));

        assertThat(answer.text()).isEqualTo("Your next bin collections at Flat 3, Tower House, Millbrook, MB4 5JL:");
    }

    @Test
    void anAddressThatIsNotListedLeadsToAPersonNotADeadEnd() {
        BotReply which = onlyReply(say("when is my bin day MB2 3EF"));

        BotTurn notListed = say(button(which, message("bins.addressNotListed")).payload());

        assertThat(onlyReply(notListed).text()).isEqualTo(message("bins.addressNotListedAnswer"));
        assertThat(onlyReply(notListed).buttons()).containsExactly(personButton());
        assertThat(say(personButton().payload()).handoff()).isEqualTo(BotTurn.HandoffReason.RESIDENT_ASKED);
    }

    @Test
    void whenTheCollectionServiceIsDownTheResidentIsToldPlainlyAndCanTryAgainOrTalkToAPerson() throws IOException {
        BinCollections down = bins((property, today) -> {
            throw new CollectionSourceUnavailable("Bin collection service at bins.example failed", null);
        });
        bot = new Bot(dialogue(intents, down), new DialogueStateStore(jdbc, WEDNESDAY_7_JANUARY));

        BotTurn turn = say("when is my bin day MB1 1AA");

        BotReply reply = onlyReply(turn);
        assertThat(reply.text()).isEqualTo(message("bins.serviceDown", "2 Mill Lane, Millbrook"));
        assertThat(reply.links()).extracting(BotReply.Link::url).containsExactly(defaults.binCollectionsUrl());
        assertThat(reply.buttons())
                .extracting(QuickReply::title)
                .containsExactly(message("bins.tryAgain"), message("button.person"));
        assertThat(turn.findings().address()).as("kept for the retry").isEqualTo("2 Mill Lane, Millbrook");

        restart(); // the service is back
        BotReply retried = onlyReply(say(button(reply, message("bins.tryAgain")).payload()));

        assertThat(retried.text()).isEqualTo("Your next bin collections at 2 and 4 Mill Lane, Millbrook, MB1 1AA:");
    }

    @Test
    void welshResidentTypingThatABinWasNotCollectedGetsAReference() {
        BotReply address = onlyReply(say("Mae fy ailgylchu heb ei gasglu, MB1 1AA", WELSH));
        assertThat(address.text())
                .as("two houses share the rounds; the report is for one of them")
                .isEqualTo(message(WELSH, "bins.chooseAddressToReport", "MB1 1AA"));

        BotTurn which = say(button(address, "4 Mill Lane, Millbrook").payload(), WELSH);

        assertThat(which.findings().missedBinReference()).isNotNull();
        assertThat(onlyReply(which).text())
                .isEqualTo(message(
                        WELSH,
                        "bins.missedReported",
                        "Bin ailgylchu",
                        "Dydd Llun 5 Ionawr",
                        which.findings().missedBinReference()));
    }

    @Test
    void welshWaysOfSayingABinWasMissedAreRecognised() {
        for (String words : List.of(
                "Ni chafodd fy ailgylchu ei gasglu MB1 1AA",
                "chafodd y bin ailgylchu ddim ei wagio MB1 1AA",
                "mae'r bin ailgylchu wedi'i fethu MB1 1AA",
                "ni chasglwyd yr ailgylchu MB1 1AA")) {
            String chat = UUID.randomUUID().toString();
            bot.respond(chat, Council.DEFAULT_ID, words, WELSH);
            BotTurn turn = bot.respond(chat, Council.DEFAULT_ID, "2 Mill Lane, Millbrook", WELSH);

            assertThat(turn.findings().missedBinReference()).as(words).isNotNull();
            assertThat(onlyReply(turn).text()).as(words).contains("Bin ailgylchu");
        }
    }

    @Test
    void pressingAnAddressButtonPicksThatAddress() {
        BotReply which = onlyReply(say("when is my bin day MB2 3EF"));
        QuickReply flat2 = button(which, "Flat 2, Riverside Court, Millbrook");

        BotReply answer = onlyReply(say(flat2.payload()));

        assertThat(answer.text())
                .isEqualTo("Your next bin collections at Flat 2, Riverside Court, Millbrook, MB2 3EF:");
        assertThat(answer.lines())
                .containsExactly("Black bin (general waste): tomorrow, Thursday 8 January, then Thursday 15 January");
    }

    @Test
    void residentWhoAsksForAPersonIsHandedOverWithWhatTheBotLearned() {
        say("when is my bin day? MB1 1AA");

        BotTurn handover = say("I want to speak to a person");

        assertThat(handover.wantsPerson()).isTrue();
        assertThat(handover.handoff()).isEqualTo(BotTurn.HandoffReason.RESIDENT_ASKED);
        assertThat(onlyReply(handover).text()).isEqualTo(message("handoff.requested"));
        assertThat(handover.findings().postcode()).isEqualTo("MB1 1AA");
        assertThat(handover.findings().address()).isEqualTo("2 Mill Lane, Millbrook");
        assertThat(handover.findings().uprn()).isEqualTo("101");
        assertThat(handover.findings().intent()).isEqualTo("speak_to_person");
        assertThat(handover.findings().topic())
                .as("what the chat was about, for the agent")
                .isEqualTo("bin_day");
    }

    @Test
    void thanksAndHelloDoNotReplaceWhatTheChatIsAbout() {
        say("when is my bin day? MB1 1AA");
        say("thank you");
        BotTurn hello = say("hello");

        assertThat(hello.findings().topic()).isEqualTo("bin_day");
        assertThat(say("how do I pay my council tax").findings().topic()).isEqualTo("council_tax_pay");
    }

    @Test
    void answersAnFaqWithItsLinksAndSourcePage() {
        BotTurn turn = say("how can I pay my council tax");
        assertThat(turn.replies()).hasSize(2);
        BotReply answer = turn.replies().getFirst();
        assertThat(turn.replies().getLast().text()).isEqualTo(message("faq.feedback.ask"));

        assertThat(answer.text()).isEqualTo("Pay by Direct Debit, online or by phone.");
        assertThat(answer.links())
                .containsExactly(
                        new Link("Direct Debit", "https://www.millbrook.example/council-tax/direct-debit"),
                        new Link(
                                message("faq.source", "How do I pay my council tax?"),
                                "https://www.millbrook.example/council-tax/pay"));
        assertThat(turn.findings().answeredFaqId()).isEqualTo("council-tax-pay");
        assertThat(turn.wantsPerson()).isFalse();
    }

    @Test
    void anFaqQuestionIsClassifiedOnceWhileTheSameModelServes() {
        // The intent model of a server: it says which model serves, which a retraining changes.
        AtomicReference<String> serving = new AtomicReference<>("model-1");
        List<String> classified = new ArrayList<>();
        IntentClassifier counting = new IntentClassifier() {
            @Override
            public IntentRanking classify(String residentWords) {
                classified.add(residentWords);
                return intents.classify(residentWords);
            }

            @Override
            public Set<String> knownIntents() {
                return intents.knownIntents();
            }

            @Override
            public Optional<String> modelVersion() {
                return Optional.of(serving.get());
            }
        };
        bot = new Bot(dialogue(counting, bins()), new DialogueStateStore(jdbc, WEDNESDAY_7_JANUARY));

        for (String asked : List.of("how can I pay my council tax", "how do I pay council tax", "pay council tax")) {
            assertThat(say(asked).findings().answeredFaqId()).isEqualTo("council-tax-pay");
        }
        assertThat(classified).containsOnlyOnce("How do I pay my council tax?");

        serving.set("model-2");
        assertThat(say("paying my council tax").findings().answeredFaqId()).isEqualTo("council-tax-pay");
        assertThat(classified)
                .filteredOn("How do I pay my council tax?"::equals)
                .hasSize(2);
    }

    @Test
    void greetsByName() {
        assertThat(onlyReply(say("hello")).text()).isEqualTo(message("smalltalk.greet", "Council helper"));
    }

    @Test
    void firstMisunderstandingAsksAgainAndTheSecondOffersAPerson() {
        BotReply first = onlyReply(say("blorp zingle"));
        BotReply second = onlyReply(say("wibble wobble"));

        assertThat(first.text()).isIn(message("fallback.didYouMean"), message("fallback.rephrase"));
        assertThat(first.buttons()).contains(personButton());
        assertThat(second.text()).isEqualTo(message("fallback.offerPerson"));
        assertThat(second.buttons()).contains(personButton());
        assertThat(second.text()).isNotEqualTo(first.text());
    }

    @Test
    void tenMisunderstandingsInARowAlwaysOfferAWayToAPerson() {
        List<String> nonsense = List.of(
                "blorp zingle",
                "qwertyuiop",
                "zzzz",
                "asdf jkl",
                "wibble wobble",
                "flibbertigibbet",
                "???",
                "grommet sprocket",
                "lorem ipsum dolor",
                "hmm hmm hmm");
        List<BotTurn> turns = new ArrayList<>();

        for (String words : nonsense) {
            assertThatCode(() -> turns.add(say(words))).as(words).doesNotThrowAnyException();
        }

        assertThat(turns).allSatisfy(turn -> {
            assertThat(turn.replies()).isNotEmpty();
            assertThat(turn.replies())
                    .anySatisfy(reply -> assertThat(reply.buttons()).contains(personButton()));
        });
        assertThat(onlyReply(turns.get(0)).text())
                .isNotEqualTo(onlyReply(turns.get(1)).text());
    }

    @Test
    void pressingThePersonButtonAfterMisunderstandingsHandsOver() {
        say("blorp zingle");
        BotReply offer = onlyReply(say("wibble wobble"));

        BotTurn pressed = say(offer.buttons().getFirst().payload());

        assertThat(pressed.wantsPerson()).isTrue();
    }

    @Test
    void welshResidentPressingThePersonButtonIsHandedOver() {
        // The Welsh button sends Welsh words, which the English-trained classifier cannot be relied on for.
        say("blorp zingle", WELSH);
        BotReply offer = onlyReply(say("wibble wobble", WELSH));
        QuickReply person = offer.buttons().getFirst();
        assertThat(person.title()).isEqualTo(message(WELSH, "button.person"));

        BotTurn pressed = say(person.payload(), WELSH);

        assertThat(pressed.wantsPerson()).isTrue();
        assertThat(onlyReply(pressed).text()).isEqualTo(message(WELSH, "handoff.requested"));
    }

    @Test
    void aWelshConversationIsAnsweredFromTheWelshFaqWhereTheCouncilHasOne() {
        knowledge.save(
                new FaqDraft(
                        "treth-y-cyngor-talu",
                        "council-tax",
                        "Sut ydw i'n talu Treth y Cyngor?",
                        List.of("ffyrdd o dalu treth y cyngor"),
                        "<p>Talwch drwy Ddebyd Uniongyrchol, ar-lein neu dros y ffôn.</p>",
                        "https://www.millbrook.example/cy/treth-y-cyngor/talu",
                        Faq.FaqStatus.PUBLISHED,
                        "cy",
                        null,
                        null,
                        "council-tax-pay"),
                "editor@millbrook.example");

        BotTurn turn = say("sut ydw i'n talu treth y cyngor", WELSH);

        assertThat(turn.findings().answeredFaqId()).isEqualTo("treth-y-cyngor-talu");
        assertThat(turn.replies().getFirst().text())
                .isEqualTo("Talwch drwy Ddebyd Uniongyrchol, ar-lein neu dros y ffôn.");
        assertThat(turn.replies()).extracting(BotReply::text).doesNotContain(message(WELSH, "faq.onlyInEnglish"));
        assertThat(feedback.onlyInEnglish).isEmpty();
        assertThat(say("how do I pay my council tax").findings().answeredFaqId())
                .isEqualTo("council-tax-pay");
    }

    @Test
    void aWelshQuestionOnlyAnEnglishFaqAnswersGetsItAfterAWelshNoteAndEditorsSeeNoWelshVersion() {
        String asked = "sut ydw i'n cael trwydded parcio i breswylwyr";

        BotTurn turn = say(asked, WELSH);

        assertThat(turn.findings().answeredFaqId()).isEqualTo("parking-permit");
        assertThat(turn.replies().getFirst().text()).isEqualTo("Mae’r ateb hwn ar gael yn Saesneg yn unig.");
        assertThat(turn.replies().get(1).text()).isEqualTo("Apply online. Visitor permits come in books of 10.");
        assertThat(feedback.onlyInEnglish)
                .extracting(
                        RecordedFeedback.Rating::faqId,
                        RecordedFeedback.Rating::question,
                        RecordedFeedback.Rating::language)
                .containsExactly(tuple("parking-permit", asked, "cy"));
        assertThat(feedback.unanswered).isEmpty();
    }

    @Test
    void welshResidentPressingTheBinDayButtonIsAskedForAPostcodeAndAnsweredInWelsh() {
        BotTurn asked = say(message(WELSH, "button.binDay.payload"), WELSH);
        assertThat(onlyReply(asked).text()).isEqualTo(message(WELSH, "bins.askPostcode"));

        BotReply answer = onlyReply(say("MB1 1AA", WELSH));

        assertThat(answer.text()).isEqualTo(message(WELSH, "bins.answerIntro", "2 a 4 Mill Lane, Millbrook, MB1 1AA"));
        assertThat(answer.lines().getFirst()).startsWith("Bin du (sbwriel): Dydd Llun 12 Ionawr");
    }

    @Test
    void withoutRemindersTheBinDaysOfferNone() {
        say("When is my bin day?");
        assertThat(onlyReply(say("MB1 1AA")).buttons()).isEmpty();
        assertThat(onlyReply(say(message("bins.remind.payload"))).text()).isEqualTo(message("bins.remindNotOffered"));
    }

    @Test
    void aResidentAsksToBeRemindedAndGivesAMobileNumber() {
        RecordedReminders offered = offerReminders(Set.of(ContactDetails.Kind.PHONE, ContactDetails.Kind.EMAIL));
        say("When is my bin day?");
        BotReply days = onlyReply(say("MB1 1AA"));
        QuickReply remind = button(days, message("bins.remind"));

        BotReply asked = onlyReply(say(remind.payload()));
        assertThat(asked.text())
                .isEqualTo(message("bins.remindAsk.both", "18:00", "2 and 4 Mill Lane, Millbrook, MB1 1AA"));
        assertThat(asked.buttons()).extracting(QuickReply::title).containsExactly(message("message.cancel"));

        BotReply started = onlyReply(say("it's 07700 900123 thanks"));

        assertThat(started.text())
                .isEqualTo(message(
                        "bins.remindStarted.text",
                        "07700900123",
                        "18:00",
                        "2 and 4 Mill Lane, Millbrook, MB1 1AA",
                        12));
        assertThat(offered.asked).singleElement().satisfies(subscription -> {
            assertThat(subscription.conversationId()).isEqualTo(conversation);
            assertThat(subscription.councilId()).isEqualTo(Council.DEFAULT_ID);
            assertThat(subscription.contact()).isEqualTo("07700900123");
            assertThat(subscription.address()).isEqualTo("2 and 4 Mill Lane, Millbrook, MB1 1AA");
            assertThat(subscription.language()).isEqualTo("en");
            assertThat(subscription.uprn()).isNotBlank();
        });
        // Asked once: the next words are a question again.
        assertThat(say("07700 900456").replies()).extracting(BotReply::text).doesNotContain(started.text());
        assertThat(offered.asked).hasSize(1);
    }

    @Test
    void aLandlineIsAskedAgainForAndAQuestionInsteadIsAnswered() {
        RecordedReminders offered = offerReminders(Set.of(ContactDetails.Kind.PHONE));
        say("When is my bin day?");
        say("MB1 1AA");
        assertThat(onlyReply(say(message("bins.remind.payload"))).text())
                .isEqualTo(message("bins.remindAsk.text", "18:00", "2 and 4 Mill Lane, Millbrook, MB1 1AA"));

        assertThat(onlyReply(say("01632 960001")).text()).isEqualTo(message("bins.remindAskAgain.text"));
        assertThat(onlyReply(say("0770 09")).text())
                .as("digits that are not a number yet")
                .isEqualTo(message("bins.remindAskAgain.text"));
        assertThat(onlyReply(say("when is my bin day")).text())
                .as("a question, not a contact: answered as one")
                .startsWith("Your next bin collections at");
        assertThat(offered.asked)
                .extracting(BinDayReminders.Subscription::contact)
                .containsExactly("01632960001");
    }

    @Test
    void aWelshResidentCancelsInWelsh() {
        offerReminders(Set.of(ContactDetails.Kind.EMAIL));
        say(message(WELSH, "button.binDay.payload"), WELSH);
        BotReply days = onlyReply(say("MB1 1AA", WELSH));
        QuickReply remind = button(days, message(WELSH, "bins.remind"));
        assertThat(onlyReply(say(remind.payload(), WELSH)).text())
                .isEqualTo(message(WELSH, "bins.remindAsk.email", "18:00", "2 a 4 Mill Lane, Millbrook, MB1 1AA"));

        assertThat(onlyReply(say(message(WELSH, "message.cancel.payload"), WELSH))
                        .text())
                .isEqualTo(message(WELSH, "bins.remindCancelled"));
    }

    /** Reminders offered by {@code channels} at 18:00; a landline cannot take a text, anything else starts them. */
    private RecordedReminders offerReminders(Set<ContactDetails.Kind> channels) {
        RecordedReminders recorded = new RecordedReminders(channels);
        reminders = recorded;
        try {
            restart();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return recorded;
    }

    private static final class RecordedReminders implements BinDayReminders {
        final List<Subscription> asked = new ArrayList<>();
        final Offer offer;

        RecordedReminders(Set<ContactDetails.Kind> channels) {
            offer = new Offer(channels, LocalTime.of(18, 0), 12);
        }

        @Override
        public Optional<Offer> offered(String councilId, String language) {
            return Optional.of(offer);
        }

        @Override
        public Subscribed subscribe(Subscription subscription) {
            asked.add(subscription);
            boolean landline = subscription.contact().startsWith("01");
            return landline
                    ? new Subscribed.CannotReach(offer)
                    : new Subscribed.Started(
                            subscription.contact(), !subscription.contact().contains("@"), 12);
        }
    }

    @Test
    void missedBinButtonReportsThatBinWithAReference() {
        say("my bin wasn't collected");
        BotReply address = onlyReply(say("MB1 1AA"));
        assertThat(address.text()).isEqualTo(message("bins.chooseAddressToReport", "MB1 1AA"));
        BotReply which = onlyReply(say(button(address, "2 Mill Lane, Millbrook").payload()));
        assertThat(which.text()).isEqualTo(message("bins.whichMissed"));

        BotTurn reported = say(button(which, "Blue bin (recycling)").payload());

        assertThat(reported.findings().missedBinReference()).isNotNull();
        assertThat(onlyReply(reported).text())
                .isEqualTo(message(
                        "bins.missedReported",
                        "Blue bin (recycling)",
                        "Monday 5 January",
                        reported.findings().missedBinReference()));
    }

    @Test
    void welshResidentPressingAMissedBinButtonReportsThatBin() {
        say("my bin wasn't collected", WELSH);
        BotReply address = onlyReply(say("MB1 1AA", WELSH));
        assertThat(address.text()).isEqualTo(message(WELSH, "bins.chooseAddressToReport", "MB1 1AA"));
        BotReply which = onlyReply(say(button(address, "2 Mill Lane, Millbrook").payload(), WELSH));
        assertThat(which.text()).isEqualTo(message(WELSH, "bins.whichMissed"));

        BotTurn reported = say(button(which, "Bin ailgylchu").payload(), WELSH);

        assertThat(reported.findings().missedBinReference()).isNotNull();
        assertThat(onlyReply(reported).text())
                .isEqualTo(message(
                        WELSH,
                        "bins.missedReported",
                        "Bin ailgylchu",
                        "Dydd Llun 5 Ionawr",
                        reported.findings().missedBinReference()));
    }

    @Test
    void whenTheBotFailsItApologisesAndOffersAPerson() {
        BotTurn apology = bot.unavailable(ENGLISH);

        assertThat(onlyReply(apology).text()).isEqualTo(message("bot.unavailable"));
        assertThat(onlyReply(apology).buttons()).containsExactly(personButton());
    }

    @Test
    void conversationCarriesOnAfterARestart() throws IOException {
        onlyReply(say("when is my bin day MB2 3EF"));

        restart();

        assertThat(onlyReply(say("Flat 1")).text())
                .isEqualTo("Your next bin collections at Flat 1, Riverside Court, Millbrook, MB2 3EF:");

        restart();

        assertThat(onlyReply(say("and when is my bin day again?")).text())
                .as("no need to ask for the postcode again")
                .isEqualTo("Your next bin collections at Flat 1, Riverside Court, Millbrook, MB2 3EF:");
        BotTurn handover = say("can I talk to someone");
        assertThat(handover.wantsPerson()).isTrue();
        assertThat(handover.findings().postcode()).isEqualTo("MB2 3EF");
        assertThat(handover.findings().uprn()).isEqualTo("304");
    }

    @Test
    void aMessageLeftSaysWhereElseItsReferenceWentOnlyWhereItGoes() {
        // Notify texts mobiles and has no e-mail template here: a landline, or an e-mail, hears of the chat only.
        notices = (contact, language) ->
                contact.startsWith("077") ? Optional.of(ContactDetails.Kind.PHONE) : Optional.empty();
        ContactCentreHours saturdays =
                new ContactCentreHours(List.of("SAT 10:00-12:00"), true, ZoneOffset.UTC, day -> Optional.empty());
        RecordedCases cases = new RecordedCases();
        bot = new Bot(
                new Dialogue(
                        intents,
                        ShippedRules.against(intents, messages),
                        knowledge,
                        feedback,
                        bins(),
                        messages,
                        defaults,
                        triggers(),
                        new CouncilOpeningHours(
                                ContactCentreHours.always(ZoneOffset.UTC), Map.of(Council.DEFAULT_ID, saturdays)),
                        cases,
                        AdvisersAvailable.ALWAYS,
                        reminders,
                        notices,
                        WEDNESDAY_7_JANUARY),
                new DialogueStateStore(jdbc, WEDNESDAY_7_JANUARY));

        say("can I talk to someone");
        say(message("message.leave.payload"));
        say("Priya Patel");
        say("07700 900456");
        BotReply taken = onlyReply(say("When will my new recycling box arrive?"));

        assertThat(taken.text())
                .isEqualTo(message("message.taken", "Priya Patel", "CASE-1", "07700900456") + " "
                        + message("message.takenTexted", "07700900456"));

        String another = UUID.randomUUID().toString();
        for (String words : List.of("can I talk to someone", message("message.leave.payload"), "Sam", "01632 960001")) {
            bot.respond(another, Council.DEFAULT_ID, words, ENGLISH);
        }
        BotTurn byLandline = bot.respond(another, Council.DEFAULT_ID, "My bin was not emptied", ENGLISH);
        assertThat(onlyReply(byLandline).text()).isEqualTo(message("message.taken", "Sam", "CASE-2", "01632960001"));
        assertThat(cases.opened).hasSize(2);
    }

    @Test
    void aResidentIsToldTheirOwnCouncilsHoursWhenItsAdvisersAreAway() {
        // The deployment's contact centre never closes, but this council's advisers answer on Saturday mornings
        // only: on a Wednesday its resident is offered a message, with when its advisers are next in.
        ContactCentreHours saturdays =
                new ContactCentreHours(List.of("SAT 10:00-12:00"), true, ZoneOffset.UTC, day -> Optional.empty());
        bot = new Bot(
                dialogue(
                        intents,
                        bins(),
                        new CouncilOpeningHours(
                                ContactCentreHours.always(ZoneOffset.UTC), Map.of(Council.DEFAULT_ID, saturdays)),
                        AdvisersAvailable.ALWAYS),
                new DialogueStateStore(jdbc, WEDNESDAY_7_JANUARY));

        BotTurn closed = say("can I talk to someone");

        assertThat(closed.wantsPerson()).isFalse();
        assertThat(onlyReply(closed).text()).isEqualTo(message("hours.closed"));
        assertThat(onlyReply(closed).lines())
                .containsExactly(message("hours.nextOpen", "Saturday 10 January", "10:00"));
    }

    @Test
    void aResidentIsQueuedOnlyWhenAnAdviserOfTheirOwnCouncilIsIn() {
        List<String> asked = new ArrayList<>();
        AdvisersAvailable otherCouncilsOnly = council -> {
            asked.add(council);
            return !Council.DEFAULT_ID.equals(council);
        };
        EngineProperties noQueueWithoutAdvisers = new Binder(new MapConfigurationPropertySource(
                        Map.of("council-chat.engine.contact-centre.queue-when-nobody-online", "false")))
                .bindOrCreate("council-chat.engine", EngineProperties.class);
        bot = new Bot(
                new Dialogue(
                        intents,
                        ShippedRules.against(intents, messages),
                        knowledge,
                        feedback,
                        bins(),
                        messages,
                        noQueueWithoutAdvisers,
                        triggers(),
                        CouncilOpeningHours.everywhere(ContactCentreHours.always(ZoneOffset.UTC)),
                        new RecordedCases(),
                        otherCouncilsOnly,
                        BinDayReminders.NONE,
                        CaseReferenceNotices.NONE,
                        WEDNESDAY_7_JANUARY),
                new DialogueStateStore(jdbc, WEDNESDAY_7_JANUARY));

        BotTurn nobody = say("can I talk to someone");

        assertThat(asked).containsOnly(Council.DEFAULT_ID);
        assertThat(nobody.wantsPerson())
                .as("another council's advisers cannot take it")
                .isFalse();
        assertThat(onlyReply(nobody).text()).isEqualTo(message("hours.closed"));
        assertThat(onlyReply(nobody).lines())
                .as("open, so no next opening to give")
                .isEmpty();
    }

    @Test
    void separateConversationsDoNotShareWhatTheyLearned() {
        say("when is my bin day? MB1 1AA");

        BotTurn stranger =
                bot.respond(UUID.randomUUID().toString(), Council.DEFAULT_ID, "when is my bin day?", ENGLISH);

        assertThat(onlyReply(stranger).text()).isEqualTo(message("bins.askPostcode"));
        assertThat(stranger.findings().postcode()).isNull();
    }

    private BotTurn say(String words) {
        return say(words, ENGLISH);
    }

    private BotTurn say(String words, Locale locale) {
        return bot.respond(conversation, Council.DEFAULT_ID, words, locale);
    }

    private static BotReply onlyReply(BotTurn turn) {
        assertThat(turn.replies()).hasSize(1);
        return turn.replies().getFirst();
    }

    private static QuickReply button(BotReply reply, String title) {
        return reply.buttons().stream()
                .filter(button -> button.title().equals(title))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no button " + title + " in " + reply.buttons()));
    }

    private QuickReply personButton() {
        return new QuickReply(message("button.person"), message("button.person.payload"));
    }

    private String message(String key, Object... arguments) {
        return message(ENGLISH, key, arguments);
    }

    private String message(Locale locale, String key, Object... arguments) {
        return messages.getMessage(key, arguments, locale);
    }

    /** New instances of everything over the same database and index, as after the application restarts. */
    private void restart() throws IOException {
        knowledge.destroy();
        startBot();
    }

    private void startBot() {
        knowledge = new KnowledgeBase(
                new FaqRepository(jdbc),
                new KnowledgeProperties(indexDirectory, 0.6, null),
                WEDNESDAY_7_JANUARY,
                event -> {});
        bot = new Bot(dialogue(intents, bins()), new DialogueStateStore(jdbc, WEDNESDAY_7_JANUARY));
    }

    /** Millbrook's dialogue, understanding residents with {@code classifier} and finding bin days in {@code bins}. */
    private Dialogue dialogue(IntentClassifier classifier, BinCollections bins) {
        return dialogue(
                classifier,
                bins,
                CouncilOpeningHours.everywhere(ContactCentreHours.always(ZoneOffset.UTC)),
                AdvisersAvailable.ALWAYS);
    }

    private Dialogue dialogue(
            IntentClassifier classifier, BinCollections bins, CouncilOpeningHours hours, AdvisersAvailable advisers) {
        return new Dialogue(
                classifier,
                ShippedRules.against(intents, messages),
                knowledge,
                feedback,
                bins,
                messages,
                defaults,
                triggers(),
                hours,
                new RecordedCases(),
                advisers,
                reminders,
                notices,
                WEDNESDAY_7_JANUARY);
    }

    private BinCollections bins() {
        return bins(null);
    }

    /** The council's bins, with next collections from {@code source}, or from the rounds when null. */
    private BinCollections bins(CollectionSource source) {
        BinRoundRepository rounds = new BinRoundRepository(new JdbcTemplate(dataSource));
        CollectionCalendars calendars = CollectionCalendars.everywhere(
                new CollectionCalendar(englandAndWales(), BankHolidayRule.SHIFT_REST_OF_WEEK));
        return new BinCollections(
                rounds,
                calendars,
                councils(),
                new Councils(new CouncilsProperties(List.of())),
                new MissedBinRepository(jdbc, new DataSourceTransactionManager(dataSource)),
                source != null ? source : new RoundsCollectionSource(rounds, calendars),
                WEDNESDAY_7_JANUARY);
    }

    private static BinData rounds() {
        List<PropertyRounds> properties = MillbrookFixtures.properties();
        properties.add(MillbrookFixtures.property("400", "Tower House Lodge, Millbrook", "MB4 5JL", "MON-A", "MON-B"));
        // A block of flats with more addresses than fit on one page of buttons.
        for (int flat = 1; flat <= 18; flat++) {
            properties.add(MillbrookFixtures.property(
                    String.valueOf(400 + flat), "Flat " + flat + ", Tower House, Millbrook", "MB4 5JL", "THU-A"));
        }
        return new BinData(MillbrookFixtures.rounds(), properties, List.of());
    }

    private static List<FaqDraft> faqs() {
        return MillbrookFixtures.faqs();
    }

    static HandoffTriggers triggers() {
        try (InputStream yaml = DialogueTests.class.getResourceAsStream("/dialogue/handoff-triggers.yml")) {
            return HandoffTriggers.read(yaml, "handoff-triggers.yml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BankHolidays englandAndWales() {
        return BankHolidays.read(
                DialogueTests.class.getResourceAsStream("/bins/uk-bank-holidays.json"), "england-and-wales");
    }

    /** GOV.UK's council list with one postcode outside Millbrook that the postcode table knows. */
    private static CouncilDirectory councils() {
        CouncilDirectory councils = CouncilDirectory.fromLocalAuthorities(new InputStreamReader(
                DialogueTests.class.getResourceAsStream("/areas/govuk-local-authorities.csv"), StandardCharsets.UTF_8));
        councils.addPostcodes(new StringReader("pcds,oslaua\nAB10 1AB,S12000033\n"), "inline.csv");
        return councils;
    }
}
