package org.councilchat.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.councilchat.journey.TestCouncil;
import org.councilchat.knowledge.Answer;
import org.councilchat.knowledge.Faq;
import org.councilchat.knowledge.KnowledgeBase;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The resident's chat widget on the demo council's home page, in a real Chromium, used as a resident would:
 * with the keyboard, across a reload, and talking to a real agent in a second browser. Today is Monday 23
 * November 2026 (see {@link TestCouncil}), so bin days are known.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestCouncil.FixedClock.class)
class ResidentWidgetBrowserTests {

    @RegisterExtension
    static final Browsers browsers = new Browsers();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SimpMessagingTemplate clients;

    @DynamicPropertySource
    static void council(DynamicPropertyRegistry registry) {
        TestCouncil.configure(registry);
    }

    @Test
    void opensWithKeyboardAnswersBinDayAndReturnsFocus() {
        WebDriver resident = browsers.open();
        ResidentChat chat = new ResidentChat(resident, port).visitHomePage();

        WebElement launcher = resident.findElement(ResidentChat.LAUNCHER);
        assertThat(launcher.getTagName()).isEqualTo("button");
        assertThat(launcher.getAccessibleName()).isEqualTo("Chat with us");
        assertThat(launcher.getDomAttribute("aria-expanded")).isEqualTo("false");
        assertThat(chat.isOpen()).isFalse();

        launcher.sendKeys(Keys.ENTER);
        chat.awaitFocusOn("cc-input");
        assertThat(chat.isOpen()).isTrue();
        assertThat(launcher.getDomAttribute("aria-expanded")).isEqualTo("true");
        WebElement panel = resident.findElement(ResidentChat.PANEL);
        assertThat(panel.getAriaRole()).isEqualTo("dialog");
        assertThat(panel.getAccessibleName()).isEqualTo("Ask Millbrook");

        chat.ask("when is my bin day", "postcode");

        // Station Road and Riverside Court share MB2 3EF but not their rounds: the bot asks which address.
        WebElement which = chat.ask("MB2 3EF", "Which is your address?");
        List<WebElement> addresses = which.findElements(By.cssSelector(".cc-quick"));
        assertThat(addresses)
                .extracting(WebElement::getText)
                .hasSize(7)
                .contains("1 Station Road, Millbrook", "Flat 1, Riverside Court, Station Road, Millbrook")
                .endsWith("My address isn’t listed");
        int earlier = resident.findElements(ResidentChat.BOT_MESSAGES).size();
        addresses.stream()
                .filter(button -> button.getText().equals("Flat 1, Riverside Court, Station Road, Millbrook"))
                .findFirst()
                .orElseThrow()
                .click();

        // Riverside Court is on the Thursday rounds.
        WebElement binDays = chat.awaitBotSays(earlier, "Riverside Court");
        assertThat(binDays.findElements(By.cssSelector(".cc-lines li")))
                .extracting(WebElement::getText)
                .contains(
                        "Food caddy: Thursday 26 November, then Thursday 3 December",
                        "Blue bin (recycling): Thursday 26 November, then Thursday 10 December",
                        "Black bin (general waste): Thursday 3 December, then Thursday 17 December");
        assertThat(addresses).as("the address buttons, once one is chosen").noneMatch(WebElement::isEnabled);
        chat.awaitFocusOn("cc-input");

        chat.focused().sendKeys(Keys.ESCAPE);
        chat.awaitFocusOn("cc-launcher");
        assertThat(chat.isOpen()).isFalse();
        assertThat(launcher.getDomAttribute("aria-expanded")).isEqualTo("false");
    }

    @Autowired
    KnowledgeBase knowledge;

