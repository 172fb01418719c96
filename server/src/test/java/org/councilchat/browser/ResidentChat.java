package org.councilchat.browser;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The resident's side of the chat widget on the demo home page, as a resident uses it: what they can see,
 * press and type. Waits for the page rather than sleeping.
 */
public final class ResidentChat {

    static final By LAUNCHER = By.id("cc-launcher");
    static final By PANEL = By.id("cc-panel");
    static final By INPUT = By.id("cc-input");
    static final By LOG = By.id("cc-log");
    static final By STATUS = By.id("cc-status");
    /** The bot's messages in the conversation, not counting its greeting (shown, never stored) before it. */
    static final By BOT_MESSAGES = By.cssSelector("#cc-log > li.cc-from-bot:not(.cc-greeting)");
    /** The bot's first words and topic buttons, shown until the resident has said anything. */
    static final By GREETING = By.cssSelector("#cc-log > li.cc-greeting");

    static final By AGENT_MESSAGES = By.cssSelector("#cc-log > li.cc-from-agent");
    /** The resident's own messages once the server has stored them (not the "Sending…" copies). */
    static final By STORED_RESIDENT_MESSAGES = By.cssSelector("#cc-log > li.cc-from-resident[data-seq]");

    private final WebDriver browser;
    private final String home;
    private final int port;

    public ResidentChat(WebDriver browser, int port) {
        this.browser = browser;
        this.port = port;
        this.home = "http://localhost:" + port + "/";
    }

    /** Loads another demo page with its own widget (the county's) and waits for the launcher. */
    ResidentChat visit(String path) {
        browser.get("http://localhost:" + port + path);
        Browsers.waitFor(browser).until(ExpectedConditions.elementToBeClickable(LAUNCHER));
        return this;
    }

    /** Loads the home page and waits until the widget's launcher is showing (it appears once styled). */
    public ResidentChat visitHomePage() {
        browser.get(home);
        Browsers.waitFor(browser).until(ExpectedConditions.elementToBeClickable(LAUNCHER));
        return this;
    }

    /** Opens the chat with the launcher and waits until the message box has the keyboard focus. */
    public ResidentChat openChat() {
        browser.findElement(LAUNCHER).click();
        awaitFocusOn("cc-input");
        return this;
    }

    boolean isOpen() {
        return browser.findElement(PANEL).isDisplayed();
    }

    /** Types a message and presses Enter, as a resident would. */
    void say(String words) {
        browser.findElement(INPUT).sendKeys(words, Keys.ENTER);
    }

    /**
     * Says something and waits for the bot's answer: the first bot message after it that contains the
     * fragment.
     */
    public WebElement ask(String words, String answerContains) {
        int earlier = browser.findElements(BOT_MESSAGES).size();
        say(words);
        return awaitBotSays(earlier, answerContains);
    }

    /** Waits for a bot message, after the first {@code earlier} ones, that contains the fragment. */
    WebElement awaitBotSays(int earlier, String fragment) {
        return Browsers.waitFor(browser)
                .withMessage(() -> "the bot to say \"" + fragment + "\"; the chat shows:\n" + conversation())
                .until(d -> {
                    List<WebElement> messages = d.findElements(BOT_MESSAGES);
                    return messages.subList(Math.min(earlier, messages.size()), messages.size()).stream()
                            .filter(m -> m.getText().contains(fragment))
                            .findFirst()
                            .orElse(null);
                });
    }

    /** Waits for the status line under the chat's heading to say something. */
    String awaitStatus(String fragment) {
        Browsers.waitFor(browser)
                .withMessage(() -> "the status to say \"" + fragment + "\"")
                .until(ExpectedConditions.textToBePresentInElementLocated(STATUS, fragment));
        return browser.findElement(STATUS).getText();
    }

    /**
     * The words of one message as they are shown, without the "You said:" or "Millbrook helper said:" that is
     * there only for screen readers.
     */
    String words(WebElement message) {
        return (String) ((JavascriptExecutor) browser).executeScript("""
                        const text = arguments[0].querySelector('.cc-text').cloneNode(true);
                        text.querySelectorAll('.cc-vh').forEach(hidden => hidden.remove());
                        return text.textContent;
                        """, message);
    }

    /** The words of every message of one kind (such as {@link #STORED_RESIDENT_MESSAGES}), in order. */
    List<String> words(By messages) {
        return browser.findElements(messages).stream().map(this::words).toList();
    }

    /** Everything the conversation shows, as text. */
    public String conversation() {
        return browser.findElement(LOG).getText();
    }

    void awaitFocusOn(String id) {
        Browsers.waitFor(browser)
                .withMessage(() -> "keyboard focus on #" + id + ", but it is on " + describe(focused()))
                .until(d -> id.equals(focused().getDomAttribute("id")));
    }

    WebElement focused() {
        return browser.switchTo().activeElement();
    }

    private static String describe(WebElement element) {
        return "<" + element.getTagName() + " id=\"" + element.getDomAttribute("id") + "\" class=\""
                + element.getDomAttribute("class") + "\">";
    }
}
