package org.councilchat.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Council staff in a browser: signing in with the demo accounts, and the agent console's moving parts. */
public final class Staff {

    static final By CONNECTION = By.id("ac-connection");
    static final By ACCEPT = By.cssSelector("#ac-queue .ac-accept");
    static final By TRANSCRIPT = By.cssSelector(".ac-panel:not([hidden]) .ac-transcript");
    static final By REPLY = By.cssSelector(".ac-panel:not([hidden]) .ac-reply");

    private Staff() {}

    /** Signs in on the sign-in page with the keyboard and waits until staff land on their own tool. */
    public static void signIn(WebDriver browser, int port, String username, String password) {
        browser.get("http://localhost:" + port + "/login");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password, Keys.ENTER);
        Browsers.waitFor(browser)
                .withMessage(() -> username + " to be signed in, but the browser is at " + browser.getCurrentUrl())
                .until(d -> !d.getCurrentUrl().contains("/login"));
    }

    /** Opens the agent console (already signed in) and waits until its live connection is up. */
    static void openAgentConsole(WebDriver browser, int port) {
        browser.get("http://localhost:" + port + "/agent");
        Browsers.waitFor(browser)
                .withMessage(() -> "the agent console to connect")
                .until(ExpectedConditions.textToBe(CONNECTION, "Connected"));
    }
}