    @Test
    void showsEachBinWithItsOwnListAndTheSourceApart() {
        WebDriver resident = browsers.open();
        ResidentChat chat = new ResidentChat(resident, port).visitHomePage().openChat();

        WebElement answer = chat.ask("what goes in which bin", "Purple box (glass)");

        assertThat(AnswerOutline.shown(resident, answer.findElement(By.cssSelector(".cc-answer"))))
                .containsExactly(
                        "h:Blue bin (recycling)",
                        "ul",
                        "li:paper, card and cardboard",
                        "li:plastic bottles, pots, tubs and trays",
                        "li:food and drink cans, and clean foil",
                        "h:Purple box (glass)",
                        "ul",
                        "li:glass bottles and jars, if you have a glass box",
                        "h:Food caddy",
                        "ul",
                        "li:all cooked and uncooked food, including bones and tea bags",
                        "h:Black bin (general waste)",
                        "ul",
                        "li:everything else, including plastic bags, film and nappies",
                        "p:Rinse items and put them in loose, not in bags. See our A to Z of what goes in which bin.",
                        "a:https://www.millbrook.example/bins/what-goes-in-which-bin:A to Z of what goes in which bin",
                        "source:From: What goes in which bin?, millbrook.example");
        assertThat(answer.findElements(By.cssSelector(".cc-answer h3"))).hasSize(4);
        assertThat(answer.findElements(By.cssSelector(".cc-links, .cc-lines")))
                .as("the answer's items and links pulled out into lists of their own")
                .isEmpty();
    }

    @Test
    void showsEveryDemoAnswerAsItsEditorWroteIt() {
        WebDriver browser = browsers.open();
        new ResidentChat(browser, port).visitHomePage().openChat();
        Browsers.waitFor(browser)
                .withMessage("the widget to load the answer script")
                .until(d -> (Boolean) ((JavascriptExecutor) d).executeScript("return !!window.CouncilChatAnswer"));
        JsonMapper json = JsonMapper.builder().build();
        List<Faq> faqs = knowledge.all();
        assertThat(faqs).as("the demo councils' FAQs").hasSizeGreaterThan(60);

        SoftAssertions each = new SoftAssertions();
        for (Faq faq : faqs) {
            // The answer as the server sends it in a message, drawn by the widget's own script.
            String sent = json.writeValueAsString(Answer.of(faq.answerHtml(), faq.question(), faq.sourceUrl()));
            WebElement shown = (WebElement) ((JavascriptExecutor) browser).executeScript("""
                    const box = CouncilChatAnswer.render(JSON.parse(arguments[0]),
                        { heading: 3, from: 'From:', newTab: '(opens in new tab)' });
                    document.getElementById('cc-log').append(box);
                    return box;""", sent);
            each.assertThat(AnswerOutline.shown(browser, shown))
                    .as(faq.id())
                    .containsExactlyElementsOf(AnswerOutline.written(faq));
            ((JavascriptExecutor) browser).executeScript("arguments[0].remove()", shown);
        }
        each.assertAll();
    }

    @Test
    void showsMarkupAsTextNotHtml() {
        WebDriver resident = browsers.open();
        ResidentChat chat = new ResidentChat(resident, port).visitHomePage().openChat();
        String markup = "<img src=x onerror=alert(1)>";

        int earlier = resident.findElements(ResidentChat.BOT_MESSAGES).size();
        chat.say(markup);
        WebElement stored = Browsers.waitFor(resident)
                .until(ExpectedConditions.visibilityOfElementLocated(ResidentChat.STORED_RESIDENT_MESSAGES));
        chat.awaitBotSays(earlier, "");

        assertThat(chat.words(stored)).isEqualTo(markup);
        assertThat(resident.findElements(By.cssSelector("#council-chat img")))
                .as("images in the chat")
                .isEmpty();
        assertThat(ExpectedConditions.alertIsPresent().apply(resident))
                .as("an alert opened by the resident's words")
                .isNull();
    }

    @Test
    void aPhoneNumberInAnAnswerOpensThePhoneNotANewTab() {
        WebDriver resident = browsers.open();
        ResidentChat chat = new ResidentChat(resident, port).visitHomePage().openChat();
        chat.ask("can I pay my council tax in instalments", "instalments");

        WebElement call = Browsers.waitFor(resident)
                .until(ExpectedConditions.visibilityOfElementLocated(
                        By.cssSelector("#council-chat .cc-answer a[href='tel:01632960200']")));
        assertThat(call.getText()).isEqualTo("01632 960200");
        assertThat(call.getDomAttribute("target")).as("a call opens in place").isNull();
        assertThat(resident.findElement(By.cssSelector(
                                "#council-chat .cc-answer a[href='https://www.millbrook.example/council-tax/paying']"))
                        .getDomAttribute("target"))
                .as("a web page opens in a new tab")
                .isEqualTo("_blank");
    }

