package org.councilchat.knowledge.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import org.councilchat.councils.Councils;
import org.councilchat.journey.StompTestClient;
import org.councilchat.journey.TestCouncil;
import org.councilchat.knowledge.AnswerFeedback;
import org.councilchat.knowledge.AuditEntry;
import org.councilchat.knowledge.CrawlHistory;
import org.councilchat.knowledge.CrawlRequest;
import org.councilchat.knowledge.EditorAction;
import org.councilchat.knowledge.EditorAudit;
import org.councilchat.knowledge.Faq;
import org.councilchat.knowledge.KnowledgeBase;
import org.councilchat.knowledge.WebsiteCrawler;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** An editor's change reaches residents straight away, and nothing unsafe gets through. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class FaqEditorTests {

    private static final String FAQ = "/editor/faqs/council-tax-instalments";

    @Autowired
    MockMvc mvc;

    @Autowired
    KnowledgeBase knowledge;

    @Autowired
    AnswerFeedback feedback;

    @LocalServerPort
    int port;

    @Autowired
    EditorAudit audit;

    @Autowired
    WebsiteCrawler crawler;

    @Autowired
    CrawlHistory crawls;

    @Autowired
    Clock clock;

    @Autowired
    Councils councils;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void council(DynamicPropertyRegistry registry) {
        TestCouncil.configure(registry);
        // The crawl tests' site is on this machine: no need to be polite to it.
        registry.add("council-chat.knowledge.crawl.delay", () -> "0s");
        // ...and a crawl reads this machine only when the council says it may (the default is the public internet)
        registry.add("council-chat.knowledge.crawl.allowed-internal-hosts", () -> "127.0.0.1");
    }

    @Test
    void aNewFaqIsCreatedAuditedAndAnsweredOncePublished() throws Exception {
        mvc.perform(get("/editor/faqs/new").with(user("editor").roles("EDITOR")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("<h1>New FAQ</h1>")));

        mvc.perform(post("/editor/faqs")
                        .param("council", "millbrook")
                        .with(user("editor").roles("EDITOR"))
                        .with(csrf())
                        .param("question", "Can I keep bees in my garden?")
                        .param("phrasings", "beehive in the garden\nkeeping honey bees")
                        .param("answerHtml", "<p>Yes, you can keep bees.</p><script>alert(1)</script>")
                        .param("serviceArea", "environmental-health")
                        .param("status", "PUBLISHED"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/editor"));

        Faq bees = knowledge.find("can-i-keep-bees-in-my-garden").orElseThrow();
        assertThat(bees.answerHtml()).isEqualTo("<p>Yes, you can keep bees.</p>");
        assertThat(bees.phrasings()).containsExactly("beehive in the garden", "keeping honey bees");
        assertThat(knowledge.search("can I keep bees in my garden").confidentAnswer())
                .hasValueSatisfying(match -> assertThat(match.faq().id()).isEqualTo(bees.id()));
        assertThat(audit.recent(bees.id(), 5)).singleElement().satisfies(entry -> {
            assertThat(entry.editor()).isEqualTo("editor");
            assertThat(entry.action()).isEqualTo(EditorAction.CREATED);
        });

        // The same question again gets an id of its own rather than replacing the first.
        mvc.perform(post("/editor/faqs")
                        .param("council", "millbrook")
                        .with(user("editor").roles("EDITOR"))
                        .with(csrf())
                        .param("question", "Can I keep bees in my garden?")
                        .param("answerHtml", "<p>Ask us first.</p>")
                        .param("serviceArea", "environmental-health")
                        .param("status", "DRAFT"))
                .andExpect(status().is3xxRedirection());
        assertThat(knowledge.find("can-i-keep-bees-in-my-garden-2")).isPresent();
        assertThat(knowledge.find(bees.id()).orElseThrow().answerHtml()).contains("you can keep bees");
    }

    @Test
    void aNewFaqWithoutAQuestionIsExplainedAndNothingIsSaved() throws Exception {
        long before = knowledge.count();
        mvc.perform(post("/editor/faqs")
                        .param("council", "millbrook")
                        .with(user("editor").roles("EDITOR"))
                        .with(csrf())
                        .param("question", "")
                        .param("answerHtml", "<p>An answer to nothing.</p>")
                        .param("serviceArea", "waste")
                        .param("status", "DRAFT"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Enter the question residents ask")))
                .andExpect(content().string(Matchers.containsString("<h1>New FAQ</h1>")));
        assertThat(knowledge.count()).isEqualTo(before);
    }

    @Test
    void previewShowsTheAnswerCleanedAsASaveWouldCleanIt() throws Exception {
        mvc.perform(post("/editor/preview")
                        .with(user("editor").roles("EDITOR"))
                        .with(csrf())
                        .param("answerHtml", "<p onclick=\"x()\">Hello <strong>there</strong></p><img src=x>"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.html").value("<p>Hello <strong>there</strong></p>"))
                .andExpect(jsonPath("$.removed").value(true));
        mvc.perform(post("/editor/preview")
                        .with(user("editor").roles("EDITOR"))
                        .with(csrf())
                        .param("answerHtml", "<p>Just words.</p>"))
                .andExpect(jsonPath("$.removed").value(false));
        // Only editors, and only with the page's CSRF token.
        mvc.perform(post("/editor/preview").with(csrf()).param("answerHtml", "<p>x</p>"))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/editor/preview").with(user("editor").roles("EDITOR")).param("answerHtml", "<p>x</p>"))
                .andExpect(status().isForbidden());
    }

    @Test
    void searchFindsFaqsByWordsInTheirPhrasingsOrAnswers() throws Exception {
        Faq instalments = knowledge.find("council-tax-instalments").orElseThrow();
        String phrasing = instalments.phrasings().getFirst();
        mvc.perform(get("/editor")
                        .param("q", phrasing.toUpperCase())
                        .with(user("editor").roles("EDITOR")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString(instalments.question())))
                .andExpect(content().string(Matchers.not(Matchers.containsString("Report a missed bin"))));
        mvc.perform(get("/editor")
                        .param("q", "zzyzx-nothing")
                        .with(user("editor").roles("EDITOR")))
                .andExpect(content().string(Matchers.containsString("0 FAQs")));
    }

    @Test
    void contentGapsGroupWhatResidentsAskedAndStartANewFaqFromIt() throws Exception {
        feedback.unanswered("millbrook", "can I get a parking permit for my visitors", "en");
        feedback.unanswered("millbrook", "visitor parking permits, email me at pat@example.com", "en");
        feedback.unanswered("millbrook", "where do I get a visitors parking permit", "en");
        feedback.rated("millbrook", "council-tax-bands", false, "is my band wrong", "en");
        feedback.rated("millbrook", "council-tax-bands", true, "what band am I in", "en");
        feedback.unanswered("millbrook", "ble mae'r llyfrgell agosaf", "cy");

        String page = mvc.perform(get("/editor/gaps").with(user("editor").roles("EDITOR")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Asked 3 times")))
                .andExpect(content().string(Matchers.containsString("[email]")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("pat@example.com"))))
                .andExpect(content().string(Matchers.containsString("Residents said this did not help")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("/editor/faqs/new?question=");
        // A Welsh question is its own gap, marked up as Welsh for screen readers, and starts a Welsh FAQ.
        assertThat(page)
                .containsPattern("<h2 id=\"gap-\\d\" lang=\"cy\">“ble mae&#39;r llyfrgell agosaf”</h2>")
                .contains("Asked in Welsh")
                .containsPattern("/editor/faqs/new\\?question=[^\"]*language=cy");
        mvc.perform(get("/editor/faqs/new")
                        .param("question", "ble mae'r llyfrgell agosaf")
                        .param("language", "cy")
                        .with(user("editor").roles("EDITOR")))
                .andExpect(content().string(Matchers.containsString("<option value=\"cy\" lang=\"cy\" selected")));

        mvc.perform(get("/editor/faqs/new")
                        .param("question", "where do I get a visitors parking permit")
                        .param("phrasings", "visitor parking permits", "can I get a parking permit for my visitors")
                        .with(user("editor").roles("EDITOR")))
                .andExpect(
                        content().string(Matchers.containsString("value=\"where do I get a visitors parking permit\"")))
                .andExpect(content()
                        .string(Matchers.containsString(
                                "visitor parking permits\ncan I get a parking permit for my visitors")));

        // Ratings show on the FAQ's page and in the list.
        mvc.perform(get("/editor/faqs/council-tax-bands").with(user("editor").roles("EDITOR")))
                .andExpect(content().string(Matchers.containsString("helped 1 times and did not help 1 times")));
        mvc.perform(get("/editor")
                        .param("area", "council-tax")
                        .with(user("editor").roles("EDITOR")))
                .andExpect(content().string(Matchers.containsString("1 yes, 1 no")));
    }

    @Test
    void aWelshQuestionAnsweredInEnglishIsAGapAskingForTheWelshVersionWhichTheEditorLinksToTheEnglishFaq()
            throws Exception {
        feedback.answeredOnlyInEnglish("millbrook", "council-tax-bands", "pa fand treth y cyngor yw fy nhŷ", "cy");

        String page = mvc.perform(get("/editor/gaps").with(user("editor").roles("EDITOR")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(page)
                .contains("No Welsh version")
                .contains("href=\"/editor/faqs/council-tax-bands\"")
                .containsPattern("/editor/faqs/new\\?question=[^\"]*language=cy&amp;translationOf=council-tax-bands")
                .contains("Write the Welsh version");
        mvc.perform(get("/editor/faqs/new")
                        .param("question", "pa fand treth y cyngor yw fy nhŷ")
                        .param("language", "cy")
                        .param("translationOf", "council-tax-bands")
                        .with(user("editor").roles("EDITOR")))
                .andExpect(content().string(Matchers.containsString("value=\"council-tax-bands\"")));

        mvc.perform(post("/editor/faqs")
                        .param("council", "millbrook")
                        .param("question", "Ym mha fand treth y cyngor mae fy nghartref?")
                        .param("phrasings", "pa fand treth y cyngor yw fy nhŷ")
                        .param("answerHtml", "<p>Edrychwch ar eich bil.</p>")
                        .param("serviceArea", "council-tax")
                        .param("status", "PUBLISHED")
                        .param("language", "cy")
                        .param("translationOf", "council-tax-bands")
                        .with(user("editor").roles("EDITOR"))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());

        assertThat(knowledge.search("pa fand treth y cyngor yw fy nhŷ", "cy").confidentAnswer())
                .map(match -> match.faq().translationOf())
                .contains("council-tax-bands");
        assertThat(mvc.perform(get("/editor/gaps").with(user("editor").roles("EDITOR")))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .doesNotContain("pa fand treth y cyngor yw fy nhŷ");
    }

    @Test
    void whatResidentsAskInTheChatReachesTheContentGapsRedacted() throws Exception {
        try (StompTestClient resident = StompTestClient.resident(port, null)) {
            resident.awaitEvent("/user/queue/events", "welcome", e -> true);
            resident.send("/app/resident/message", Map.of("text", "can I pay my council tax in instalments"));
            awaitBot(resident, "Did this answer your question?");
            resident.send("/app/resident/message", Map.of("text", "No, that didn’t answer my question"));
            awaitBot(resident, "Sorry that didn’t help");
            resident.send(
                    "/app/resident/message",
                    Map.of(
                            "text",
                            "do you hire out canoes on the river? ring me on 07700 900123",
                            "clientMessageId",
                            "canoes"));
            // The bot's reply to this message, not one left over from the turn before.
            long asked = ((Number) resident.awaitEvent(
                                    "/user/queue/events", "message", e -> "canoes".equals(e.get("clientMessageId")))
                            .get("seq"))
                    .longValue();
            resident.awaitEvent(
                    "/user/queue/events",
                    "message",
                    e -> "BOT".equals(e.get("sender")) && ((Number) e.get("seq")).longValue() > asked);
        }

        mvc.perform(get("/editor/gaps").with(user("editor").roles("EDITOR")))
                .andExpect(content()
                        .string(Matchers.containsString("do you hire out canoes on the river? ring me on [phone]")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("07700"))))
                .andExpect(content().string(Matchers.containsString("can I pay my council tax in instalments")))
                .andExpect(content().string(Matchers.containsString("/editor/faqs/council-tax-instalments")));
    }

    @Test
    void oneUnreadableQuestionNeverCostsEditorsTheContentGapsPage() throws Exception {
        // As an older version stored it: a message of only a no-break space.
        jdbc.sql("INSERT INTO answer_feedback (council_id, asked_at, outcome, faq_id, resident_words, language)"
                        + " VALUES ('millbrook', ?, 'UNANSWERED', NULL, ?, 'en')")
                .params(java.time.OffsetDateTime.now(clock), "\u00A0")
                .update();
        try (StompTestClient resident = StompTestClient.resident(port, null)) {
            resident.awaitEvent("/user/queue/events", "welcome", e -> true);
            resident.send(
                    "/app/resident/message",
                    Map.of(
                            "text",
                            "can I rent a canal boat mooring with card ４１１１ １１１１ １１１１ １１１１",
                            "clientMessageId",
                            "moorings"));
            long asked = ((Number) resident.awaitEvent(
                                    "/user/queue/events", "message", e -> "moorings".equals(e.get("clientMessageId")))
                            .get("seq"))
                    .longValue();
            resident.awaitEvent(
                    "/user/queue/events",
                    "message",
                    e -> "BOT".equals(e.get("sender")) && ((Number) e.get("seq")).longValue() > asked);
        }

        mvc.perform(get("/editor/gaps").with(user("editor").roles("EDITOR")))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(Matchers.containsString(
                                "can I rent a canal boat mooring with card [card number removed]")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("４１１１"))));
    }

    /** Waits for a message from the bot containing the fragment. */
    private static void awaitBot(StompTestClient resident, String fragment) {
        resident.awaitEvent(
                "/user/queue/events",
                "message",
                e -> "BOT".equals(e.get("sender"))
                        && String.valueOf(e.get("text")).contains(fragment));
    }

    @Test
    void everyEditorActionIsOnTheAuditPage() throws Exception {
        Faq bands = knowledge.find("council-tax-bands").orElseThrow();
        for (String status : new String[] {"DRAFT", "PUBLISHED", "ARCHIVED"}) {
            mvc.perform(post("/editor/faqs/council-tax-bands")
                            .with(user("supervisor").roles("EDITOR"))
                            .with(csrf())
                            .param("question", bands.question())
                            .param("answerHtml", bands.answerHtml())
                            .param("serviceArea", bands.serviceArea())
                            .param("status", status))
                    .andExpect(status().is3xxRedirection());
        }
        mvc.perform(post("/editor/faqs/council-tax-bands/revert")
                        .with(user("supervisor").roles("EDITOR"))
                        .with(csrf())
                        .param("version", String.valueOf(bands.version())))
                .andExpect(status().is3xxRedirection());

        assertThat(audit.recent("council-tax-bands", 10))
                .extracting(AuditEntry::action)
                .containsSubsequence(
                        EditorAction.REVERTED, EditorAction.ARCHIVED, EditorAction.PUBLISHED, EditorAction.UNPUBLISHED);
        mvc.perform(get("/editor/audit")
                        .param("faq", "council-tax-bands")
                        .with(user("editor").roles("EDITOR")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Unpublished")))
                .andExpect(content().string(Matchers.containsString("Archived")))
                .andExpect(content().string(Matchers.containsString("Reverted")))
                .andExpect(content().string(Matchers.containsString("supervisor")));
    }

    @Test
    void aCrawlStartedFromTheEditorRunsInTheBackgroundAndEndsWithItsReport() throws Exception {
        try (LocalCouncilSite site = LocalCouncilSite.start()) {
            mvc.perform(post("/editor/crawl")
                            .param("council", "millbrook")
                            .with(user("supervisor").roles("EDITOR"))
                            .with(csrf())
                            .param("start", site.url("/"))
                            .param("maxPages", "10")
                            .param("allow", ""))
                    .andExpect(status().is3xxRedirection())
                    .andExpect(redirectedUrl("/editor/crawl"));

            awaitTheCrawl();

            mvc.perform(get("/editor/crawl/progress").with(user("supervisor").roles("EDITOR")))
                    .andExpect(jsonPath("$.running").value(false))
                    // the two questions of the permits page, and the home page as one page-level entry
                    .andExpect(jsonPath("$.report.faqsCreated").value(3))
                    .andExpect(jsonPath("$.report.errors").value(1));
            mvc.perform(get("/editor/crawl").with(user("supervisor").roles("EDITOR")))
                    .andExpect(content().string(Matchers.containsString("The last crawl")))
                    .andExpect(content().string(Matchers.containsString(site.url("/gone") + ": HTTP 404")));
            assertThat(knowledge.all())
                    .filteredOn(faq -> faq.question().equals("Can I get a visitor parking permit?"))
                    .singleElement()
                    .extracting(Faq::status)
                    .isEqualTo(Faq.FaqStatus.DRAFT);
            assertThat(audit.recent(null, 50))
                    .extracting(AuditEntry::action)
                    .contains(EditorAction.CRAWL_STARTED, EditorAction.CRAWL_FINISHED);
            // After a restart the page still has the report, with the address that could not be used.
            assertThat(afterARestart().status()).get().satisfies(last -> {
                assertThat(last.running()).isFalse();
                assertThat(last.startedBy()).isEqualTo("supervisor");
                assertThat(last.failure()).isNull();
                assertThat(last.report().faqsCreated()).isEqualTo(3);
                assertThat(last.report().problems()).contains(site.url("/gone") + ": HTTP 404");
            });

            // An editor rewrites a crawled answer; then the web page changes and the site is crawled again.
            Faq permit = knowledge.all().stream()
                    .filter(faq -> faq.question().equals("Can I get a visitor parking permit?"))
                    .findFirst()
                    .orElseThrow();
            mvc.perform(post("/editor/faqs/" + permit.id())
                            .with(user("editor").roles("EDITOR"))
                            .with(csrf())
                            .param("question", permit.question())
                            .param("answerHtml", "<p>Yes. Sam's answer: 50 a year, apply online.</p>")
                            .param("serviceArea", permit.serviceArea())
                            .param("status", "PUBLISHED"))
                    .andExpect(status().is3xxRedirection());
            site.change("/parking/permits", "up to 50 a year", "up to 60 a year");
            mvc.perform(post("/editor/crawl")
                            .param("council", "millbrook")
                            .with(user("supervisor").roles("EDITOR"))
                            .with(csrf())
                            .param("start", site.url("/"))
                            .param("maxPages", "10"))
                    .andExpect(status().is3xxRedirection());
            awaitTheCrawl();

            mvc.perform(get("/editor/crawl/progress").with(user("supervisor").roles("EDITOR")))
                    .andExpect(jsonPath("$.report.keptEdits").value(1));
            assertThat(knowledge.find(permit.id()).orElseThrow().answerHtml()).contains("Sam's answer");
            mvc.perform(get("/editor/faqs/" + permit.id()).with(user("editor").roles("EDITOR")))
                    .andExpect(content().string(Matchers.containsString("The web page changed since your edit")));
            mvc.perform(get("/editor")
                            .param("q", "visitor parking permit")
                            .with(user("editor").roles("EDITOR")))
                    .andExpect(content().string(Matchers.containsString("The web page changed since your edit")));
        }
    }

    @Test
    void aCrawlCutShortByARestartSaysSoAfterwards() {
        crawls.started(
                new CrawlRequest(URI.create("https://www.millbrook.gov.uk/"), 20, Set.of(), false),
                "millbrook",
                "supervisor",
                OffsetDateTime.now(clock));

        assertThat(afterARestart().status())
                .get()
                .extracting(EditorCrawls.CrawlStatus::running, EditorCrawls.CrawlStatus::failure)
                .containsExactly(false, "The crawl did not finish: the server stopped while it ran. Start it again.");
    }

    /** The crawls as a newly started server sees them: nothing running, the rest from the database. */
    private EditorCrawls afterARestart() {
        EditorCrawls restarted = new EditorCrawls(crawler, crawls, clock, councils);
        restarted.destroy();
        return restarted;
    }

    /** Polls the crawl's progress, as the page does, until it has finished. */
    private void awaitTheCrawl() throws Exception {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(30));
        String progress;
        do {
            Thread.sleep(100);
            progress = mvc.perform(get("/editor/crawl/progress")
                            .with(user("supervisor").roles("EDITOR")))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
        } while (progress.contains("\"running\":true") && Instant.now().isBefore(giveUp));
    }

    @Test
    void aCrawlStartPageThatIsNotAWebAddressIsExplained() throws Exception {
        mvc.perform(post("/editor/crawl")
                        .param("council", "millbrook")
                        .with(user("supervisor").roles("EDITOR"))
                        .with(csrf())
                        .param("start", "millbrook council")
                        .param("maxPages", "lots")
                        .param("allow", "https://forms.example/"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Enter the start page as a web address")))
                .andExpect(content().string(Matchers.containsString("as a whole number from 1 to")))
                .andExpect(content().string(Matchers.containsString("host names only")));
    }

    @Test
    void publishedChangeIsWhatTheBotFindsImmediately() throws Exception {
        mvc.perform(post(FAQ)
                        .with(user("editor").roles("EDITOR"))
                        .with(csrf())
                        .param("question", "Can I pay my council tax in instalments?")
                        .param("phrasings", "spread council tax payments\npay ctax monthly")
                        .param(
                                "answerHtml",
                                "<p>Yes, in 10 or 12 monthly instalments. <strong>Quarterly too</strong>.</p>"
                                        + "<script>alert('x')</script><p onclick=\"steal()\">Call us.</p>")
                        .param("serviceArea", "council-tax")
                        .param("sourceUrl", "https://www.millbrook.example/council-tax/paying")
                        .param("status", "PUBLISHED"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/editor"));

        var answer = knowledge
                .search("pay my council tax in instalments")
                .confidentAnswer()
                .orElseThrow();
        assertThat(answer.faq().id()).isEqualTo("council-tax-instalments");
        assertThat(answer.faq().answerHtml())
                .contains("Quarterly too")
                .doesNotContain("script")
                .doesNotContain("onclick");
        assertThat(answer.faq().updatedBy()).isEqualTo("editor");
        assertThat(answer.faq().version()).isGreaterThan(1);
    }

    @Test
    void archivedFaqIsNoLongerAnswered() throws Exception {
        String id = "join-the-library";
        var before = knowledge.find(id).orElseThrow();
        mvc.perform(post("/editor/faqs/" + id)
                        .with(user("editor").roles("EDITOR"))
                        .with(csrf())
                        .param("question", before.question())
                        .param("phrasings", String.join("\n", before.phrasings()))
                        .param("answerHtml", before.answerHtml())
                        .param("serviceArea", before.serviceArea())
                        .param("sourceUrl", before.sourceUrl())
                        .param("status", "ARCHIVED"))
                .andExpect(status().is3xxRedirection());
        assertThat(knowledge.search(before.question()).hits())
                .noneMatch(hit -> hit.faq().id().equals(id));
    }

    @Test
    void missingAnswerIsExplainedAndNothingIsSaved() throws Exception {
        int versionBefore = knowledge.find("council-tax-bands").orElseThrow().version();
        mvc.perform(post("/editor/faqs/council-tax-bands")
                        .with(user("editor").roles("EDITOR"))
                        .with(csrf())
                        .param("question", "What council tax band am I in?")
                        .param("answerHtml", " ")
                        .param("serviceArea", "council-tax")
                        .param("status", "PUBLISHED"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Enter the answer")));
        assertThat(knowledge.find("council-tax-bands").orElseThrow().version()).isEqualTo(versionBefore);
    }

    @Test
    void tryAQuestionShowsWhatTheBotWouldFind() throws Exception {
        mvc.perform(get("/editor")
                        .param("try", "how do I report fly tipping")
                        .with(user("editor").roles("EDITOR")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("confidence")));
    }

    @Test
    void ownerAndReviewDateAreKeptAndAnEarlierVersionCanBePutBackFromTheHistory() throws Exception {
        String id = "bulky-waste-collection";
        var before = knowledge.find(id).orElseThrow();
        mvc.perform(post("/editor/faqs/" + id)
                        .with(user("editor").roles("EDITOR"))
                        .with(csrf())
                        .param("question", before.question())
                        .param("phrasings", String.join("\n", before.phrasings()))
                        .param("answerHtml", "<p>We no longer collect bulky waste.</p>")
                        .param("serviceArea", before.serviceArea())
                        .param("sourceUrl", before.sourceUrl())
                        .param("status", "PUBLISHED")
                        .param("owner", "waste.team@millbrook.example")
                        .param("reviewBy", "2026-11-01"))
                .andExpect(status().is3xxRedirection());
        var changed = knowledge.find(id).orElseThrow();
        assertThat(changed.owner()).isEqualTo("waste.team@millbrook.example");

        // The list can show only what is due for review: 1 November 2026 has passed.
        mvc.perform(get("/editor").param("due", "1").with(user("editor").roles("EDITOR")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("(due)")))
                .andExpect(content().string(Matchers.containsString(before.question())));

        mvc.perform(get("/editor/faqs/" + id + "/history").with(user("editor").roles("EDITOR")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Put version " + before.version() + " back")));
        mvc.perform(post("/editor/faqs/" + id + "/revert")
                        .with(user("supervisor").roles("EDITOR"))
                        .with(csrf())
                        .param("version", String.valueOf(before.version())))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/editor/faqs/" + id + "/history"));

        var reverted = knowledge.find(id).orElseThrow();
        assertThat(reverted.answerHtml()).isEqualTo(before.answerHtml());
        assertThat(reverted.version()).isEqualTo(changed.version() + 1);
        assertThat(reverted.updatedBy()).isEqualTo("supervisor");
        assertThat(knowledge.history(id)).extracting(Faq::updatedBy).startsWith("supervisor", "editor");
    }

    @Test
    void aReviewDateThatIsNotADateIsExplained() throws Exception {
        var before = knowledge.find("council-tax-bands").orElseThrow();
        mvc.perform(post("/editor/faqs/council-tax-bands")
                        .with(user("editor").roles("EDITOR"))
                        .with(csrf())
                        .param("question", before.question())
                        .param("answerHtml", before.answerHtml())
                        .param("serviceArea", before.serviceArea())
                        .param("status", "PUBLISHED")
                        .param("reviewBy", "next spring"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("The review date must be a real date")));
        assertThat(knowledge.find("council-tax-bands").orElseThrow().version()).isEqualTo(before.version());
    }
}
