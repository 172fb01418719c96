package org.councilchat.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.councilchat.journey.TestCouncil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** WCAG 2.2 AA, checked by axe-core in Chromium on every page residents and staff use. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestCouncil.FixedClock.class)
class AccessibilityBrowserTests {

    @LocalServerPort
    int port;

    private WebDriver browser;

    @DynamicPropertySource
    static void council(DynamicPropertyRegistry registry) {
        TestCouncil.configure(registry);
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void homePageAndOpenChatWithAnswersAreAccessible() {
        browser = Browsers.chromium(1280, 900);
        browser.get(url("/"));
        Browsers.assertAccessible(browser, "The home page");
        openChatAndAsk();
        Browsers.assertAccessible(browser, "The open chat with bot answers, links and buttons");
    }

    @Test
    void chatReflowsOnANarrowPhoneScreen() {
        browser = Browsers.chromium(320, 640);
        browser.get(url("/"));
        openChatAndAsk();
        Object overflow = ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
        assertThat(overflow).as("horizontal scrolling at 320 CSS px").isEqualTo(false);
        Browsers.assertAccessible(browser, "The chat at 320 px");
    }

    @Test
    void staffPagesAreAccessible() {
        browser = Browsers.chromium(1280, 900);
        browser.get(url("/login"));
        Browsers.assertAccessible(browser, "The sign-in page");
        signIn("supervisor", "supervisor-demo");
        browser.get(url("/agent"));
        Browsers.waitFor(browser)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("ac-connection"), "Connected"));
        Browsers.assertAccessible(browser, "The agent console");
        browser.get(url("/editor"));
        Browsers.assertAccessible(browser, "The FAQ list");
        browser.get(url("/editor?try=how+do+I+pay+council+tax"));
        Browsers.assertAccessible(browser, "The editor's try-a-question results");
        browser.get(url("/editor/faqs/council-tax-instalments"));
        Browsers.assertAccessible(browser, "The FAQ edit page");
        browser.get(url("/privacy"));
        Browsers.assertAccessible(browser, "The privacy notice");
    }

    private void openChatAndAsk() {
        browser.findElement(By.id("cc-launcher")).click();
        Browsers.waitFor(browser).until(ExpectedConditions.elementToBeClickable(By.id("cc-input")));
        browser.findElement(By.id("cc-input")).sendKeys("can I pay my council tax in instalments", Keys.ENTER);
        Browsers.waitFor(browser)
                .until(d -> !d.findElements(By.cssSelector("#cc-log .cc-from-bot a"))
                        .isEmpty());
        browser.findElement(By.id("cc-input")).sendKeys("flibbertigibbet wobble", Keys.ENTER);
        Browsers.waitFor(browser)
                .until(d -> !d.findElements(By.cssSelector("#cc-log .cc-quick")).isEmpty());
    }

    private void signIn(String username, String password) {
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password, Keys.ENTER);
        Browsers.waitFor(browser).until(d -> !d.getCurrentUrl().contains("/login"));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