    @Test
    void everyHelplineAfterADisclosureIsOneTapToCall() {
        WebDriver resident = browsers.open();
        ResidentChat chat = new ResidentChat(resident, port).visitHomePage().openChat();
        // Every text the typing indicator shows, however briefly: the bot answers within moments.
        ((JavascriptExecutor) resident).executeScript("""
                window.typingShown = [];
                new MutationObserver(() => {
                  const typing = document.querySelector('#council-chat .cc-typing');
                  if (typing && !typing.hidden) window.typingShown.push(typing.textContent);
                }).observe(document.getElementById('council-chat'),
                    {subtree: true, childList: true, attributes: true, characterData: true});""");
        WebElement contacts = chat.ask("I think the child next door is being abused", "Thank you for telling us");
        assertThat(((JavascriptExecutor) resident).executeScript("return window.typingShown"))
                .as("the bot's typing indicator uses the council's name for it")
                .asString()
                .contains("Millbrook helper is typing")
                .doesNotContain("Council helper");

        assertThat(contacts.findElements(By.cssSelector(".cc-lines a.cc-tel")))
                .extracting(call -> call.getDomAttribute("href"))
                .containsExactly("tel:999", "tel:08088005000", "tel:08001111", "tel:01632960250");
        assertThat(contacts.findElement(By.cssSelector(".cc-text a.cc-tel")).getDomAttribute("href"))
                .as("999 in the words too")
                .isEqualTo("tel:999");
        Browsers.assertNoAxeViolations(resident, "The widget with a disclosure's helplines");

        int earlier = resident.findElements(ResidentChat.BOT_MESSAGES).size();
        chat.say("call me on 07700 900123");
        Browsers.waitFor(resident)
                .until(d -> d.findElements(By.cssSelector("#council-chat .cc-from-resident")).stream()
                        .anyMatch(m -> m.getText().contains("07700 900123")));
        assertThat(resident.findElements(By.cssSelector("#council-chat .cc-from-resident a")))
                .as("a resident's own words are never made into links")
                .isEmpty();
        assertThat(earlier).isPositive();
    }

    @Test
    void survivesAReloadInTheSameTab() {
        WebDriver resident = browsers.open();
        ResidentChat chat = new ResidentChat(resident, port).visitHomePage().openChat();
        String question = "can I pay my council tax in instalments";
        String answer = chat.words(chat.ask(question, "instalments"));
        String token = sessionStorage(resident, "councilChat.millbrook.token");
        String conversationId = sessionStorage(resident, "councilChat.millbrook.conversationId");
        assertThat(token).as("the resume token kept for this tab").hasSize(43);

        resident.navigate().refresh();

        // The chat is open again, without the resident doing anything, and shows the conversation so far.
        Browsers.waitFor(resident)
                .withMessage("the chat to reopen after the reload")
                .until(ExpectedConditions.visibilityOfElementLocated(ResidentChat.PANEL));
        Browsers.waitFor(resident)
                .withMessage(() -> "the earlier answer to be shown again; the chat shows:\n" + chat.conversation())
                .until(d -> chat.words(ResidentChat.BOT_MESSAGES).contains(answer));
        assertThat(chat.words(ResidentChat.STORED_RESIDENT_MESSAGES))
                .as("the resident's messages, each shown once")
                .containsExactly(question);
        assertThat(chat.words(ResidentChat.BOT_MESSAGES))
                .as("the bot's answers, each shown once")
                .containsExactly(answer, "Did this answer your question?");
        assertThat(sessionStorage(resident, "councilChat.millbrook.conversationId"))
                .isEqualTo(conversationId);

        // And it carries on where it left off.
        chat.ask("when is my bin day", "postcode");
        assertThat(chat.words(ResidentChat.STORED_RESIDENT_MESSAGES)).containsExactly(question, "when is my bin day");
    }

