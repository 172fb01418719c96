package org.councilchat.engine.dialogue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.councilchat.councils.Council;
import org.councilchat.councils.Councils;
import org.councilchat.councils.CouncilsProperties;
import org.councilchat.engine.AdvisersAvailable;
import org.councilchat.engine.BinDayReminders;
import org.councilchat.engine.Bot;
import org.councilchat.engine.CaseReferenceNotices;
import org.councilchat.engine.EngineProperties;
import org.councilchat.engine.IntentClassifier;
import org.councilchat.engine.nlu.BlendedIntentClassifier;
import org.councilchat.engine.nlu.TrainingCsv;
import org.councilchat.engine.nlu.TrainingExample;
import org.councilchat.engine.triggers.HandoffTriggers;
import org.councilchat.knowledge.BankHolidayRule;
import org.councilchat.knowledge.BinCollections;
import org.councilchat.knowledge.BinData;
import org.councilchat.knowledge.FaqDraft;
import org.councilchat.knowledge.KnowledgeBase;
import org.councilchat.knowledge.KnowledgeProperties;
import org.councilchat.knowledge.areas.CouncilDirectory;
import org.councilchat.knowledge.bins.BankHolidays;
import org.councilchat.knowledge.bins.BinRoundRepository;
import org.councilchat.knowledge.bins.CollectionCalendar;
import org.councilchat.knowledge.bins.CollectionCalendars;
import org.councilchat.knowledge.bins.MissedBinRepository;
import org.councilchat.knowledge.bins.RoundsCollectionSource;
import org.councilchat.knowledge.faq.FaqRepository;
import org.flywaydb.core.Flyway;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The fictional Millbrook council as the conversation scripts meet it: the shipped training data, trigger phrases
 * and message bundles, a real knowledge base and bin rounds in an in-memory database, the real contact-centre
 * hours rules with England and Wales bank holidays, and cases kept in memory. The same rounds and FAQs as
 * {@link DialogueTests}.
 */
final class Millbrook implements AutoCloseable {

    static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static IntentClassifier intents;

    final ResourceBundleMessageSource messages = MillbrookFixtures.messages();
    final RecordedCases cases = new RecordedCases();
    final RecordedFeedback feedback = new RecordedFeedback();
    final EngineProperties properties;
    private final Clock clock;
    private final Path indexDirectory;
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private KnowledgeBase knowledge;
    private Bot bot;

