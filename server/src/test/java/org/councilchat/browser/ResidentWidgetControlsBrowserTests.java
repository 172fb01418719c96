package org.councilchat.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.councilchat.journey.StompTestClient;
import org.councilchat.journey.TestCouncil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The widget's controls in Debian's Chromium, as residents use them: English and Welsh, ending and rating a
 * chat by keyboard alone, a copy of the conversation, typing indicators with an agent, a dropped connection,
 * and the warning before a quiet chat with a person ends. Screenshots of each state go to target/screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestCouncil.FixedClock.class)
class ResidentWidgetControlsBrowserTests {

    @RegisterExtension
    static final Browsers browsers = new Browsers();

    /** A council page with a logo, a green theme and idle times of seconds instead of minutes. */
    private static final String TEST_PAGE = "/test-pages/widget.html";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void council(DynamicPropertyRegistry registry) {
        TestCouncil.configure(registry);
    }

    @Test
    void switchingToWelshTranslatesTheWidgetAndTheBotAndSurvivesAReload() {
        WebDriver browser = browsers.open();
        ResidentChat chat = new ResidentChat(browser, port).visitHomePage().openChat();
        WebElement language = browser.findElement(By.cssSelector(".cc-lang"));
        assertThat(language.getText()).isEqualTo("Cymraeg");
        assertThat(language.getDomAttribute("lang")).isEqualTo("cy");

        language.click();

        assertThat(browser.findElement(ResidentChat.PANEL).getDomAttribute("lang"))
                .isEqualTo("cy");
        assertThat(browser.findElement(ResidentChat.INPUT).getDomAttribute("placeholder"))
                .isEqualTo("Teipiwch eich neges");
        assertThat(browser.findElement(By.id("cc-send")).getText()).isEqualTo("Anfon");
        assertThat(language.getText()).isEqualTo("English");
        chat.ask("Pryd mae fy niwrnod bin?", "Beth yw eich cod post?");
        WebElement binDays = chat.ask("MB1 1AA", "Eich casgliadau biniau nesaf");
        assertThat(binDays.getText()).contains("heddiw, Dydd Llun 23 Tachwedd");
        String calendar = binDays.findElement(By.partialLinkText("Ychwanegu’r casgliadau hyn at fy nghalendr"))
                .getDomProperty("href");
        assertThat(calendar)
                .startsWith("http://localhost:" + port + "/api/bins/")
                .endsWith("/calendar.ics?lang=cy");
        assertThat(fetch(calendar))
                .startsWith("BEGIN:VCALENDAR")
                .contains("BEGIN:VEVENT")
                .as("the calendar of a Welsh chat names the bins in Welsh")
                .contains("SUMMARY:Bin du (gwastraff cyffredinol)");
        Browsers.screenshot(browser, "widget-welsh");
        Browsers.assertNoAxeViolations(browser, "The chat in Welsh");

        browser.navigate().refresh();

        Browsers.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(ResidentChat.PANEL));
        assertThat(browser.findElement(ResidentChat.LAUNCHER).getText()).isEqualTo("Sgwrsio â ni");
        assertThat(browser.findElement(By.id("cc-send")).getText()).isEqualTo("Anfon");
        chat.awaitBotSays(0, "Eich casgliadau biniau nesaf");
    }

    @Test
    void theBotGreetsWithTopicsInEitherLanguageAndOneTapStartsTheChatWithNothingStoredBefore() {
        WebDriver browser = browsers.open();
        ResidentChat chat = new ResidentChat(browser, port).visitHomePage().openChat();
        WebElement greeting =
                Browsers.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(ResidentChat.GREETING));
        assertThat(chat.words(greeting))
                .isEqualTo(
                        "Hello, I’m Millbrook helper. Choose a topic, or type your question" + " in your own words.");
        assertThat(topicsIn(greeting))
                .containsExactly("Find my bin day", "Report a missed bin", "Council tax", "Talk to a person");
        String conversationId = sessionStorage(browser, "councilChat.millbrook.conversationId");
        assertThat(storedMessages(conversationId))
                .as("a greeting that is only shown")
                .isZero();
        Browsers.screenshot(browser, "widget-greeting");
        Browsers.assertNoAxeViolations(browser, "The chat as it opens, with the bot's greeting and topics");

        browser.findElement(By.cssSelector(".cc-lang")).click();

        Browsers.waitFor(browser)
                .withMessage("the greeting said again in Welsh")
                .until(d -> topicsIn(d.findElement(ResidentChat.GREETING)).contains("Dod o hyd i’m diwrnod bin"));
        WebElement welsh = browser.findElement(ResidentChat.GREETING);
        assertThat(chat.words(welsh)).startsWith("Helo, Millbrook helper ydw i.");
        assertThat(browser.findElements(ResidentChat.GREETING)).hasSize(1);
        Browsers.assertNoAxeViolations(browser, "The chat as it opens, greeting in Welsh");

        welsh.findElement(By.xpath(".//button[normalize-space()='Dod o hyd i’m diwrnod bin']"))
                .click();

        chat.awaitBotSays(0, "Beth yw eich cod post?");
        assertThat(chat.words(ResidentChat.STORED_RESIDENT_MESSAGES)).containsExactly("Pryd mae fy niwrnod bin?");
        assertThat(welsh.findElements(By.cssSelector(".cc-quick")))
                .as("the greeting's buttons, once one is used")
                .allSatisfy(button -> assertThat(button.isEnabled()).isFalse());

        browser.navigate().refresh();

        Browsers.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(ResidentChat.PANEL));
        chat.awaitBotSays(0, "Beth yw eich cod post?");
        assertThat(browser.findElements(ResidentChat.GREETING))
                .as("no greeting over a conversation already under way")
                .isEmpty();
    }

    @Test
    void typingCymraegSwitchesTheWidgetTooAndTimesAreOnTheTwentyFourHourClock() {
        WebDriver browser = browsers.open();
        ResidentChat chat = new ResidentChat(browser, port).visitHomePage().openChat();
        WebElement language = browser.findElement(By.cssSelector(".cc-lang"));
        assertThat(language.getText()).isEqualTo("Cymraeg");

        chat.say("Cymraeg");

        Browsers.waitFor(browser)
                .withMessage("the widget's own words in Welsh after the resident typed Cymraeg")
                .until(d -> "cy".equals(d.findElement(ResidentChat.PANEL).getDomAttribute("lang")));
        assertThat(browser.findElement(ResidentChat.INPUT).getDomAttribute("placeholder"))
                .isEqualTo("Teipiwch eich neges");
        assertThat(language.getText()).isEqualTo("English");
        // Every message's time, in either language: hours 00-23 and minutes, never AM/PM.
        List<String> times = browser.findElements(By.cssSelector(".cc-log .cc-time")).stream()
                .map(WebElement::getText)
                .filter(text -> !text.isBlank())
                .toList();
        assertThat(times).isNotEmpty().allSatisfy(time -> assertThat(time).matches("[0-2][0-9]:[0-5][0-9]"));
        Browsers.assertNoAxeViolations(browser, "The chat switched to Welsh by typing Cymraeg");

        chat.say("English");
        Browsers.waitFor(browser)
                .withMessage("the widget back in English after the resident typed English")
                .until(d -> "en".equals(d.findElement(ResidentChat.PANEL).getDomAttribute("lang")));
        assertThat(language.getText()).isEqualTo("Cymraeg");
    }

    @Test
    void aWelshQuestionOnTheEnglishPageIsAnsweredInWelshAndOneTapMakesTheWholeChatWelsh() {
        WebDriver browser = browsers.open();
        ResidentChat chat = new ResidentChat(browser, port).visitHomePage().openChat();
        assertThat(browser.findElement(ResidentChat.PANEL).getDomAttribute("lang"))
                .isEqualTo("en");

        chat.ask("sut ydw i'n talu treth y cyngor?", "Hoffech chi gael y sgwrs gyfan yn Gymraeg?");
        WebElement offer = Browsers.waitFor(browser)
                .until(ExpectedConditions.elementToBeClickable(
                        By.xpath("//button[contains(@class,'cc-quick') and normalize-space()='Newid i’r Gymraeg']")));
        Browsers.assertNoAxeViolations(browser, "A Welsh answer on the English page, with the offer to switch");

        offer.sendKeys(Keys.ENTER);
        Browsers.waitFor(browser)
                .withMessage("the widget's own words in Welsh after the resident chose Welsh")
                .until(d -> "cy".equals(d.findElement(ResidentChat.PANEL).getDomAttribute("lang")));
        assertThat(browser.findElement(ResidentChat.INPUT).getDomAttribute("placeholder"))
                .isEqualTo("Teipiwch eich neges");
        chat.awaitBotSays(0, "byddaf yn ateb yn Gymraeg");
        Browsers.assertNoAxeViolations(browser, "The chat after switching to Welsh from the bot's offer");
    }

    @Test
    void aResidentEndsAQueuedChatRatesItAndSavesACopyUsingTheKeyboardAlone() {
        WebDriver browser = browsers.open();
        ResidentChat chat = new ResidentChat(browser, port).visitHomePage().openChat();
        chat.ask("when is my bin day? MB1 1AA", "Your next bin collections");
        chat.ask("I want to speak to a person", "adviser");
        chat.awaitStatus("You are number 1 in the queue");
        Browsers.screenshot(browser, "widget-waiting");
        Browsers.assertNoAxeViolations(browser, "The chat waiting for an adviser");

        // From the message box, one step back is "End chat".
        shiftTab(browser);
        assertThat(chat.focused().getText()).isEqualTo("End chat");
        chat.focused().sendKeys(Keys.ENTER);

        // Leaving the queue loses the place in it, so the widget asks once, with "No" under the keyboard.
        Browsers.waitFor(browser)
                .withMessage("the question whether to leave the queue, with the focus on keeping the chat")
                .until(d -> chat.focused().getText().equals("No, keep chatting"));
        assertThat(browser.findElement(By.cssSelector(".cc-confirm-end")).getText())
                .contains("Leave the queue? You will lose your place.");
        Browsers.assertNoAxeViolations(browser, "The chat asking before it leaves the queue");
        shiftTab(browser);
        assertThat(chat.focused().getText()).isEqualTo("Yes, end the chat");
        chat.focused().sendKeys(Keys.ENTER);

        chat.awaitStatus("This chat has ended");
        assertThat(chat.conversation()).as("what happened, in the conversation").contains("You left the queue.");
        Browsers.waitFor(browser)
                .withMessage("keyboard focus on the first rating")
                .until(d -> "cc-score".equals(chat.focused().getDomAttribute("name")));
        Browsers.screenshot(browser, "widget-rating");
        Browsers.assertNoAxeViolations(browser, "The ended chat asking for a rating");
        chat.focused().sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT);
        assertThat(chat.focused().getDomAttribute("value")).isEqualTo("4");
        new Actions(browser).sendKeys(Keys.TAB).perform();
        chat.focused().sendKeys("Clear answers, short wait");
        new Actions(browser).sendKeys(Keys.TAB).perform();
        assertThat(chat.focused().getText()).isEqualTo("Send rating");
        chat.focused().sendKeys(Keys.ENTER);

        Browsers.waitFor(browser)
                .withMessage("thanks for the rating, with the keyboard focus on it")
                .until(d -> chat.focused().getText().equals("Thank you for your feedback."));
        String conversationId = sessionStorage(browser, "councilChat.millbrook.conversationId");
        assertThat(jdbc.sql("SELECT score, comment FROM conversation_rating WHERE conversation_id = ?")
                        .param(conversationId)
                        .query((row, n) -> row.getInt("score") + " " + row.getString("comment"))
                        .single())
                .isEqualTo("4 Clear answers, short wait");

        String transcript = downloadTranscript(browser);
        assertThat(transcript)
                .startsWith("Chat transcript – Millbrook District Council")
                .contains("You: when is my bin day? MB1 1AA")
                .contains("Millbrook helper: Your next bin collections at 2, 4 and 6 Mill Lane, Millbrook, MB1 1AA:")
                .contains("  - Black bin (general waste): today, Monday 23 November, then Monday 7 December")
                .contains("You: I want to speak to a person");
        assertThat(browser.findElement(By.cssSelector(".cc-new")).isDisplayed()).isTrue();
    }

    /**
     * Each state a resident meets, on a 320 px phone and a 1280 px laptop: the chat closed, the greeting, a bin day,
     * an FAQ answer, a message left with a photo added, waiting, and the ended chat's rating form (the chat with an
     * adviser is {@link #residentSeesTheAgentTypingAndTheAgentSeesTheResidentTyping}'s).
     * Each must fit without sideways scrolling and pass axe; the screenshots go to target/screenshots.
     */
    @ParameterizedTest(name = "{0} px wide")
    @ValueSource(ints = {320, 1280})
    void everyStateOfTheWidgetFitsTheScreenAndMeetsWcag22AA(int width) {
        WebDriver browser = width == 1280 ? browsers.open() : browsers.openPhone(width, 640);
        String at = "-" + width + "px";
        ResidentChat chat = new ResidentChat(browser, port).visitHomePage();
        widgetState(browser, "closed" + at, "The page with the chat closed at " + at);
        chat.openChat();
        widgetState(browser, "greeting" + at, "The chat's greeting at " + at);
        chat.ask("when is my bin day? MB1 1AA", "Your next bin collections");
        widgetState(browser, "bin-day" + at, "The bin-day answer at " + at);
        chat.ask("what goes in which bin", "Purple box (glass)");
        widgetState(browser, "answer" + at, "An FAQ answer at " + at);

        chat.ask("I’d like to leave a message", "What’s your name?");
        chat.ask("Sam Jones", "Thanks, Sam Jones.");
        chat.ask("sam@example.com", "What would you like to tell us?");
        chat.ask("Someone has dumped a mattress in the lane behind Mill Street", "Thank you, Sam Jones.");
        WebElement attach = Browsers.waitFor(browser)
                .withMessage("the offer to add a photo to the message just left")
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".cc-attach")));
        assertThat(attach.getText()).isEqualTo("Add a photo to your message");
        widgetState(browser, "message-left" + at, "The chat after leaving a message at " + at);
        browser.findElement(By.cssSelector(".cc-photo-input"))
                .sendKeys(Path.of("src/test/resources/photos/pothole-with-location.jpg")
                        .toAbsolutePath()
                        .toString());
        Browsers.waitFor(browser)
                .withMessage(() -> "the photo added to the message; the chat shows:\n" + chat.conversation())
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".cc-log img.cc-photo")));
        assertThat(chat.conversation()).containsPattern("Sent a photo with my message MSG-[A-Z0-9]{6}");
        widgetState(browser, "photo-with-message" + at, "A photo added to a message at " + at);

        chat.ask("I want to speak to a person", "adviser");
        chat.awaitStatus("in the queue");
        assertThat(attach.getText()).isEqualTo("Send a photo");
        widgetState(browser, "waiting" + at, "The chat waiting for an adviser at " + at);
        browser.findElement(By.cssSelector(".cc-end")).click();
        Browsers.waitFor(browser)
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector(".cc-yes-end")))
                .click();
        chat.awaitStatus("This chat has ended");
        widgetState(browser, "rating" + at, "The ended chat with its rating form at " + at);
    }

    private static void widgetState(WebDriver browser, String name, String description) {
        assertThat(horizontalOverflow(browser))
                .as(description + ": sideways scrolling")
                .isZero();
        Browsers.screenshot(browser, "widget-" + name);
        Browsers.assertNoAxeViolations(browser, description);
    }

    @Test
    void atTwiceTheZoomTheChatReflowsAndStillMeetsWcag22AA() {
        // A 1280 by 900 screen at 200 % zoom is a 640 by 450 CSS pixel viewport: short enough that the open chat
        // fills it, as on a phone.
        WebDriver zoomed = browsers.openPhone(640, 450);
        ResidentChat chat = new ResidentChat(zoomed, port).visitHomePage().openChat();
        chat.ask("when is my bin day? MB2 3EF", "Which is your address?");
        assertThat(horizontalOverflow(zoomed)).as("sideways scrolling at 200 %").isZero();
        assertThat(zoomed.findElement(ResidentChat.INPUT).isDisplayed()).isTrue();
        Browsers.screenshot(zoomed, "widget-200-percent-zoom");
        Browsers.assertNoAxeViolations(zoomed, "The open chat at 200 % zoom");
    }

    @Test
    void residentSeesTheAgentTypingAndTheAgentSeesTheResidentTyping() {
        WebDriver browser = browsers.open();
        ResidentChat chat = new ResidentChat(browser, port).visitHomePage().openChat();
        chat.ask("I want to speak to a person", "adviser");
        chat.awaitStatus("in the queue");
        String conversationId = sessionStorage(browser, "councilChat.millbrook.conversationId");

        try (StompTestClient agent = agentConnects()) {
            agent.send("/app/agent/accept", Map.of("conversationId", conversationId));
            agent.awaitEvent("/user/queue/agent", "chat", e -> conversationId.equals(e.get("conversationId")));
            chat.awaitStatus("You are chatting with Sam (demo agent)");

            agent.send("/app/agent/typing", Map.of("conversationId", conversationId, "typing", true));
            WebElement typing = Browsers.waitFor(browser)
                    .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".cc-typing")));
            assertThat(typing.getText()).isEqualTo("Sam (demo agent) is typing…");
            Browsers.screenshot(browser, "widget-agent-typing");
            Browsers.assertNoAxeViolations(browser, "The chat with an agent typing");

            browser.findElement(ResidentChat.INPUT).sendKeys("My bin was");
            assertThat(agent.awaitEvent("/user/queue/agent", "typing", e -> Boolean.TRUE.equals(e.get("typing"))))
                    .containsEntry("conversationId", conversationId);

            agent.send(
                    "/app/agent/message",
                    Map.of("conversationId", conversationId, "clientMessageId", "a-1", "text", "Hello, I'm Sam."));
            Browsers.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(ResidentChat.AGENT_MESSAGES));
            Browsers.waitFor(browser)
                    .withMessage("the typing indicator to go once Sam's message is in")
                    .until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".cc-typing")));
        }
    }

    @Test
    void aDroppedConnectionRecoversWithNoMessageLostOrDoubled() {
        WebDriver browser = browsers.open();
        browser.get("http://localhost:" + port + TEST_PAGE);
        Browsers.waitFor(browser).until(ExpectedConditions.elementToBeClickable(ResidentChat.LAUNCHER));
        ResidentChat chat = new ResidentChat(browser, port).openChat();
        assertThat(browser.findElement(By.cssSelector(".cc-head img.cc-logo")).getDomAttribute("alt"))
                .isEmpty();
        chat.ask("when is my bin day? MB1 1AA", "Your next bin collections");
        Browsers.screenshot(browser, "widget-themed");
        Browsers.assertNoAxeViolations(browser, "A council's own theme: green, with its logo");

        // The connection drops and stays down while the resident asks something else.
        ((JavascriptExecutor) browser).executeScript("window.__dropConnection()");
        chat.awaitStatus("Reconnecting");
        int answersBefore = browser.findElements(ResidentChat.BOT_MESSAGES).size();
        chat.say("can I pay my council tax in instalments");
        assertThat(browser.findElement(By.cssSelector("#cc-log > li.cc-pending"))
                        .getText())
                .contains("can I pay my council tax in instalments")
                .contains("Sending…");
        Browsers.screenshot(browser, "widget-reconnecting");

        ((JavascriptExecutor) browser).executeScript("window.__restoreConnection()");

        chat.awaitBotSays(answersBefore, "instalments");
        assertThat(chat.words(ResidentChat.STORED_RESIDENT_MESSAGES))
                .containsExactly("when is my bin day? MB1 1AA", "can I pay my council tax in instalments");
        assertThat(browser.findElements(By.cssSelector("#cc-log > li.cc-pending")))
                .isEmpty();
        chat.awaitBotSays(answersBefore, "Did this answer your question?");
        assertThat(browser.findElements(ResidentChat.BOT_MESSAGES)
                        .subList(
                                answersBefore,
                                browser.findElements(ResidentChat.BOT_MESSAGES).size()))
                .as("one answer to the resent question, and the question whether it helped")
                .hasSize(2);
        String conversationId = sessionStorage(browser, "councilChat.millbrook.conversationId");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM chat_message WHERE conversation_id = ? AND body = ?")
                        .params(conversationId, "can I pay my council tax in instalments")
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
    }

    @Test
    void messagesSentFasterThanTheChatTakesThemWaitAndAreSentLaterNoneLostOrDoubled() {
        WebDriver browser = browsers.open();
        ResidentChat chat = new ResidentChat(browser, port).visitHomePage().openChat();
        List<String> sent = new ArrayList<>();
        // Twelve lines in a row: more than the connection's allowance of ten frames at once (the hello took one).
        for (int i = 1; i <= 12; i++) {
            sent.add("line " + i + " of my question");
            chat.say(sent.getLast());
        }

        Browsers.waitFor(browser)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        ResidentChat.LOG, "faster than we can read them"));
        // The widget keeps the turned-away lines and sends them once the allowance has refilled.
        Browsers.waitFor(browser)
                .until(ignored -> browser.findElements(By.cssSelector("#cc-log > li.cc-pending"))
                        .isEmpty());
        assertThat(chat.words(ResidentChat.STORED_RESIDENT_MESSAGES)).containsExactlyElementsOf(sent);
        assertThat(chat.conversation().split("faster than we can read them", -1))
                .as("one notice for the lines turned away together")
                .hasSize(2);
        String conversationId = sessionStorage(browser, "councilChat.millbrook.conversationId");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM chat_message WHERE conversation_id = ? AND sender = 'RESIDENT'")
                        .param(conversationId)
                        .query(Long.class)
                        .single())
                .isEqualTo(12L);
    }

    @Test
    void aQuietResidentIsWarnedCanKeepTheChatOpenAndOtherwiseItEnds() {
        // The test page warns after 6 seconds of quiet and ends the chat 6 seconds later (15 and 2 minutes by default).
        WebDriver browser = browsers.open();
        browser.get("http://localhost:" + port + TEST_PAGE);
        Browsers.waitFor(browser).until(ExpectedConditions.elementToBeClickable(ResidentChat.LAUNCHER));
        ResidentChat chat = new ResidentChat(browser, port).openChat();
        chat.ask("I want to speak to a person", "adviser");
        chat.awaitStatus("in the queue");
        String conversationId = sessionStorage(browser, "councilChat.millbrook.conversationId");

        WebElement warning = Browsers.waitFor(browser)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".cc-idle")));
        assertThat(warning.getText())
                .startsWith("Are you still there? This chat will end at")
                .contains("Keep chat open");
        assertThat(browser.findElement(By.cssSelector("#council-chat [role=alert]"))
                        .getDomProperty("textContent"))
                .startsWith("Are you still there?");
        Browsers.screenshot(browser, "widget-idle-warning");
        Browsers.assertNoAxeViolations(browser, "The warning before a quiet chat ends");
        warning.findElement(By.cssSelector(".cc-keep")).click();
        assertThat(warning.isDisplayed()).isFalse();
        assertThat(chat.awaitStatus("in the queue")).contains("number 1");

        // Quiet again, and this time nobody keeps it open.
        Browsers.waitFor(browser).until(ExpectedConditions.visibilityOf(warning));
        chat.awaitStatus("This chat has ended");
        assertThat(chat.conversation()).contains("This chat has ended because there was no reply for a while.");
        assertThat(jdbc.sql("SELECT outcome FROM conversation WHERE id = ?")
                        .param(conversationId)
                        .query(String.class)
                        .single())
                .isEqualTo("RESIDENT_TIMED_OUT");
    }

    @Test
    void theOpenChatNeverHidesWhatHasTheKeyboardFocusOnThePage() {
        // Desktop: the chat stays open and the page scrolls the focused link clear of it.
        WebDriver desktop = browsers.open();
        visitTestPage(desktop);
        new ResidentChat(desktop, port).openChat();
        WebElement hidden = linkUnderTheChat(desktop);
        assertThat(hidden).as("a link of the page under the open chat").isNotNull();
        ((JavascriptExecutor) desktop).executeScript("arguments[0].focus();", hidden);
        assertThat(isUnderTheChat(desktop, hidden))
                .as("the focused link is clear of the chat")
                .isFalse();
        assertThat(desktop.findElement(ResidentChat.PANEL).isDisplayed()).isTrue();

        // A phone, where the chat fills the screen: it steps aside and leaves the focus where the resident put it.
        WebDriver phone = browsers.openPhone(320, 640);
        visitTestPage(phone);
        new ResidentChat(phone, port).openChat();
        WebElement link = phone.findElement(By.linkText("Council service 3"));
        ((JavascriptExecutor) phone).executeScript("arguments[0].focus();", link);
        assertThat(phone.findElement(ResidentChat.PANEL).isDisplayed()).isFalse();
        assertThat(phone.switchTo().activeElement().getText()).isEqualTo("Council service 3");
        assertThat(phone.findElement(ResidentChat.LAUNCHER).getDomAttribute("aria-expanded"))
                .isEqualTo("false");
    }

    private static String fetch(String url) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response =
                    http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
            return response.body();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("could not fetch " + url, e);
        }
    }

    private static List<String> topicsIn(WebElement message) {
        return message.findElements(By.cssSelector(".cc-quick")).stream()
                .map(WebElement::getText)
                .toList();
    }

    private long storedMessages(String conversationId) {
        return jdbc.sql("SELECT COUNT(*) FROM chat_message WHERE conversation_id = ?")
                .param(conversationId)
                .query(Long.class)
                .single();
    }

    private void visitTestPage(WebDriver browser) {
        browser.get("http://localhost:" + port + TEST_PAGE);
        Browsers.waitFor(browser).until(ExpectedConditions.elementToBeClickable(ResidentChat.LAUNCHER));
    }

    private static WebElement linkUnderTheChat(WebDriver browser) {
        return (WebElement) ((JavascriptExecutor) browser).executeScript("""
                const chat = document.getElementById('cc-panel').getBoundingClientRect();
                return [...document.querySelectorAll('main a')].find(a => {
                  const r = a.getBoundingClientRect();
                  return r.left < chat.right && chat.left < r.right && r.top < chat.bottom && chat.top < r.bottom;
                });
                """);
    }

    private static boolean isUnderTheChat(WebDriver browser, WebElement element) {
        return (Boolean) ((JavascriptExecutor) browser).executeScript("""
                const chat = document.getElementById('cc-panel').getBoundingClientRect();
                const r = arguments[0].getBoundingClientRect();
                return r.left < chat.right && chat.left < r.right && r.top < chat.bottom && chat.top < r.bottom;
                """, element);
    }

    /** Clicks "Download transcript" and returns the text of the file the browser would save. */
    private static String downloadTranscript(WebDriver browser) {
        JavascriptExecutor page = (JavascriptExecutor) browser;
        page.executeScript("""
                const real = URL.createObjectURL;
                URL.createObjectURL = blob => { window.__download = blob; return real.call(URL, blob); };
                """);
        browser.findElement(By.cssSelector(".cc-save")).click();
        return (String) page.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const wait = () => window.__download ? window.__download.text().then(done) : setTimeout(wait, 50);
                wait();
                """);
    }

    private static long horizontalOverflow(WebDriver browser) {
        return (Long) ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    }

    private static String sessionStorage(WebDriver browser, String key) {
        return (String)
                ((JavascriptExecutor) browser).executeScript("return sessionStorage.getItem(arguments[0]);", key);
    }

    private StompTestClient agentConnects() {
        return StompTestClient.agent(port, "agent", "agent-demo", StompTestClient.AGENT_EVENTS, StompTestClient.ERRORS);
    }

    /** One step back through the widget's controls, as a keyboard user takes it. */
    private static void shiftTab(WebDriver browser) {
        new Actions(browser)
                .keyDown(Keys.SHIFT)
                .sendKeys(Keys.TAB)
                .keyUp(Keys.SHIFT)
                .perform();
    }
}