    @Test
    void aPageToldToCatchUpShowsWhatAnotherServerStoredWhileLiveEventsWereCut() {
        WebDriver resident = browsers.open();
        ResidentChat chat = new ResidentChat(resident, port).visitHomePage().openChat();
        String answer = chat.words(chat.ask("can I pay my council tax in instalments", "instalments"));
        String conversationId = sessionStorage(resident, "councilChat.millbrook.conversationId");

        // What another server stored while RabbitMQ was away: in the database, never pushed to this page.
        jdbc.sql("UPDATE conversation SET last_seq = last_seq + 1 WHERE id = ?")
                .param(conversationId)
                .update();
        long seq = jdbc.sql("SELECT last_seq FROM conversation WHERE id = ?")
                .param(conversationId)
                .query(Long.class)
                .single();
        jdbc.sql("""
                        INSERT INTO chat_message (conversation_id, seq, sender, sender_name, body, sent_at)
                        VALUES (?, ?, 'AGENT', 'Sam (demo agent)', 'Stored by the other server', ?)""")
                .params(conversationId, seq, OffsetDateTime.now(ZoneOffset.UTC))
                .update();

        // The link is back: this server tells its pages to catch up (NodeRelay), and the page fetches what it lacks.
        clients.convertAndSendToUser(conversationId, "/queue/events", Map.of("type", "resync"));
        Browsers.waitFor(resident)
                .withMessage(() -> "the missed message after the catch-up; the chat shows:\n" + chat.conversation())
                .until(d -> chat.conversation().contains("Stored by the other server"));
        assertThat(chat.words(ResidentChat.BOT_MESSAGES))
                .as("what the page already showed, still shown once")
                .containsExactly(answer, "Did this answer your question?");
    }

