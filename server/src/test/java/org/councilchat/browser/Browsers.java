package org.councilchat.browser;

import static org.junit.jupiter.api.Assertions.fail;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, driven by Selenium, for tests of real pages. Nothing is downloaded: the browser and
 * driver must be installed ({@code apt-get install -y chromium chromium-driver}). Without them the tests
 * are skipped with that advice, except under CI, where a missing browser is a broken set-up and fails.
 */
final class Browsers {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration PATIENCE = Duration.ofSeconds(15);

    /** The WCAG 2.2 AA rule sets. */
    static final List<String> WCAG_22_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    private Browsers() {}

    static WebDriver chromium(int width, int height) {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String advice =
                "Browser tests need Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver";
        if (!installed) {
            if ("true".equals(System.getenv("CI"))) {
                fail(advice);
            }
            Assumptions.abort(advice);
        }
        try {
            Path profile = Files.createTempDirectory("council-chat-chromium-");
            ChromeOptions options = new ChromeOptions()
                    .setBinary(CHROMIUM.toFile())
                    .addArguments(
                            "--headless=new",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-dev-shm-usage",
                            "--disable-quic",
                            "--no-first-run",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--user-data-dir=" + profile,
                            "--window-size=" + width + "," + height);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            return new ChromeDriver(service, options);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static WebDriverWait waitFor(WebDriver browser) {
        return new WebDriverWait(browser, PATIENCE);
    }

    /** Runs axe-core in the page and fails with a readable list of every WCAG 2.2 AA violation. */
    static void assertAccessible(WebDriver browser, String what) {
        Results results = new AxeBuilder().withTags(WCAG_22_AA).analyze(browser);
        List<Rule> violations = results.getViolations();
        if (!violations.isEmpty()) {
            String report = violations.stream()
                    .map(rule -> "- " + rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                            + rule.getNodes().stream()
                                    .limit(3)
                                    .map(node -> String.valueOf(node.getTarget()))
                                    .collect(Collectors.joining(", ")))
                    .collect(Collectors.joining("\n"));
            fail(what + " has accessibility violations:\n" + report);
        }
    }
}
