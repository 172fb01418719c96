package org.councilchat.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.councilchat.engine.CaseIntake.NewCase;
import org.councilchat.handoff.Cases;
import org.councilchat.journey.StompTestClient;
import org.councilchat.journey.TestCouncil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.socket.WebSocketHttpHeaders;

/**
 * WCAG 2.2 AA, as far as axe-core can check it automatically, on every page residents and staff use, in the
 * states people actually see them: the chat closed, open with answers, links and buttons, on a 320 CSS pixel
 * wide screen; the sign-in page with and without an error; the agent console empty, with someone waiting
 * and with a chat open; the FAQ editor's list, search results, edit form and its error summary; the intent
 * model page, and with a refused training file.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestCouncil.FixedClock.class)
class AccessibilityBrowserTests {

    @RegisterExtension
    static final Browsers browsers = new Browsers();

    @LocalServerPort
    int port;

    @Autowired
    Cases cases;

    @DynamicPropertySource
    static void council(DynamicPropertyRegistry registry) {
        TestCouncil.configure(registry);
    }

    @Test
    void homePageWithTheChatClosedMeetsWcag22AA() {
        WebDriver browser = browsers.open();
        new ResidentChat(browser, port).visitHomePage();
        Browsers.assertNoAxeViolations(browser, "The home page with the chat closed");
    }

    @Test
    void theCountysPageAndItsChatMeetWcag22AAAndTheDistrictsChatGivesTheCountysAnswerAboutSchools() {
        WebDriver browser = browsers.open();
        ResidentChat county =
                new ResidentChat(browser, port).visit("/westshire.html").openChat();
        county.ask("How do I apply for a school place?", "Starting school in September");
        assertThat(browser.findElement(By.cssSelector("#council-chat .cc-lang")).isDisplayed())
                .as("a council that chats in English only offers no Cymraeg button")
                .isFalse();
        assertThat(browser.findElement(By.cssSelector("#council-chat")).getText())
                .contains("This chat is run by Westshire County Council (fictional demo)");
        Browsers.assertNoAxeViolations(browser, "The county's page with its chat open");

        // The district's page, same browser: its own chat (not the county's), and the county's answer on schools.
        ResidentChat district = new ResidentChat(browser, port).visitHomePage().openChat();
        district.ask(
                "How do I apply for a school place?", "Westshire County Council (fictional demo) looks after this");
        assertThat(script(browser, "return sessionStorage.getItem('councilChat.westshire.conversationId')"))
                .as("each council's page keeps its own chat")
                .isNotNull()
                .isNotEqualTo(script(browser, "return sessionStorage.getItem('councilChat.millbrook.conversationId')"));
        Browsers.assertNoAxeViolations(browser, "The district's chat giving the county's answer");
    }

    @Test
    void openChatWithAnswersLinksAndButtonsMeetsWcag22AA() {
        WebDriver browser = browsers.open();
        ResidentChat chat = new ResidentChat(browser, port).visitHomePage().openChat();
        haveAConversationWithLinksAndButtons(chat);
        Browsers.assertNoAxeViolations(browser, "The open chat with answers, links and buttons");
    }

    @Test
    void openChatOnA320PixelWideScreenNeedsNoSidewaysScrollingAndMeetsWcag22AA() {
        WebDriver browser = browsers.openPhone(320, 640);
        ResidentChat chat = new ResidentChat(browser, port).visitHomePage();
        assertThat(script(browser, "return window.innerWidth;"))
                .as("the page's width in CSS pixels")
                .isEqualTo(320L);
        chat.openChat();
        haveAConversationWithLinksAndButtons(chat);

        assertThat(script(browser, "const d = document.documentElement; return d.scrollWidth <= d.clientWidth;"))
                .as("the page fits 320 CSS pixels without scrolling sideways (WCAG 1.4.10 Reflow)")
                .isEqualTo(true);
        // The panel clips sideways overflow, so also check that nothing in it sticks out of the screen.
        assertThat(script(browser, """
                        const width = document.documentElement.clientWidth;
                        return [...document.querySelectorAll('#cc-panel *')]
                            .filter(e => !e.closest('.cc-vh') && e.getClientRects().length > 0)
                            .filter(e => {
                                const r = e.getBoundingClientRect();
                                return r.left < -0.5 || r.right > width + 0.5;
                            })
                            .map(e => e.tagName.toLowerCase() + '.' + e.className + ' "'
                                + e.textContent.slice(0, 40) + '"');
                        """))
                .as("parts of the chat outside a 320 CSS pixel screen")
                .asInstanceOf(InstanceOfAssertFactories.LIST)
                .isEmpty();
        Browsers.assertNoAxeViolations(browser, "The open chat at 320 CSS pixels wide");
    }

    @Test
    void signInPageMeetsWcag22AAAlsoWhenSignInFails() {
        WebDriver browser = browsers.open();
        browser.get(url("/login"));
        Browsers.assertNoAxeViolations(browser, "The sign-in page");

        browser.findElement(By.id("username")).sendKeys("agent");
        browser.findElement(By.id("password")).sendKeys("not-the-password", Keys.ENTER);
        Browsers.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("error-summary")));
        Browsers.assertNoAxeViolations(browser, "The sign-in page after a wrong password");
    }

    @Test
    void agentConsoleMeetsWcag22AAEmptyWithSomeoneWaitingAndWithAChatOpen() {
        WebDriver browser = browsers.open();
        Staff.signIn(browser, port, "agent", "agent-demo");
        Staff.openAgentConsole(browser, port);
        Browsers.waitFor(browser).until(ExpectedConditions.textToBe(By.id("ac-queue-empty"), "No one is waiting."));
        Browsers.assertNoAxeViolations(browser, "The agent console with no one waiting");

        try (StompTestClient resident = residentWhoAsksForAPerson()) {
            WebElement accept = Browsers.waitFor(browser).until(ExpectedConditions.elementToBeClickable(Staff.ACCEPT));
            Browsers.assertNoAxeViolations(browser, "The agent console with a resident waiting");

            accept.click();
            WebElement transcript =
                    Browsers.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(Staff.TRANSCRIPT));
            Browsers.waitFor(browser).until(d -> transcript.getText().contains("I want to speak to a person"));
            browser.findElement(Staff.REPLY).sendKeys("Hello, I'm Sam. How can I help?", Keys.ENTER);
            Browsers.waitFor(browser).until(d -> transcript.getText().contains("Hello, I'm Sam."));
            assertThat(transcript.findElements(By.cssSelector(".ac-msg-lines li, .ac-msg-links a")))
                    .as("bin-day lines and links in the transcript")
                    .isNotEmpty();
            Browsers.assertNoAxeViolations(browser, "The agent console with a chat open");
        }
    }

    @Test
    void faqEditorPagesMeetWcag22AA() {
        WebDriver browser = browsers.open();
        Staff.signIn(browser, port, "editor", "editor-demo");
        browser.get(url("/editor"));
        Browsers.assertNoAxeViolations(browser, "The FAQ editor's list of FAQs");

        WebElement question = browser.findElement(By.id("try"));
        question.sendKeys("can I pay council tax monthly", Keys.ENTER);
        Browsers.waitFor(browser).until(ExpectedConditions.urlContains("try="));
        Browsers.assertNoAxeViolations(browser, "The FAQ editor's try-a-question results");

        browser.get(url("/editor/faqs/council-tax-instalments"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Edit FAQ");
        Browsers.assertNoAxeViolations(browser, "The FAQ edit page");

        // A web address that is not https: is refused, with an error summary (and nothing saved).
        WebElement source = browser.findElement(By.id("sourceUrl"));
        source.clear();
        source.sendKeys("http://www.millbrook.example/council-tax");
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        Browsers.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".problems")));
        Browsers.assertNoAxeViolations(browser, "The FAQ edit page with a problem to fix");
    }

    @Test
    void intentModelPageMeetsWcag22AAWithARefusedTrainingFile() throws java.io.IOException {
        WebDriver browser = browsers.open();
        Staff.signIn(browser, port, "editor", "editor-demo");
        browser.get(url("/editor/model"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Intent model");
        Browsers.assertNoAxeViolations(browser, "The intent model page");

        // A malformed file is refused before any training, with its line in an error summary.
        java.nio.file.Path broken = java.nio.file.Files.writeString(
                java.nio.file.Files.createTempDirectory(java.nio.file.Path.of("target"), "upload")
                        .toAbsolutePath()
                        .resolve("broken.csv"),
                "text,intent\nwhen is my bin day,bin_day\n\"bins please,bin_day\n");
        browser.findElement(By.id("file")).sendKeys(broken.toString());
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        Browsers.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".problems")));
        assertThat(browser.findElement(By.cssSelector(".problems")).getText()).contains("Line 3:");
        Browsers.assertNoAxeViolations(browser, "The intent model page with a refused training file");
    }

    @Test
    void messagesLeftInboxMeetsWcag22AAWithACaseOpenAndWhenClosingFails() {
        String reference = cases.open(new NewCase(
                UUID.randomUUID().toString(),
                "Pat Jones",
                "07700 900123",
                "Please call me about my missed recycling",
                "en",
                false));
        WebDriver browser = browsers.open();
        Staff.signIn(browser, port, "agent", "agent-demo");
        browser.get("http://localhost:" + port + "/agent/cases");
        Browsers.assertNoAxeViolations(browser, "The inbox of messages left");
        browser.findElement(By.linkText(reference)).click();
        Browsers.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("outcome")));
        Browsers.assertNoAxeViolations(browser, "A message left, with its transcript");
        browser.findElement(By.cssSelector("form button[type=submit]:not(header button)"))
                .click();
        Browsers.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".problems")));
        Browsers.assertNoAxeViolations(browser, "Closing a message without saying what was done");
    }

    @Test
    void staffAdministrationPagesMeetWcag22AAAlsoWithProblemsToFix() {
        WebDriver browser = browsers.open();
        Staff.signIn(browser, port, "admin", "admin-demo");
        assertThat(browser.getCurrentUrl()).endsWith("/admin");
        assertThat(browser.findElement(By.id("assignment-mode")).getText()).contains("Offer and accept");
        Browsers.assertNoAxeViolations(browser, "The staff administration page");

        // The councils of the shared service, each with its own settings or the deployment's.
        browser.findElement(By.linkText("Councils")).click();
        Browsers.waitFor(browser).until(ExpectedConditions.urlContains("/admin/councils"));
        assertThat(browser.findElement(By.id("council-glanafon")).getText())
                .contains("Welsh (Cymraeg), English", "Cyngor Glanafon (Glanafon Council)", "180 days")
                .doesNotContain("180 days (the deployment's)");
        assertThat(browser.findElement(By.id("council-millbrook")).getText())
                .contains("365 days (the deployment's)", "education from Westshire County Council (fictional demo)");
        Browsers.assertNoAxeViolations(browser, "The councils administration page");
        browser.findElement(By.linkText("Webhooks")).click();
        Browsers.waitFor(browser).until(ExpectedConditions.urlContains("/admin/webhooks"));
        assertThat(browser.findElement(By.tagName("main")).getText())
                .contains("No endpoint is configured for your councils.", "Every event has been delivered.");
        Browsers.assertNoAxeViolations(browser, "The webhooks administration page");
        browser.findElement(By.linkText("Staff")).click();
        Browsers.waitFor(browser).until(ExpectedConditions.urlMatches(".*/admin$"));

        browser.findElement(By.cssSelector("tr[data-username=agent2] .ac-table-actions a"))
                .click();
        Browsers.waitFor(browser).until(ExpectedConditions.urlContains("/admin/agents/agent2"));
        Browsers.assertNoAxeViolations(browser, "An agent's settings");

        // No language and no limit: an error summary that takes the focus, and nothing saved.
        browser.findElements(By.cssSelector("input[name=languages]:checked")).forEach(WebElement::click);
        WebElement limit = browser.findElement(By.id("maxChats"));
        limit.clear();
        browser.findElement(By.id("save")).click();
        Browsers.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("error-summary")));
        assertThat(browser.findElement(By.id("error-summary")).getText())
                .contains("Choose at least one language", "Enter the most chats");
        Browsers.assertNoAxeViolations(browser, "An agent's settings with problems to fix");

        browser.findElement(By.id("languages")).click();
        browser.findElement(By.id("skills-benefits")).click();
        browser.findElement(By.id("maxChats")).sendKeys("4");
        browser.findElement(By.id("save")).click();
        Browsers.waitFor(browser).until(ExpectedConditions.urlMatches(".*/admin$"));
        assertThat(browser.findElement(By.cssSelector("tr[data-username=agent2]"))
                        .getText())
                .contains("Benefits", "4");

        // Adding a member of staff: with every mistake at once, then their account page.
        browser.findElement(By.id("add-account")).click();
        Browsers.waitFor(browser).until(ExpectedConditions.urlContains("/admin/accounts/new"));
        Browsers.assertNoAxeViolations(browser, "Adding a member of staff");
        browser.findElement(By.id("add")).click();
        Browsers.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("error-summary")));
        assertThat(browser.findElement(By.id("error-summary")).getText())
                .contains("Enter a username", "Enter their name", "Choose at least one role", "Enter a password");
        Browsers.assertNoAxeViolations(browser, "Adding a member of staff with problems to fix");
        browser.findElement(By.id("username")).sendKeys("morgan.rees");
        browser.findElement(By.id("name")).sendKeys("Morgan Rees");
        browser.findElement(By.id("roles-EDITOR")).click();
        browser.findElement(By.id("councilIds")).click();
        browser.findElement(By.id("password")).sendKeys("lantern pebble orchard");
        browser.findElement(By.id("confirmPassword")).sendKeys("lantern pebble orchard");
        browser.findElement(By.id("add")).click();
        Browsers.waitFor(browser).until(ExpectedConditions.urlMatches(".*/admin$"));
        browser.findElement(By.linkText("Morgan Rees")).click();
        Browsers.waitFor(browser).until(ExpectedConditions.urlContains("/admin/accounts/morgan.rees"));
        assertThat(browser.findElement(By.id("account-summary")).getText())
                .contains("With a password", "EDITOR", "Can sign in");
        Browsers.assertNoAxeViolations(browser, "A member of staff's account");
        browser.findElement(By.id("disable")).click();
        Browsers.waitFor(browser)
                .until(ExpectedConditions.textToBe(By.id("account-status"), "Disabled: cannot sign in"));
        Browsers.assertNoAxeViolations(browser, "A disabled account");
    }

    @Test
    void privacyNoticeMeetsWcag22AA() {
        WebDriver browser = browsers.open();
        browser.get(url("/privacy"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("How we use your information");
        Browsers.assertNoAxeViolations(browser, "The privacy notice");
        // Glanafon's, in Welsh (its usual language), naming its data controller and its own retention period.
        browser.get(url("/privacy?council=glanafon"));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("cy");
        assertThat(browser.findElement(By.id("main")).getText())
                .contains("Cyngor Glanafon (Glanafon Council)")
                .contains("am 180 diwrnod");
        Browsers.assertNoAxeViolations(browser, "Glanafon's privacy notice in Welsh");
    }

    @Test
    void theWelshNeighboursPageAndItsWelshChatMeetWcag22AA() {
        WebDriver browser = browsers.open();
        ResidentChat glanafon =
                new ResidentChat(browser, port).visit("/glanafon.html").openChat();
        glanafon.ask("pryd mae fy min yn cael ei gasglu? GN1 2BB", "Heol yr Eglwys");
        Browsers.assertNoAxeViolations(browser, "Glanafon's page with its Welsh chat open");
    }

    /** Answers with links (an FAQ) and with a page of buttons (which address?), so axe sees every kind of message. */
    private static void haveAConversationWithLinksAndButtons(ResidentChat chat) {
        WebElement answer = chat.ask("can I pay my council tax in instalments", "instalments");
        assertThat(answer.findElements(By.cssSelector(".cc-answer a"))).isNotEmpty();
        chat.ask("when is my bin day", "postcode");
        // A block of flats: a page of eight addresses, "More addresses" and "My address isn't listed".
        WebElement which = chat.ask("MB6 7QR", "Which is your address?");
        assertThat(which.findElements(By.cssSelector(".cc-quick"))).hasSize(10);
    }

    /** A resident (a STOMP client, as in the journey tests) with bin days and an FAQ answer, now waiting. */
    private StompTestClient residentWhoAsksForAPerson() {
        StompTestClient resident = StompTestClient.connect(
                        "ws://localhost:" + port + "/webchat/v1/ws", new WebSocketHttpHeaders(), new StompHeaders())
                .subscribe("/user/queue/events");
        try {
            resident.hello(Map.of("lastSeq", 0, "language", "en"));
            resident.awaitEvent("/user/queue/events", "welcome", e -> true);
            for (String words : List.of(
                    "when is my bin day? MB1 1AA",
                    "can I pay my council tax in instalments",
                    "I want to speak to a person")) {
                resident.send("/app/resident/message", Map.of("text", words));
                resident.awaitEvent("/user/queue/events", "message", e -> "BOT".equals(e.get("sender")));
            }
            resident.awaitEvent("/user/queue/events", "status", e -> "WAITING".equals(e.get("state")));
            return resident;
        } catch (RuntimeException | AssertionError e) {
            resident.close();
            throw e;
        }
    }

    private static Object script(WebDriver browser, String javascript) {
        return ((JavascriptExecutor) browser).executeScript(javascript);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