    @Test
    void handsOverToAnAgentInTheConsole() throws IOException {
        WebDriver resident = browsers.open();
        ResidentChat chat = new ResidentChat(resident, port).visitHomePage().openChat();
        chat.ask("I want to speak to a person", "adviser");
        chat.awaitStatus("in the queue");
        String conversationId = sessionStorage(resident, "councilChat.millbrook.conversationId");

        // The agent, in a browser of their own, signs in and sees the resident waiting.
        WebDriver agent = browsers.open();
        Staff.signIn(agent, port, "agent", "agent-demo");
        Staff.openAgentConsole(agent, port);
        By card = By.cssSelector("#ac-queue li[data-conversation-id='" + conversationId + "']");
        WebElement waiting = Browsers.waitFor(agent)
                .withMessage("the resident's chat in the waiting list")
                .until(ExpectedConditions.visibilityOfElementLocated(card));
        assertThat(waiting.getText()).contains("I want to speak to a person");
        waiting.findElement(By.cssSelector(".ac-accept")).click();

        // The chat opens in a tab with everything the resident said.
        WebElement tab = Browsers.waitFor(agent)
                .until(ExpectedConditions.visibilityOfElementLocated(
                        By.cssSelector("#ac-tablist [role=tab][data-conversation-id='" + conversationId + "']")));
        assertThat(tab.getDomAttribute("aria-selected")).isEqualTo("true");
        WebElement transcript = agent.findElement(Staff.TRANSCRIPT);
        Browsers.waitFor(agent).until(d -> transcript.getText().contains("I want to speak to a person"));
        assertThat(chat.awaitStatus("Sam")).isEqualTo("You are chatting with Sam (demo agent)");
        assertThat(chat.conversation())
                .as("the adviser's arrival, in the conversation itself")
                .contains("Sam (demo agent) from the contact centre has joined the chat.");

        // Each sees the other typing.
        agent.findElement(Staff.REPLY).sendKeys("Hello, I'm Sam.");
        assertThat(Browsers.waitFor(resident)
                        .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".cc-typing")))
                        .getText())
                .isEqualTo("Sam (demo agent) is typing…");
        agent.findElement(Staff.REPLY).sendKeys(" How can I help?", Keys.ENTER);
        WebElement fromSam = Browsers.waitFor(resident)
                .withMessage(() -> "Sam's reply in the resident's chat; it shows:\n" + chat.conversation())
                .until(ExpectedConditions.visibilityOfElementLocated(ResidentChat.AGENT_MESSAGES));
        assertThat(fromSam.getText()).contains("Sam (demo agent)").contains("Hello, I'm Sam. How can I help?");

        resident.findElement(ResidentChat.INPUT).sendKeys("My bin wasn't");
        Browsers.waitFor(agent)
                .withMessage("the console to show the resident typing")
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".ac-typing")));
        resident.findElement(ResidentChat.INPUT).clear();
        chat.say("My bin wasn't collected last week");
        Browsers.waitFor(agent)
                .withMessage(() -> "the resident's reply in the console; it shows:\n" + transcript.getText())
                .until(d -> transcript.getText().contains("My bin wasn't collected last week"));

        // A photo of it from the resident's phone, shown on both sides; what the phone put in it stays behind.
        WebElement attach = resident.findElement(By.cssSelector(".cc-attach"));
        assertThat(attach.isDisplayed())
                .as("a photo can be sent once a person has the chat")
                .isTrue();
        assertThat(attach.getText()).isEqualTo("Send a photo");
        resident.findElement(By.cssSelector(".cc-photo-input"))
                .sendKeys(Path.of("src/test/resources/photos/pothole-with-location.jpg")
                        .toAbsolutePath()
                        .toString());
        WebElement mine = Browsers.waitFor(resident)
                .withMessage(() -> "the resident's photo in their chat; it shows:\n" + chat.conversation())
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".cc-log img.cc-photo")));
        Browsers.waitFor(resident).until(d -> naturalWidth(d, mine) == 300);
        assertThat(mine.getDomAttribute("alt")).isEqualTo("Your photo");
        Browsers.screenshot(resident, "widget-photo");
        Browsers.assertNoAxeViolations(resident, "The chat with a photo sent to the adviser");
        WebElement theirs = Browsers.waitFor(agent)
                .withMessage("the resident's photo in the console")
                .until(ExpectedConditions.visibilityOfNestedElementsLocatedBy(
                        transcript, By.cssSelector("img.ac-photo")))
                .getFirst();
        Browsers.waitFor(agent)
                .withMessage("the photo loaded in the console, through the agents' own route")
                .until(d -> naturalWidth(d, theirs) == 300);
        assertThat(theirs.getDomAttribute("src")).startsWith("/agent/photos/");
        Browsers.screenshot(agent, "console-photo");
        Browsers.assertNoAxeViolations(agent, "The agent console showing a resident's photo");
        // One too big for the server is refused by the widget at once, in words, without sending it.
        Path huge = Files.createTempFile("too-big", ".jpg");
        try {
            Files.write(huge, new byte[11 * 1024 * 1024]);
            resident.findElement(By.cssSelector(".cc-photo-input"))
                    .sendKeys(huge.toAbsolutePath().toString());
            Browsers.waitFor(resident)
                    .until(d -> chat.conversation()
                            .contains("That photo is too big to send. Please choose one under 10 MB."));
        } finally {
            Files.deleteIfExists(huge);
        }
        resident.findElement(By.cssSelector(".cc-lang")).click();
        Browsers.waitFor(resident).until(d -> "Anfon llun".equals(attach.getText()));
        Browsers.assertNoAxeViolations(resident, "The chat with a photo, in Welsh");
        resident.findElement(By.cssSelector(".cc-lang")).click();
        Browsers.waitFor(resident).until(d -> "Send a photo".equals(attach.getText()));

        // The agent reloads the console: the chat is there again, whole, and still theirs.
        agent.navigate().refresh();
        WebElement again = Browsers.waitFor(agent)
                .withMessage("the chat's tab after a reload")
                .until(ExpectedConditions.visibilityOfElementLocated(Staff.TRANSCRIPT));
        Browsers.waitFor(agent)
                .withMessage(() -> "the whole transcript after a reload; it shows:\n" + again.getText())
                .until(d -> again.getText().contains("I want to speak to a person")
                        && again.getText().contains("My bin wasn't collected last week"));
        agent.findElement(Staff.REPLY).sendKeys("I'll log that for you now.", Keys.ENTER);
        Browsers.waitFor(resident).until(d -> chat.conversation().contains("I'll log that for you now."));

        // Sam ends the chat: the resident is told who ended it, in the conversation.
        agent.findElement(By.cssSelector(".ac-panel:not([hidden]) .ac-end")).click();
        chat.awaitStatus("This chat has ended");
        assertThat(chat.conversation()).contains("Sam (demo agent) has ended the chat.");
    }

    private static int naturalWidth(WebDriver browser, WebElement image) {
        return ((Number) ((JavascriptExecutor) browser).executeScript("return arguments[0].naturalWidth;", image))
                .intValue();
    }

    private static String sessionStorage(WebDriver browser, String key) {
        return (String)
                ((JavascriptExecutor) browser).executeScript("return sessionStorage.getItem(arguments[0]);", key);
    }
}