    /** @param settings {@code council-chat.engine.*} settings to use instead of the defaults */
    Millbrook(Clock clock, java.util.Map<String, Object> settings) {
        this.clock = clock;
        this.properties = new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("council-chat.engine", EngineProperties.class);
        try {
            indexDirectory = Files.createTempDirectory("millbrook-index");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:scripts-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure()
                .placeholders(Map.of("first_council", "default"))
                .dataSource(dataSource)
                .locations("classpath:db/migration/knowledge", "classpath:db/migration/engine")
                .load()
                .migrate();
        jdbc = JdbcClient.create(dataSource);
        start();
        for (FaqDraft faq : faqs()) {
            knowledge.save(faq, "editor@millbrook.example");
        }
        bins().replaceAll(rounds());
    }

    Bot bot() {
        return bot;
    }

    /** The knowledge base's best three FAQs for the words, with their confidence: why a script missed an FAQ. */
    String topHits(String words, Locale language) {
        return knowledge.search(Council.DEFAULT_ID, words, language.getLanguage()).hits().stream()
                .limit(3)
                .map(hit -> hit.faq().id() + " " + String.format(Locale.ROOT, "%.2f", hit.confidence()))
                .toList()
                .toString();
    }

    /** New instances of everything over the same database and index, as after the application restarts. */
    void restart() {
        try {
            knowledge.destroy();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start();
    }

    @Override
    public void close() throws IOException {
        knowledge.destroy();
        jdbc.sql("SHUTDOWN").update();
        try (Stream<Path> files = Files.walk(indexDirectory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    private void start() {
        knowledge = new KnowledgeBase(
                new FaqRepository(jdbc), new KnowledgeProperties(indexDirectory, 0.6, null), clock, event -> {});
        BinCollections bins = bins();
        CouncilOpeningHours hours = CouncilOpeningHours.everywhere(new ContactCentreHours(
                properties.contactCentre().hours(),
                properties.contactCentre().closedOnBankHolidays(),
                ZoneId.of(properties.timeZone()),
                bins::bankHoliday));
        Dialogue dialogue = new Dialogue(
                classifier(),
                ShippedRules.against(classifier(), messages),
                knowledge,
                feedback,
                bins,
                messages,
                properties,
                triggers(),
                hours,
                cases,
                AdvisersAvailable.ALWAYS,
                BinDayReminders.NONE,
                CaseReferenceNotices.NONE,
                clock);
        bot = new Bot(dialogue, new DialogueStateStore(jdbc, clock));
    }

    private static synchronized IntentClassifier classifier() {
        if (intents == null) {
            // English and Welsh together, as the server trains by default
            try (InputStream english = Millbrook.class.getResourceAsStream("/nlu/council-intents.csv");
                    InputStream welsh = Millbrook.class.getResourceAsStream("/nlu/council-intents-cy.csv")) {
                List<TrainingExample> examples = new ArrayList<>(TrainingCsv.read(english, "council-intents.csv"));
                examples.addAll(TrainingCsv.read(welsh, "council-intents-cy.csv"));
                intents = BlendedIntentClassifier.train(examples);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return intents;
    }

    private static HandoffTriggers triggers() {
        try (InputStream yaml = Millbrook.class.getResourceAsStream("/dialogue/handoff-triggers.yml")) {
            return HandoffTriggers.read(yaml, "handoff-triggers.yml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private BinCollections bins() {
        BinRoundRepository rounds = new BinRoundRepository(new JdbcTemplate(dataSource));
        BankHolidays holidays = BankHolidays.read(
                Millbrook.class.getResourceAsStream("/bins/uk-bank-holidays.json"), "england-and-wales");
        CollectionCalendar calendar = new CollectionCalendar(holidays, BankHolidayRule.SHIFT_REST_OF_WEEK);
        CouncilDirectory councils = CouncilDirectory.fromLocalAuthorities(new InputStreamReader(
                Millbrook.class.getResourceAsStream("/areas/govuk-local-authorities.csv"), StandardCharsets.UTF_8));
        councils.addPostcodes(new StringReader("pcds,oslaua\nAB10 1AB,S12000033\n"), "inline.csv");
        CollectionCalendars calendars = CollectionCalendars.everywhere(calendar);
        return new BinCollections(
                rounds,
                calendars,
                councils,
                new Councils(new CouncilsProperties(List.of())),
                new MissedBinRepository(jdbc, new DataSourceTransactionManager(dataSource)),
                new RoundsCollectionSource(rounds, calendars),
                clock);
    }

    private static BinData rounds() {
        return new BinData(MillbrookFixtures.rounds(), MillbrookFixtures.properties(), List.of());
    }

    /**
     * The shared FAQs, one on allotment weeds (whose "kill" must not read as a disclosure) and two a resident once
     * failed to reach: the tip's hours and a replacement recycling box.
     */
    private static List<FaqDraft> faqs() {
        List<FaqDraft> faqs = MillbrookFixtures.faqs();
        faqs.add(MillbrookFixtures.faq(
                "weeds",
                "How do I get rid of weeds on my allotment?",
                "<p>Pull them by hand or hoe them on a dry day. We do not allow weedkiller near water.</p>",
                "https://www.millbrook.example/allotments/weeds",
                "kill the weeds on my allotment"));
        faqs.add(MillbrookFixtures.faq(
                "tip-hours",
                "When is the household waste recycling centre open?",
                "<p>The recycling centre on Mill Road opens 8am to 6pm, Monday to Saturday, and 9am to 4pm on"
                        + " Sunday.</p>",
                "https://www.millbrook.example/bins/recycling-centre",
                "household waste recycling centre hours"));
        faqs.add(MillbrookFixtures.faq(
                "recycling-box",
                "How do I get a new or replacement recycling box?",
                "<p>Order a replacement recycling box online. We deliver it on your next collection day.</p>",
                "https://www.millbrook.example/bins/replacement",
                "order a replacement recycling box"));
        return faqs;
    }
}
