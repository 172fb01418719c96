package org.councilchat.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.councilchat.journey.TestCouncil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The resident's chat widget on the demo home page, in a real Chromium, used as a resident would. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestCouncil.FixedClock.class)
class ResidentWidgetBrowserTests {

    @LocalServerPort
    int port;

    private WebDriver resident;
    private WebDriver agent;

    @DynamicPropertySource
    static void council(DynamicPropertyRegistry registry) {
        TestCouncil.configure(registry);
    }

    @AfterEach
    void closeBrowsers() {
        if (resident != null) {
            resident.quit();
        }
        if (agent != null) {
            agent.quit();
        }
    }

    @Test
    void residentFindsTheirBinDayByKeyboardAndFocusReturnsWhenTheyClose() {
        resident = Browsers.chromium(1280, 900);
        resident.get("http://localhost:" + port + "/");
        WebElement launcher = resident.findElement(By.id("cc-launcher"));
        assertThat(launcher.getAccessibleName()).isNotBlank();
        launcher.sendKeys(Keys.ENTER);
        Browsers.waitFor(resident)
                .until(d -> "cc-input".equals(d.switchTo().activeElement().getAttribute("id")));

        type("when is my bin day");
        waitForBotText("postcode");
        type("MB2 3EF");
        List<WebElement> addresses = Browsers.waitFor(resident)
                .until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector(".cc-quick"), 1));
        WebElement flat = addresses.stream()
                .filter(button -> button.getText().contains("Riverside Court"))
                .findFirst()
                .orElseThrow();
        flat.click();
        waitForBotText("Thursday");
        assertThat(resident.findElement(By.id("cc-log")).getText())
                .contains("Riverside Court")
                .contains("Food caddy");

        resident.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        Browsers.waitFor(resident)
                .until(d -> "cc-launcher".equals(d.switchTo().activeElement().getAttribute("id")));
    }

    @Test
    void markupInAMessageShowsAsTextAndNeverRuns() {
        openChat();
        type("<img src=x onerror=alert(1)>");
        Browsers.waitFor(resident)
                .until(d -> d.findElement(By.id("cc-log")).getText().contains("<img src=x onerror=alert(1)>"));
        assertThat(resident.findElements(By.cssSelector("#council-chat img[src='x']")))
                .isEmpty();
    }

    @Test
    void conversationSurvivesAReload() {
        openChat();
        type("how do I join the library");
        waitForBotText("librar");
        resident.navigate().refresh();
        if (resident.findElements(By.cssSelector("#cc-panel:not([hidden])")).isEmpty()) {
            resident.findElement(By.id("cc-launcher")).click();
        }
        Browsers.waitFor(resident)
                .until(d -> d.findElement(By.id("cc-log")).getText().contains("how do I join the library"));
    }

    @Test
    void agentTakesTheChatInTheConsoleAndTheyTalk() {
        openChat();
        type("I want to speak to a person");
        Browsers.waitFor(resident)
                .until(d -> d.findElement(By.id("cc-status")).getText().contains("queue"));

        agent = Browsers.chromium(1280, 900);
        agent.get("http://localhost:" + port + "/login");
        agent.findElement(By.id("username")).sendKeys("agent");
        agent.findElement(By.id("password")).sendKeys("agent-demo", Keys.ENTER);
        Browsers.waitFor(agent).until(ExpectedConditions.urlContains("/agent"));
        agent.get("http://localhost:" + port + "/agent");
        WebElement accept =
                Browsers.waitFor(agent).until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ac-accept")));
        accept.click();
        WebElement transcript = Browsers.waitFor(agent)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".ac-transcript")));
        Browsers.waitFor(agent).until(d -> transcript.getText().contains("I want to speak to a person"));
        WebElement reply = agent.findElement(By.cssSelector(".ac-reply"));
        reply.sendKeys("Hello, this is Sam from the council.", Keys.ENTER);

        Browsers.waitFor(resident)
                .until(d -> d.findElement(By.id("cc-log")).getText().contains("Hello, this is Sam from the council."));
        assertThat(resident.findElement(By.id("cc-status")).getText()).contains("Sam");
    }

    private void openChat() {
        resident = Browsers.chromium(1280, 900);
        resident.get("http://localhost:" + port + "/");
        resident.findElement(By.id("cc-launcher")).click();
        Browsers.waitFor(resident).until(ExpectedConditions.elementToBeClickable(By.id("cc-input")));
    }

    private void type(String words) {
        WebElement input = resident.findElement(By.id("cc-input"));
        input.sendKeys(words, Keys.ENTER);
    }

    private void waitForBotText(String fragment) {
        Browsers.waitFor(resident)
                .until(d -> d.findElements(By.cssSelector("#cc-log .cc-from-bot")).stream()
                        .anyMatch(message -> message.getText().contains(fragment)));
    }
}
