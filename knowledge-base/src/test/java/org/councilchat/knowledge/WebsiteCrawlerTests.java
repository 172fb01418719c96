package org.councilchat.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.councilchat.knowledge.crawl.CrawlSourceRepository;
import org.councilchat.knowledge.crawl.PageFetcher;
import org.councilchat.knowledge.faq.FaqRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** The crawler against a council website on a local port, with a real database and index behind it. */
class WebsiteCrawlerTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T09:00:00Z"), ZoneOffset.UTC);
    /** The test site is on this machine: loopback is allowed here, as a council would allow its intranet. */
    private static final KnowledgeProperties.Crawl FAST = new KnowledgeProperties.Crawl(
            false,
            Duration.ZERO,
            Duration.ofSeconds(2),
            DataSize.ofKilobytes(64),
            5,
            100,
            "CouncilChatBot/test",
            List.of("127.0.0.1"));

    @TempDir
    Path index;

    private TestDatabase database;
    private KnowledgeBase knowledge;
    private CrawlSourceRepository sources;
    private CouncilWebsite site;
    private final List<Duration> pauses = new ArrayList<>();
    private final List<String> visited = new ArrayList<>();

    @BeforeEach
    void start() {
        database = TestDatabase.migrated();
        knowledge = new KnowledgeBase(
                new FaqRepository(database.jdbc()),
                new KnowledgeProperties(index, 0.6, KnowledgeProperties.DEFAULT_SYNONYMS, false, null),
                CLOCK,
                event -> {});
        sources = new CrawlSourceRepository(database.jdbc());
        site = CouncilWebsite.millbrook();
    }

    @AfterEach
    void stop() throws IOException {
        site.close();
        knowledge.destroy();
        database.shutdown();
    }

    private WebsiteCrawler crawler(KnowledgeProperties.Crawl settings) {
        return new WebsiteCrawler(
                knowledge,
                new FaqRepository(database.jdbc()),
                sources,
                database.transactionManager(),
                settings,
                CLOCK,
                pauses::add);
    }

    private CrawlReport crawl(boolean publish) {
        return crawler(FAST)
                .crawl(
                        new CrawlRequest(site.url("/"), 100, Set.of(), publish),
                        (url, outcome, done, waiting) -> visited.add(url.getPath() + " " + outcome),
                        "editor@millbrook.example");
    }

    private Map<String, Faq> faqsByQuestion() {
        return knowledge.all().stream().collect(Collectors.toMap(Faq::question, Function.identity()));
    }

    @Test
    void crawlsTheSiteIntoDraftFaqsAndReportsEveryBadUrl() {
        CrawlReport report = crawl(false);

        assertThat(report.problems())
                .as(String.join("\n", visited))
                .hasSize(8) // two more: GOV.UK links in the Blue Badge text that this site does not have
                .anySatisfy(p -> assertThat(p).endsWith("/old-page: HTTP 404"))
                .anySatisfy(p -> assertThat(p).contains("/loop-a: redirect loop"))
                .anySatisfy(p -> assertThat(p).endsWith("/forms/garden-waste.pdf: not HTML (application/pdf)"))
                .anySatisfy(p -> assertThat(p).endsWith("/faqs/council-tax/discounts: HTTP 404"))
                .anySatisfy(p -> assertThat(p).endsWith("/cookies: HTTP 404")) // linked from the GOV.UK footer
                .anySatisfy(p -> assertThat(p).endsWith("/help: HTTP 404"));
        assertThat(report.toJson())
                .isEqualTo("{\"pages\": 8, \"faqs_created\": 13, \"faqs_updated\": 0, \"unchanged\": 0,"
                        + " \"skipped_robots\": 1, \"errors\": 8}");

        Map<String, Faq> faqs = faqsByQuestion();
        assertThat(faqs.values()).allSatisfy(faq -> assertThat(faq.status()).isEqualTo(Faq.FaqStatus.DRAFT));
        // details/summary, with the script and the onclick taken out
        assertThat(faqs.get("Can I pay in 12 instalments instead of 10?").answerHtml())
                .isEqualTo("<p>Yes. Ask us before 1 April and we will spread your bill over 12 months.</p>");
        assertThat(faqs.get("Who gets a single person discount?").answerHtml())
                .contains("<strong>25% off</strong>")
                .doesNotContain("onclick");
        // JSON-LD FAQPage, preferred to the headings that repeat it
        assertThat(faqs.get("What goes in the blue bin?").answerHtml())
                .isEqualTo("<p>Paper, card, cans and plastic bottles.</p>");
        // dl/dt/dd on a page only the sitemap lists
        assertThat(faqs.get("How many visitor permits can I have?").sourceUrl())
                .isEqualTo(site.url("/parking").toString());
        // question headings in broken markup; "Opening times over Christmas" is not a question
        assertThat(faqs.get("When are the libraries open?").answerHtml())
                .contains("9am to 5pm")
                .contains("until 7pm on Thursdays")
                .doesNotContain("24 December");
        assertThat(faqs.get("Can I renew my books online?").answerHtml()).contains("<li>up to 3 times</li>");
        // a real GOV.UK page without FAQ markup: one entry, without the cookie banner, navigation or footer
        Faq strayDog = faqs.get("Report a stray dog");
        assertThat(strayDog.answerHtml())
                .contains("you must report it to the council")
                .contains("<h3>Keeping a stray dog</h3>")
                .doesNotContain("cookies", "Skip to main content", "Open Government Licence", "Staff rota");
        assertThat(strayDog.serviceArea()).isEqualTo("report-stray-dog");
        assertThat(sources.find(strayDog.id()).orElseThrow().contentHash()).hasSize(64);
    }

    @Test
    void honoursRobotsTxtAndItsCrawlDelayAndStaysOnTheAllowedHost() {
        CrawlReport report = crawl(false);

        assertThat(report.skippedRobots()).isEqualTo(1);
        assertThat(visited).contains("/staff/rota skipped: robots.txt");
        assertThat(site.requested())
                .noneMatch(r -> r.contains("/staff/"))
                .noneMatch(r -> r.contains("/elsewhere"))
                .allMatch(r -> r.startsWith("127.0.0.1:"));
        assertThat(site.userAgents()).containsOnly("CouncilChatBot/test");
        // every URL after the first waits the site's Crawl-delay, longer than ours (none here); a redirect's
        // hops belong to the one URL
        long redirectHops =
                site.requested().stream().filter(r -> r.endsWith("/loop-b")).count();
        assertThat(pauses)
                .hasSize((int) (site.requested().size() - redirectHops - 1))
                .containsOnly(Duration.ofSeconds(2));
    }

    @Test
    void waitsAtLeastTheConfiguredDelayWhenTheSiteAsksForLess() {
        site.put("/robots.txt", CouncilWebsite.Answer.text("text/plain", "User-agent: *\nCrawl-delay: 0.5\n"));
        crawler(new KnowledgeProperties.Crawl(
                        false,
                        Duration.ofSeconds(1),
                        FAST.timeout(),
                        FAST.maxPageSize(),
                        5,
                        3,
                        FAST.userAgent(),
                        FAST.allowedInternalHosts()))
                .crawl(
                        new CrawlRequest(site.url("/"), 3, Set.of(), false),
                        CrawlProgress.NONE,
                        "editor@millbrook.example");

        assertThat(pauses).isNotEmpty().containsOnly(Duration.ofSeconds(1));
    }

    @Test
    void publishesWhenAskedAndTheBotFindsTheAnswer() {
        crawl(true);

        assertThat(knowledge.all()).allSatisfy(faq -> assertThat(faq.status()).isEqualTo(Faq.FaqStatus.PUBLISHED));
        assertThat(knowledge
                        .search("can I renew library books online")
                        .hits()
                        .getFirst()
                        .faq()
                        .question())
                .isEqualTo("Can I renew my books online?");
    }

    @Test
    void recrawlUpdatesChangedEntriesLeavesTheRestAndFlagsThoseWhosePageHasGone() {
        crawl(false);
        Faq strayDog = faqsByQuestion().get("Report a stray dog");
        Faq beforeUnchanged = faqsByQuestion().get("How do I pay my Council Tax?");
        site.put(
                "/faqs/council-tax",
                CouncilWebsite.Answer.html(
                        site.fixture("council-tax-faqs.html").replace("before 1 April", "before 15 March")));
        site.remove("/report-stray-dog");
        visited.clear();

        CrawlReport again = crawl(false);

        assertThat(again.toJson())
                .as(String.join("\n", visited))
                .isEqualTo("{\"pages\": 7, \"faqs_created\": 0, \"faqs_updated\": 1, \"unchanged\": 11,"
                        + " \"skipped_robots\": 1, \"errors\": 9}");
        assertThat(again.flaggedGone()).isEqualTo(1);
        assertThat(faqsByQuestion()
                        .get("Can I pay in 12 instalments instead of 10?")
                        .answerHtml())
                .contains("before 15 March");
        Faq unchanged = faqsByQuestion().get("How do I pay my Council Tax?");
        assertThat(unchanged.version()).isEqualTo(beforeUnchanged.version());
        assertThat(unchanged.updatedAt()).isEqualTo(beforeUnchanged.updatedAt());
        assertThat(sources.find(strayDog.id()).orElseThrow().goneSince()).isNotNull();
        assertThat(sources.find(unchanged.id()).orElseThrow().goneSince()).isNull();
        // the FAQ itself stays for an editor to decide about
        assertThat(knowledge.find(strayDog.id())).isPresent();
    }

    @Test
    void recrawlKeepsAnEditorsChangesAndFlagsThatThePageChangedSince() {
        crawl(false);
        Faq crawled = faqsByQuestion().get("Can I pay in 12 instalments instead of 10?");
        knowledge.save(
                new FaqDraft(
                        crawled.id(),
                        crawled.serviceArea(),
                        crawled.question(),
                        List.of("pay ctax over 12 months"),
                        "<p>Yes: ask us by 1 April. Our words, not the web page's.</p>",
                        crawled.sourceUrl(),
                        Faq.FaqStatus.PUBLISHED,
                        "en"),
                "editor");
        site.put(
                "/faqs/council-tax",
                CouncilWebsite.Answer.html(
                        site.fixture("council-tax-faqs.html").replace("before 1 April", "before 15 March")));

        CrawlReport again = crawl(false);

        assertThat(again.faqsUpdated()).isZero();
        assertThat(again.keptEdits()).isEqualTo(1);
        Faq kept = knowledge.find(crawled.id()).orElseThrow();
        assertThat(kept.answerHtml()).contains("Our words, not the web page's.");
        assertThat(kept.updatedBy()).isEqualTo("editor");
        CrawledPage page = crawler(FAST).crawledPage(crawled.id()).orElseThrow();
        assertThat(page.changedSinceEdit()).isNotNull();
        assertThat(crawler(FAST).flaggedPages()).containsOnlyKeys(crawled.id());

        // A page that goes back to what the FAQ was taken from is no longer flagged.
        site.put("/faqs/council-tax", CouncilWebsite.Answer.html(site.fixture("council-tax-faqs.html")));
        crawl(false);
        assertThat(crawler(FAST).crawledPage(crawled.id()).orElseThrow().changedSinceEdit())
                .isNull();
    }

    @Test
    void aPageThatCannotBeSavedLeavesNothingBehindAndTheCrawlGoesOn() {
        sources = new CrawlSourceRepository(database.jdbc()) {
            @Override
            public void record(String faqId, String pageUrl, OffsetDateTime at, String hash) {
                if (pageUrl.endsWith("/faqs/council-tax")
                        && knowledge.all().stream()
                                .anyMatch(faq -> faq.question().startsWith("Can I pay in 12"))) {
                    throw new IllegalStateException("the database went away");
                }
                super.record(faqId, pageUrl, at, hash);
            }
        };

        CrawlReport report = crawl(false);

        assertThat(report.problems())
                .anySatisfy(
                        p -> assertThat(p).endsWith("/faqs/council-tax: could not be saved (IllegalStateException)"));
        // the page's first FAQ was stored before the second failed: rolled back with it
        assertThat(faqsByQuestion()).doesNotContainKey("How do I pay my Council Tax?");
        assertThat(faqsByQuestion()).containsKey("What goes in the blue bin?");
    }

    @Test
    void publishingOnARecrawlLeavesAnEditorsDraftsAsTheyAre() {
        crawl(false);
        site.put(
                "/faqs/council-tax",
                CouncilWebsite.Answer.html(site.fixture("council-tax-faqs.html")
                        .replace("before 1 April", "before 15 March")
                        .replace(
                                "</main>",
                                "<details><summary>Is there a discount for students?</summary>"
                                        + "<p>Full-time students do not pay.</p></details></main>")));

        crawl(true);

        assertThat(faqsByQuestion()
                        .get("Can I pay in 12 instalments instead of 10?")
                        .status())
                .isEqualTo(Faq.FaqStatus.DRAFT);
        assertThat(faqsByQuestion().get("Is there a discount for students?").status())
                .isEqualTo(Faq.FaqStatus.PUBLISHED);
    }

    @Test
    void anAnswerThatGrowsWhenCleanedStillFitsItsColumn() {
        site.put("/", CouncilWebsite.Answer.html("<h1>Ampersands</h1><p>" + "&amp;".repeat(10_000) + "</p>"));

        CrawlReport report = crawl(false);

        assertThat(report.problems()).noneMatch(p -> p.contains(site.url("/") + ":"));
        assertThat(faqsByQuestion().get("Ampersands").answerHtml()).hasSizeLessThanOrEqualTo(20_000);
    }

    @Test
    void reportsTimeoutsAndPagesOverTheSizeCapAndCarriesOn() {
        site.put(
                "/",
                CouncilWebsite.Answer.html(
                        "<a href='/slow'>slow</a> <a href='/huge'>huge</a> <a href='/bins'>bins</a>"));
        site.put("/slow", CouncilWebsite.Answer.slow(Duration.ofSeconds(4)));
        site.put("/huge", CouncilWebsite.Answer.html("<p>" + "council tax ".repeat(10_000) + "</p>"));

        CrawlReport report = crawl(false);

        assertThat(report.problems())
                .anySatisfy(p -> assertThat(p).endsWith("/slow: " + PageFetcher.NOT_FETCHED))
                .anySatisfy(p -> assertThat(p).endsWith("/huge: larger than 64 KB"));
        assertThat(faqsByQuestion()).containsKey("What goes in the blue bin?");
    }

    @Test
    void anUnreachableHostIsOneErrorNotACrash() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CrawlReport report = crawler(FAST)
                .crawl(
                        new CrawlRequest(URI.create("http://127.0.0.1:" + closedPort + "/"), 10, Set.of(), false),
                        CrawlProgress.NONE,
                        "editor@millbrook.example");

        assertThat(report.toJson())
                .isEqualTo("{\"pages\": 0, \"faqs_created\": 0, \"faqs_updated\": 0, \"unchanged\": 0,"
                        + " \"skipped_robots\": 0, \"errors\": 1}");
        assertThat(report.problems().getFirst()).endsWith(": " + PageFetcher.NOT_FETCHED);
    }

    @Test
    void withTheDefaultSettingsNothingOnThisMachineIsRead() {
        WebsiteCrawler byDefault = crawler(new KnowledgeProperties.Crawl(
                false, Duration.ZERO, FAST.timeout(), FAST.maxPageSize(), 5, 10, FAST.userAgent()));
        int port = site.port();
        List<String> forms = List.of(
                "localhost",
                "127.0.0.1",
                "[::1]",
                "2130706433",
                "127.000.000.001",
                "[::ffff:127.0.0.1]",
                "[0:0:0:0:0:ffff:7f00:1]",
                "[::127.0.0.1]",
                "0.0.0.0",
                "[::]");

        for (String host : forms) {
            CrawlReport report = byDefault.crawl(
                    new CrawlRequest(URI.create("http://" + host + ":" + port + "/"), 10, Set.of(), false),
                    CrawlProgress.NONE,
                    "editor@millbrook.example");

            assertThat(report.problems())
                    .as(host)
                    .singleElement()
                    .satisfies(p -> assertThat(p).endsWith(": " + PageFetcher.NOT_PUBLIC));
        }
        assertThat(site.requested()).isEmpty();
        // 0x7f.1 and 127.1 are not host names a URL can have: such a start page is refused before any crawl.
        for (String host : List.of("0x7f.1", "127.1")) {
            assertThatThrownBy(
                            () -> new CrawlRequest(URI.create("http://" + host + ":" + port + "/"), 1, Set.of(), false))
                    .as(host)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aRedirectOrALinkToAnotherPortOfTheSameHostIsNotFollowed() {
        try (CouncilWebsite admin = new CouncilWebsite()) {
            admin.put("/", CouncilWebsite.Answer.html("<h1>Admin console</h1>"));
            site.put(
                    "/",
                    CouncilWebsite.Answer.html(
                            "<a href='/moved'>moved</a> <a href='" + admin.url("/") + "'>admin</a>"));
            site.put("/moved", CouncilWebsite.Answer.redirect(admin.url("/").toString()));

            CrawlReport report = crawl(false);

            assertThat(report.problems())
                    .anySatisfy(p -> assertThat(p)
                            .endsWith("/moved: redirects outside the allowed hosts (127.0.0.1:" + admin.port() + ")"))
                    .noneMatch(p -> p.startsWith(admin.url("/").toString()));
            assertThat(admin.requested()).isEmpty();
            assertThat(faqsByQuestion()).doesNotContainKey("Admin console");
        }
    }
}
