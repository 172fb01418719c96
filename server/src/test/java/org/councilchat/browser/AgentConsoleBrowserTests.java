package org.councilchat.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.councilchat.journey.StompTestClient.EVENTS;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.councilchat.handoff.CannedResponses;
import org.councilchat.handoff.Handoffs;
import org.councilchat.handoff.ResidentPresence;
import org.councilchat.journey.StompTestClient;
import org.councilchat.journey.TestCouncil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.socket.WebSocketHttpHeaders;

/**
 * The agent console's tools for a busy contact centre, in Chromium, with the keyboard, and axe-core (WCAG 2.2
 * AA) after each step: an internal note, a canned response inserted and edited before sending; and the
 * supervisor's pages (canned responses with an error summary, and the live view).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestCouncil.FixedClock.class)
class AgentConsoleBrowserTests {

    private static final String CANNED = "Sorry your bin was missed. We will collect it within two working days.";

    @RegisterExtension
    static final Browsers browsers = new Browsers();

    @LocalServerPort
    int port;

    @Autowired
    CannedResponses cannedResponses;

    @Autowired
    Handoffs handoffs;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ResidentPresence residents;

    @Autowired
    SimpMessagingTemplate clients;

    @DynamicPropertySource
    static void council(DynamicPropertyRegistry registry) {
        TestCouncil.configure(registry);
    }

    /**
     * Each test starts with the demo agent holding no chats and nobody waiting. Other tests sharing this
     * application context leave chats open; an agent at their limit cannot accept the test's chat, and their
     * restored tab, not the new one, would be the panel the test reads.
     */
    @BeforeEach
    void anIdleAgentAndAnEmptyQueue() {
        for (var chat : handoffs.chatsHeldBy("agent")) {
            handoffs.close(chat.id(), () -> "agent", "OTHER");
        }
        for (var waiting : handoffs.queue()) {
            handoffs.endByResident(waiting.conversationId(), false);
        }
    }

    @Test
    void agentWritesAnInternalNoteAndSendsAnEditedCannedResponse() {
        if (cannedResponses.all().stream().noneMatch(r -> r.title().equals("Missed bin"))) {
            cannedResponses.add("Missed bin", CANNED, "supervisor");
        }
        WebDriver browser = browsers.open();
        Staff.signIn(browser, port, "agent", "agent-demo");
        Staff.openAgentConsole(browser, port);

        try (StompTestClient resident = residentWhoAsksForAPerson()) {
            Browsers.waitFor(browser)
                    .until(ExpectedConditions.elementToBeClickable(Staff.ACCEPT))
                    .sendKeys(Keys.ENTER);
            WebElement transcript =
                    Browsers.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(Staff.TRANSCRIPT));

            WebElement note = browser.findElement(By.cssSelector(".ac-panel:not([hidden]) .ac-note-text"));
            note.sendKeys("Resident sounds worried: be gentle.");
            browser.findElement(By.cssSelector(".ac-panel:not([hidden]) .ac-add-note"))
                    .sendKeys(Keys.ENTER);
            WebElement shown = Browsers.waitFor(browser)
                    .until(ExpectedConditions.visibilityOfElementLocated(
                            By.cssSelector(".ac-panel:not([hidden]) .ac-note")));
            assertThat(shown.getText()).contains("Internal note", "Sam (demo agent)", "Resident sounds worried");
            Browsers.assertNoAxeViolations(browser, "The agent console with an internal note");

            WebElement picker = browser.findElement(By.cssSelector(".ac-panel:not([hidden]) .ac-canned-select"));
            Browsers.waitFor(browser).until(d -> new Select(picker).getOptions().size() > 1);
            new Select(picker).selectByVisibleText("Missed bin");
            browser.findElement(By.cssSelector(".ac-panel:not([hidden]) .ac-canned-insert"))
                    .sendKeys(Keys.ENTER);
            WebElement reply = browser.findElement(Staff.REPLY);
            assertThat(reply.getAttribute("value")).isEqualTo(CANNED);
            assertThat(browser.switchTo().activeElement()).isEqualTo(reply);
            reply.sendKeys(" Is there anything else?", Keys.ENTER);

            String sent = CANNED + " Is there anything else?";
            Browsers.waitFor(browser).until(d -> transcript.getText().contains("Is there anything else?"));
            resident.awaitEvent(EVENTS, "message", e -> sent.equals(e.get("text")));
            assertThat(resident.unclaimed()).noneMatch(r -> r.body().toString().contains("worried"));
            Browsers.assertNoAxeViolations(browser, "The agent console after a canned response was sent");
        }
    }

    @Test
    void aConsoleToldToCatchUpShowsWhatAnotherServerStoredWhileLiveEventsWereCut() {
        WebDriver browser = browsers.open();
        Staff.signIn(browser, port, "agent", "agent-demo");
        Staff.openAgentConsole(browser, port);

        try (StompTestClient resident = residentWhoAsksForAPerson()) {
            String conversationId = acceptsTheChatOf(browser, resident);
            WebElement transcript =
                    Browsers.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(Staff.TRANSCRIPT));

            // What the resident's server stored while RabbitMQ was away: in the database, never pushed here.
            jdbc.sql("UPDATE conversation SET last_seq = last_seq + 1 WHERE id = ?")
                    .param(conversationId)
                    .update();
            long seq = jdbc.sql("SELECT last_seq FROM conversation WHERE id = ?")
                    .param(conversationId)
                    .query(Long.class)
                    .single();
            jdbc.sql("""
                            INSERT INTO chat_message (conversation_id, seq, sender, body, sent_at)
                            VALUES (?, ?, 'RESIDENT', 'Said on the other server', ?)""")
                    .params(conversationId, seq, OffsetDateTime.now(ZoneOffset.UTC))
                    .update();

            clients.convertAndSendToUser("agent", "/queue/agent", Map.of("type", "resync"));
            Browsers.waitFor(browser)
                    .withMessage(
                            () -> "the missed message after the catch-up; the console shows:\n" + transcript.getText())
                    .until(d -> transcript.getText().contains("Said on the other server"));
            assertThat(transcript.getText().split("I want to speak to a person", -1))
                    .as("what the console already showed, still shown once")
                    .hasSize(2);
            handoffs.close(conversationId, () -> "agent", "RESOLVED");
        }
    }

    @Test
    void theConsoleSaysWhenTheResidentHasLeftBesideTheReplyBox() {
        WebDriver browser = browsers.open();
        Staff.signIn(browser, port, "agent", "agent-demo");
        Staff.openAgentConsole(browser, port);

        String conversationId;
        try (StompTestClient resident = residentWhoAsksForAPerson()) {
            conversationId = acceptsTheChatOf(browser, resident);
        }
        // The resident's page closed; three minutes on (the grace period is two), the check finds them gone.
        Browsers.waitFor(browser)
                .until(d ->
                        jdbc.sql("SELECT COUNT(*) FROM conversation WHERE id = ? AND resident_away_since IS NOT NULL")
                                        .param(conversationId)
                                        .query(Integer.class)
                                        .single()
                                == 1);
        jdbc.sql("UPDATE conversation SET resident_away_since = resident_away_since - INTERVAL '3' MINUTE WHERE id = ?")
                .param(conversationId)
                .update();
        residents.residentsWhoLeft();

        WebElement note = Browsers.waitFor(browser)
                .withMessage("the console to say the resident has left")
                .until(ExpectedConditions.visibilityOfElementLocated(
                        By.cssSelector(".ac-panel:not([hidden]) .ac-left-note")));
        assertThat(note.getText()).startsWith("The resident has left.");
        Browsers.assertNoAxeViolations(browser, "The agent console after the resident left");
        handoffs.close(conversationId, () -> "agent", "NO_RESPONSE");
    }

    @Test
    void aResidentsBidiControlsCannotReorderTheConsole() {
        WebDriver browser = browsers.open();
        Staff.signIn(browser, port, "agent", "agent-demo");
        Staff.openAgentConsole(browser, port);

        try (StompTestClient resident = residentWhoAsksForAPerson()) {
            Browsers.waitFor(browser)
                    .until(ExpectedConditions.elementToBeClickable(Staff.ACCEPT))
                    .sendKeys(Keys.ENTER);
            WebElement transcript =
                    Browsers.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(Staff.TRANSCRIPT));
            resident.awaitEvent(EVENTS, "status", e -> "WITH_AGENT".equals(e.get("state")));

            // An override left open (taken out on the way in) and a paired isolate around Arabic (kept).
            resident.send("/app/resident/message", Map.of("text", "my invoice \u202Efdp.exe is wrong"));
            resident.send("/app/resident/message", Map.of("text", "I live on \u2067شارع\u2069 street"));
            Browsers.waitFor(browser).until(d -> transcript.getText().contains("street"));

            List<WebElement> texts = transcript.findElements(By.cssSelector(".ac-msg-text"));
            assertThat(texts)
                    .allSatisfy(text -> assertThat(text.getAttribute("dir")).isEqualTo("auto"));
            assertThat(texts).extracting(WebElement::getText).contains("my invoice fdp.exe is wrong");
            assertThat(transcript.findElements(By.cssSelector(".ac-sender")))
                    .allSatisfy(name -> assertThat(name.getTagName()).isEqualTo("bdi"));
        }
    }

    @Test
    void aWelshMessageInAnEnglishChatIsMarkedForTheAgentAndReadOutInWelsh() {
        WebDriver browser = browsers.open();
        Staff.signIn(browser, port, "agent", "agent-demo");
        Staff.openAgentConsole(browser, port);

        try (StompTestClient resident = residentWhoAsksForAPerson()) {
            String conversationId = acceptsTheChatOf(browser, resident);
            WebElement transcript =
                    Browsers.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(Staff.TRANSCRIPT));

            resident.send(
                    "/app/resident/message",
                    Map.of("text", "Diolch, rydw i eisiau talu fy nhreth gyngor mewn rhandaliadau os gwelwch yn dda"));
            Browsers.waitFor(browser).until(d -> transcript.getText().contains("rhandaliadau"));

            WebElement welsh =
                    transcript.findElements(By.cssSelector(".ac-msg-resident")).getLast();
            assertThat(welsh.findElement(By.cssSelector(".ac-msg-language")).getText())
                    .isEqualTo("written in Welsh");
            assertThat(welsh.findElement(By.cssSelector(".ac-msg-text")).getAttribute("lang"))
                    .as("screen readers read it in Welsh")
                    .isEqualTo("cy");
            assertThat(transcript.findElements(By.cssSelector(".ac-msg-language")))
                    .as("the English messages of the English chat are not marked")
                    .hasSize(1);
            Browsers.assertNoAxeViolations(browser, "The agent console with a Welsh message in an English chat");
            handoffs.close(conversationId, () -> "agent", "RESOLVED");
        }
    }

    @Test
    void aWaitingChatShowsItsServiceAndIsMarkedForTheAgentItIsMeantFor() {
        WebDriver browser = browsers.open();
        Staff.signIn(browser, port, "agent", "agent-demo"); // Sam handles waste
        Staff.openAgentConsole(browser, port);

        try (StompTestClient alex = StompTestClient.agent(port, "agent2", "agent-demo", "/user/queue/agent");
                StompTestClient resident = StompTestClient.resident(port, null)) {
            String conversationId =
                    (String) resident.awaitEvent(EVENTS, "welcome", e -> true).get("conversationId");
            handoffs.requestAgent(
                    conversationId,
                    "RESIDENT_ASKED",
                    Map.of(
                            "topic", "missed_bin",
                            "intent", "speak_to_person",
                            "confidence", "0.97",
                            "service", "waste",
                            "postcode", "MB1 1AA"));

            By card = By.cssSelector("#ac-queue li[data-conversation-id='" + conversationId + "']");
            Browsers.waitFor(browser).until(ExpectedConditions.textToBePresentInElementLocated(card, "For you"));
            // What the chat is about, in the server's words: never the bot's intent id or its confidence.
            assertThat(browser.findElement(card).getText())
                    .contains("For Waste and recycling.", "A missed bin, then asked for a person", "MB1 1AA")
                    .doesNotContain("speak_to_person", "missed_bin", "97%", "0.97");
            Browsers.assertNoAxeViolations(browser, "The agent console with a chat meant for this agent");

            browser.findElement(card).findElement(By.cssSelector(".ac-accept")).sendKeys(Keys.ENTER);
            // The accepted chat's tab opens with the service in its context panel.
            By context = By.cssSelector(".ac-panel:not([hidden]) .ac-context");
            Browsers.waitFor(browser).until(ExpectedConditions.textToBePresentInElementLocated(context, "Waste"));
            assertThat(browser.findElement(context).getText()).contains("Service", "Postcode");
            By about = By.cssSelector(".ac-panel:not([hidden]) .ac-context-panel");
            assertThat(browser.findElement(about).getText())
                    .contains("A missed bin, then asked for a person")
                    .doesNotContain("speak_to_person", "Confidence");
        }
    }

    @Test
    void agentPassesAChatBackToTheQueueForAServiceWithANote() {
        WebDriver browser = browsers.open();
        Staff.signIn(browser, port, "agent", "agent-demo");
        Staff.openAgentConsole(browser, port);

        try (StompTestClient resident = residentWhoAsksForAPerson()) {
            String conversationId =
                    (String) resident.awaitEvent(EVENTS, "message", e -> true).get("conversationId");
            By acceptThisOne = By.cssSelector("#ac-queue .ac-accept[data-conversation-id='" + conversationId + "']");
            Browsers.waitFor(browser)
                    .until(ExpectedConditions.elementToBeClickable(acceptThisOne))
                    .sendKeys(Keys.ENTER);
            Browsers.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(Staff.TRANSCRIPT));

            WebElement to = browser.findElement(By.cssSelector(".ac-panel:not([hidden]) .ac-transfer-to"));
            Browsers.waitFor(browser).until(d -> new Select(to).getOptions().size() > 3);
            new Select(to).selectByVisibleText("Waiting list: Council tax");
            browser.findElement(By.cssSelector(".ac-panel:not([hidden]) .ac-transfer-note"))
                    .sendKeys("Wants to pay in instalments");
            Browsers.assertNoAxeViolations(browser, "The agent console about to pass a chat on");
            browser.findElement(By.cssSelector(".ac-panel:not([hidden]) .ac-transfer"))
                    .sendKeys(Keys.ENTER);

            Browsers.waitFor(browser)
                    .until(ExpectedConditions.textToBePresentInElementLocated(
                            By.cssSelector(".ac-panel:not([hidden]) .ac-ended-note"),
                            "You passed this chat back to the waiting list for Council tax."));
            assertThat((String) resident.awaitEvent(EVENTS, "message", e -> "SYSTEM".equals(e.get("sender")))
                            .get("text"))
                    .startsWith("Your adviser has passed your chat to a colleague");
            WebElement card = Browsers.waitFor(browser)
                    .until(ExpectedConditions.visibilityOfElementLocated(
                            By.cssSelector("#ac-queue li[data-conversation-id='" + conversationId + "']")));
            assertThat(card.getText()).contains("For Council tax");
            Browsers.assertNoAxeViolations(browser, "The agent console after passing a chat on");
        }
    }

    @Test
    void supervisorAddsACannedResponseAfterFixingWhatTheErrorSummaryLists() {
        WebDriver browser = browsers.open();
        Staff.signIn(browser, port, "supervisor", "supervisor-demo");
        browser.get(url("/supervisor/canned-responses"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Canned responses");
        Browsers.assertNoAxeViolations(browser, "The canned responses list");

        browser.findElement(By.id("add-response")).sendKeys(Keys.ENTER);
        Browsers.waitFor(browser).until(ExpectedConditions.urlContains("/new"));
        browser.findElement(By.id("title")).sendKeys("Council tax direct debit");
        browser.findElement(By.cssSelector("main form button[type=submit]")).sendKeys(Keys.ENTER);

        WebElement summary =
                Browsers.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("error-summary")));
        assertThat(summary.getText()).contains("There is a problem", "Enter the text agents will send");
        assertThat(browser.findElement(By.id("text")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(browser.findElement(By.id("title")).getAttribute("value")).isEqualTo("Council tax direct debit");
        Browsers.assertNoAxeViolations(browser, "The canned response form with a problem to fix");

        summary.findElement(By.linkText("Enter the text agents will send")).sendKeys(Keys.ENTER);
        browser.switchTo().activeElement().sendKeys("You can set up a Direct Debit on our website.");
        browser.findElement(By.cssSelector("main form button[type=submit]")).sendKeys(Keys.ENTER);

        Browsers.waitFor(browser).until(ExpectedConditions.urlMatches(".*/supervisor/canned-responses$"));
        assertThat(browser.findElement(By.cssSelector(".ac-notice")).getText()).contains("Added");
        assertThat(browser.findElement(By.cssSelector(".ac-table")).getText())
                .contains("Council tax direct debit", "by supervisor");
        assertThat(browser.findElement(By.cssSelector(".ac-changes")).getText())
                .contains("supervisor created “Council tax direct debit”");
        Browsers.assertNoAxeViolations(browser, "The canned responses list after adding one");
        assertThat(cannedResponses.all()).anyMatch(r -> r.title().equals("Council tax direct debit"));
    }

    @Test
    void supervisorSeesTheQueueTheAgentsAndTheLongestWait() {
        try (StompTestClient resident = residentWhoAsksForAPerson();
                StompTestClient sam = agentConnects("agent")) {
            WebDriver browser = browsers.open();
            Staff.signIn(browser, port, "supervisor", "supervisor-demo");
            browser.get(url("/supervisor"));
            Browsers.waitFor(browser)
                    .until(d -> !d.findElements(By.cssSelector("#sv-queue tbody tr"))
                            .isEmpty());
            Browsers.waitFor(browser)
                    .until(d -> d.findElement(By.id("sv-agents")).getText().contains("Sam (demo agent) Online"));
            assertThat(browser.findElement(By.id("sv-longest-wait")).getText()).isEqualTo("under 1 min");
            assertThat(browser.findElement(By.id("sv-agents")).getText()).contains("Alex (demo agent) Offline");
            Browsers.assertNoAxeViolations(browser, "The supervisor's live view");

            // The chat figures: the busy hours and the day's conversations, and a period that makes no sense.
            browser.findElement(By.linkText("Chat figures")).click();
            Browsers.waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("figures")));
            assertThat(browser.findElement(By.id("figures")).getText()).contains("Answered by the bot alone");
            Browsers.assertNoAxeViolations(browser, "The supervisor's chat figures");
            browser.get(url("/supervisor/reports?from=2026-12-01&to=2026-11-01"));
            assertThat(browser.switchTo().activeElement().getText())
                    .contains("The start date must be on or before the end date.");
            Browsers.assertNoAxeViolations(browser, "The chat figures with an error summary");

            // Agents may not see it.
            WebDriver agent = browsers.open();
            Staff.signIn(agent, port, "agent", "agent-demo");
            agent.get(url("/supervisor"));
            assertThat(agent.getPageSource()).doesNotContain("Live view");
        }
    }

    @Test
    void anUrgentChatStandsOutForAgentsAndAlertsTheSupervisorWhenItHasWaitedTooLong() {
        try (StompTestClient resident = StompTestClient.resident(port, null)) {
            String conversationId =
                    (String) resident.awaitEvent(EVENTS, "welcome", e -> true).get("conversationId");
            WebDriver browser = browsers.open();
            Staff.signIn(browser, port, "agent", "agent-demo");
            Staff.openAgentConsole(browser, port);

            handoffs.requestAgent(
                    conversationId,
                    "SAFEGUARDING",
                    Map.of("safeguarding", "domestic-abuse", "topic", "council_tax_pay"),
                    Handoffs.Priority.URGENT);

            By card = By.cssSelector("#ac-queue li[data-conversation-id='" + conversationId + "']");
            Browsers.waitFor(browser).until(ExpectedConditions.textToBePresentInElementLocated(card, "Urgent"));
            WebElement urgent = browser.findElement(card);
            assertThat(urgent.getAttribute("class")).contains("ac-queue-item-urgent");
            assertThat(urgent.getText()).contains("Safeguarding concern (domestic abuse)");
            assertThat(browser.findElements(By.cssSelector("#ac-queue li.ac-queue-item"))
                            .getFirst())
                    .as("at the top of the queue")
                    .isEqualTo(urgent);
            Browsers.waitFor(browser).until(d -> d.getTitle().startsWith("(1 urgent)"));
            assertThat(browser.findElement(By.id("ac-queue-urgent-live")).getText())
                    .contains("An urgent chat is waiting");
            Browsers.assertNoAxeViolations(browser, "The agent console with an urgent chat waiting");

            // Three minutes later, by the database's clock: past the council's two minutes.
            jdbc.sql("UPDATE conversation SET waiting_since = ? WHERE id = ?")
                    .params(
                            OffsetDateTime.ofInstant(TestCouncil.MONDAY_23_NOVEMBER_9AM, ZoneOffset.UTC)
                                    .minusMinutes(3),
                            conversationId)
                    .update();
            WebDriver supervisor = browsers.open();
            Staff.signIn(supervisor, port, "supervisor", "supervisor-demo");
            supervisor.get(url("/supervisor"));
            Browsers.waitFor(supervisor)
                    .until(d -> d.findElement(By.id("sv-urgent")).isDisplayed());
            WebElement banner = supervisor.findElement(By.id("sv-urgent"));
            assertThat(banner.getText())
                    .contains("Chat " + conversationId.substring(0, 8) + " has waited 3 min, longer than 2 min");
            assertThat(banner.getAttribute("class")).contains("sv-urgent-overdue");
            assertThat(supervisor.findElement(By.id("sv-urgent-alert")).getAttribute("textContent"))
                    .isEqualTo("An urgent chat has waited longer than 2 min.");
            Browsers.assertNoAxeViolations(supervisor, "The supervisor's live view with an urgent chat overdue");

            handoffs.endByResident(conversationId, false);
        }
    }

    private StompTestClient agentConnects(String username) {
        return StompTestClient.agent(port, username, "agent-demo", StompTestClient.AGENT_EVENTS);
    }

    /**
     * The agent accepts this resident's chat from its own card (other tests' chats may be waiting too), and the
     * resident hears so; returns the conversation.
     */
    private static String acceptsTheChatOf(WebDriver browser, StompTestClient resident) {
        String conversationId = (String) resident.arrivedOn(EVENTS).stream()
                .filter(e -> "welcome".equals(e.get("type")))
                .findFirst()
                .orElseThrow()
                .get("conversationId");
        By card = By.cssSelector("#ac-queue li[data-conversation-id='" + conversationId + "']");
        Browsers.waitFor(browser)
                .until(ExpectedConditions.visibilityOfElementLocated(card))
                .findElement(By.cssSelector(".ac-accept"))
                .sendKeys(Keys.ENTER);
        resident.awaitEvent(EVENTS, "status", e -> "WITH_AGENT".equals(e.get("state")));
        return conversationId;
    }

    @Test
    void anAnswerTheBotGaveIsShownToTheAgentAsTheResidentSawIt() {
        WebDriver browser = browsers.open();
        Staff.signIn(browser, port, "agent", "agent-demo");
        Staff.openAgentConsole(browser, port);

        try (StompTestClient resident = residentWhoAsksForAPerson("what goes in which bin")) {
            String conversationId = acceptsTheChatOf(browser, resident);
            WebElement transcript =
                    Browsers.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(Staff.TRANSCRIPT));
            WebElement answer = Browsers.waitFor(browser)
                    .until(ExpectedConditions.visibilityOfNestedElementsLocatedBy(
                            transcript, By.cssSelector(".ac-msg-answer")))
                    .getFirst();

            assertThat(AnswerOutline.shown(browser, answer))
                    .startsWith("h:Blue bin (recycling)", "ul", "li:paper, card and cardboard")
                    .contains("h:Black bin (general waste)", "source:From: What goes in which bin?, millbrook.example");
            assertThat(answer.findElements(By.tagName("h5")))
                    .as("the bins' headings, below the console's own")
                    .hasSize(4);
            Browsers.assertNoAxeViolations(browser, "The agent console showing an FAQ answer the bot gave");
            handoffs.close(conversationId, () -> "agent", "RESOLVED");
        }
    }

    private StompTestClient residentWhoAsksForAPerson() {
        return residentWhoAsksForAPerson(null);
    }

    /** A resident who first asks the bot {@code question} (when given), then for a person. */
    private StompTestClient residentWhoAsksForAPerson(String question) {
        StompTestClient resident = StompTestClient.connect(
                        "ws://localhost:" + port + "/webchat/v1/ws", new WebSocketHttpHeaders(), new StompHeaders())
                .subscribe(EVENTS);
        try {
            resident.hello(Map.of("lastSeq", 0, "language", "en"));
            resident.awaitEvent(EVENTS, "welcome", e -> true);
            if (question != null) {
                resident.send("/app/resident/message", Map.of("text", question));
                resident.awaitEvent(EVENTS, "message", e -> e.get("answer") != null);
            }
            resident.send("/app/resident/message", Map.of("text", "I want to speak to a person"));
            resident.awaitEvent(EVENTS, "status", e -> "WAITING".equals(e.get("state")));
            return resident;
        } catch (RuntimeException | AssertionError e) {
            resident.close();
            throw e;
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
