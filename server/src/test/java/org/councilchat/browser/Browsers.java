package org.councilchat.browser;

import static org.junit.jupiter.api.Assertions.fail;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, driven by Selenium, for tests of real pages. Register it in a test class with
 * {@code @RegisterExtension static final Browsers browsers = new Browsers();} and open browsers with
 * {@link #open()}: each has a profile of its own (so two browsers are two different people) and is closed
 * after the test. When a test fails, a screenshot and the page's HTML of every open browser are saved under
 * {@code target/browser-failures/}.
 *
 * <p>Nothing is ever downloaded: the browser and its driver must be installed ({@value #INSTALL}), and Selenium
 * Manager is never asked to find them. Without them the tests are skipped with that advice, except when the
 * environment variable {@code CI} is {@code true}: CI installs them, so there a missing browser is a broken
 * set-up and the tests fail rather than silently skip.
 */
public final class Browsers implements TestInstancePreConstructCallback, AfterTestExecutionCallback, AfterEachCallback {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String INSTALL =
            "Browser tests need Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver";

    /** Long enough for a slow CI machine; a test only waits this long when something is broken. */
    static final Duration PATIENCE = Duration.ofSeconds(15);

    /** The axe-core tags for WCAG 2.0, 2.1 and 2.2, levels A and AA. */
    static final List<String> WCAG_22_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    // Under target/, so `mvn clean` removes them and nothing collects in the system temp folder.
    private static final Path PROFILES = Path.of("target", "browser-profiles").toAbsolutePath();
    private static final Path FAILURES = Path.of("target", "browser-failures").toAbsolutePath();
    private static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();

    /**
     * Selenium warns on every start that it has no DevTools bindings for this Chromium version. The tests only
     * use WebDriver commands, never DevTools, so that warning is noise. Held here so the loggers keep the level.
     */
    private static final List<Logger> QUIETENED = new ArrayList<>();

    static {
        for (String name : List.of(
                "org.openqa.selenium.devtools.CdpVersionFinder", "org.openqa.selenium.chromium.ChromiumDriver")) {
            Logger logger = Logger.getLogger(name);
            logger.setLevel(Level.SEVERE);
            QUIETENED.add(logger);
        }
    }

    private final List<WebDriver> open = new ArrayList<>();
    private final List<Path> profiles = new ArrayList<>();

    /** Skips the test (or fails it under CI) unless Debian's Chromium and its driver are installed. */
    static void requireChromium() {
        List<String> missing = Stream.of(CHROMIUM, CHROMEDRIVER)
                .filter(program -> !Files.isExecutable(program))
                .map(Path::toString)
                .toList();
        if (missing.isEmpty()) {
            return;
        }
        String advice = INSTALL + " (missing: " + String.join(", ", missing) + ")";
        if ("true".equalsIgnoreCase(String.valueOf(System.getenv("CI")).trim())) {
            fail(advice + ". CI must install them: failing rather than skipping the browser tests.");
        }
        Assumptions.abort(advice);
    }

    /**
     * Checked for each test, so each is reported as skipped with the advice, and before the test instance exists,
     * so a skipped test does not start the Spring application first.
     */
    @Override
    public void preConstructTestInstance(TestInstanceFactoryContext factory, ExtensionContext context) {
        requireChromium();
    }

    /** Saves what the browser shows as target/screenshots/NAME.png, for people to review the look. */
    static void screenshot(WebDriver browser, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(
                    SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A desktop-sized browser window, 1280 by 900 CSS pixels. */
    public WebDriver open() {
        return open(1280, 900, false);
    }

    /**
     * A phone-sized screen, this many CSS pixels wide and high. Chromium's windows are never narrower than 500
     * pixels, even headless, so the screen is emulated the way Chromium's device mode does it (ChromeDriver's
     * {@code mobileEmulation}): the page sees a viewport of exactly this size, as on a phone.
     */
    WebDriver openPhone(int width, int height) {
        return open(width, height, true);
    }

    private WebDriver open(int width, int height, boolean phone) {
        requireChromium();
        // The driver we name is the driver used: Selenium Manager never looks for, or downloads, another one.
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        Path profile = PROFILES.resolve(UUID.randomUUID().toString());
        try {
            Files.createDirectories(profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        profiles.add(profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
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
        // The console, so that afterEach can fail a test whose pages broke the Content-Security-Policy.
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        if (phone) {
            options.setExperimentalOption(
                    "mobileEmulation",
                    Map.of("deviceMetrics", Map.of("width", width, "height", height, "pixelRatio", 1.0)));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        WebDriver browser = new ChromeDriver(service, options);
        open.add(browser);
        return browser;
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isEmpty()) {
            return;
        }
        String name = context.getRequiredTestClass().getSimpleName() + "."
                + context.getRequiredTestMethod().getName();
        for (int i = 0; i < open.size(); i++) {
            WebDriver browser = open.get(i);
            try {
                Files.createDirectories(FAILURES);
                Path screenshot = FAILURES.resolve(name + "-browser" + (i + 1) + ".png");
                Files.write(screenshot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
                Path html = FAILURES.resolve(name + "-browser" + (i + 1) + ".html");
                Files.writeString(
                        html,
                        "<!-- " + browser.getCurrentUrl() + " -->\n" + browser.getPageSource(),
                        StandardCharsets.UTF_8);
                System.err.println("Browser " + (i + 1) + " when " + name + " failed: " + screenshot + " and " + html);
            } catch (IOException | RuntimeException e) {
                System.err.println("Could not save what browser " + (i + 1) + " showed: " + e);
            }
        }
    }

    /**
     * Every browser's console is read for Content-Security-Policy violations (an inline script or style, a
     * connection the policy does not allow): a page that breaks the policy is broken for real users, even when
     * what the test looked at still worked.
     */
    @Override
    public void afterEach(ExtensionContext context) {
        List<String> violations = new ArrayList<>();
        open.forEach(browser -> {
            try {
                browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                        .map(LogEntry::getMessage)
                        .filter(message -> message.contains("Content Security Policy"))
                        .forEach(violations::add);
            } catch (RuntimeException e) {
                System.err.println("Could not read a browser's console: " + e);
            }
            try {
                browser.quit();
            } catch (RuntimeException e) {
                System.err.println("Could not close a browser: " + e);
            }
        });
        open.clear();
        profiles.forEach(Browsers::delete);
        profiles.clear();
        if (context.getExecutionException().isEmpty() && !violations.isEmpty()) {
            fail("The Content-Security-Policy refused something:\n" + String.join("\n", violations));
        }
    }

    /** Waits up to {@link #PATIENCE}, looking again when the page replaced an element mid-check. */
    public static WebDriverWait waitFor(WebDriver browser) {
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /**
     * Runs axe-core (bundled with the library, nothing downloaded) on the whole page as it is now, and fails
     * with every WCAG 2.2 AA violation: rule, impact, what to do, and where.
     */
    public static void assertNoAxeViolations(WebDriver browser, String page) {
        Results results = new AxeBuilder().withTags(WCAG_22_AA).analyze(browser);
        if (results.isErrored()) {
            fail("axe-core could not check " + page + ": " + results.getErrorMessage());
        }
        if (results.getPasses().isEmpty()) {
            fail("axe-core checked nothing on " + page + ": is the page empty?");
        }
        List<Rule> violations = results.getViolations();
        if (violations.isEmpty()) {
            return;
        }
        String report = violations.stream().map(Browsers::describe).collect(Collectors.joining("\n"));
        fail(page + " (" + browser.getCurrentUrl() + ") fails WCAG 2.2 AA in " + violations.size()
                + " axe-core rule(s):\n" + report);
    }

    /** One violated rule: its id, impact and advice, then where (the first few elements) and why. */
    private static String describe(Rule rule) {
        int elements = rule.getNodes().size();
        return "- " + rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + "\n    " + rule.getHelpUrl()
                + "\n"
                + rule.getNodes().stream()
                        .limit(3)
                        .map(node -> "    at " + node.getTarget() + ": "
                                + String.valueOf(node.getFailureSummary()).replaceAll("\\s*\\n\\s*", " "))
                        .collect(Collectors.joining("\n"))
                + (elements > 3 ? "\n    and " + (elements - 3) + " more element(s)" : "");
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Chromium may still be writing while it exits; target/ is cleaned by `mvn clean` anyway.
        }
    }
}
