package org.councilchat.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.councilchat.journey.TestCouncil;
import org.councilchat.knowledge.AnswerFeedback;
import org.councilchat.knowledge.FaqReviewRefused;
import org.councilchat.knowledge.FaqReviews;
import org.councilchat.knowledge.KnowledgeBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The editor's journey in Chromium: a new FAQ written with its live preview, published, and answered in the
 * resident's chat at once; and the editor's newer pages (content gaps, audit, crawl with its progress and
 * report) checked against WCAG 2.2 AA with axe-core.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EditorBrowserTests {

    @RegisterExtension
    static final Browsers browsers = new Browsers();

    @LocalServerPort
    int port;

    @Autowired
    AnswerFeedback feedback;

    @Autowired
    KnowledgeBase knowledge;

    @Autowired
    FaqReviews reviews;

    @DynamicPropertySource
    static void council(DynamicPropertyRegistry registry) {
        TestCouncil.configure(registry);
        registry.add("council-chat.knowledge.crawl.delay", () -> "0s");
        // The test site is on this machine, which a crawl reads only when the council says it may.
        registry.add("council-chat.knowledge.crawl.allowed-internal-hosts", () -> "127.0.0.1");
    }

    @Test
    void anEditorCreatesAndPublishesAnFaqAndTheBotAnswersResidentsWithIt() {
        WebDriver editor = browsers.open();
        Staff.signIn(editor, port, "editor", "editor-demo");
        editor.get(url("/editor"));
        editor.findElement(By.linkText("Create a new FAQ")).click();
        Browsers.waitFor(editor).until(ExpectedConditions.textToBe(By.tagName("h1"), "New FAQ"));
        Browsers.assertNoAxeViolations(editor, "The new FAQ form");

        editor.findElement(By.id("question")).sendKeys("Can I keep bees in my garden?");
        editor.findElement(By.id("phrasings")).sendKeys("beehives at home\nkeeping honey bees");
        editor.findElement(By.id("sourceUrl")).sendKeys("https://www.millbrook.example/environment/bees");
        // The HTML, as an editor who knows it may write it, beside the formatted editor (its own test is below).
        editor.findElement(By.xpath("//button[normalize-space()='Edit the HTML']"))
                .click();
        editor.findElement(By.id("answerHtml"))
                .sendKeys("<p>Yes, you may keep up to two beehives.</p><script>alert('no')</script>"
                        + "<h3>Where hives may go</h3><table><tr><th>Garden</th><th>Hives</th></tr>"
                        + "<tr><td>Under 10 metres long</td><td>One</td></tr></table>"
                        + "<p>Tell <a href=\"mailto:ehealth@millbrook.example\">environmental health</a>.</p>");
        WebElement preview = editor.findElement(By.id("preview"));
        Browsers.waitFor(editor)
                .withMessage(() -> "the live preview to show the answer; it shows: " + preview.getText())
                .until(d -> preview.getText().contains("up to two beehives"));
        Browsers.waitFor(editor)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview-note"), "will be removed"));
        assertThat(preview.findElements(By.tagName("script"))).isEmpty();
        Browsers.waitFor(editor)
                .withMessage("the preview to show the source line")
                .until(d -> !preview.findElements(By.cssSelector(".cc-answer .cc-answer-source"))
                        .isEmpty());
        List<String> previewed = AnswerOutline.shown(editor, preview.findElement(By.cssSelector(".cc-answer")));
        assertThat(previewed)
                .containsExactly(
                        "p:Yes, you may keep up to two beehives.",
                        "h:Where hives may go",
                        "tr:Garden | Hives",
                        "tr:Under 10 metres long | One",
                        "p:Tell environmental health.",
                        "a:mailto:ehealth@millbrook.example:environmental health",
                        "source:From: Can I keep bees in my garden?, millbrook.example");
        Browsers.assertNoAxeViolations(editor, "The new FAQ form with its live preview");

        new Select(editor.findElement(By.id("serviceArea"))).selectByValue("environmental-health");
        new Select(editor.findElement(By.id("status"))).selectByValue("PUBLISHED");
        editor.findElement(By.cssSelector("#faq-form button[type=submit]")).click();
        Browsers.waitFor(editor)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector(".notice"), "Saved “Can I keep bees in my garden?”"));
        Browsers.assertNoAxeViolations(editor, "The FAQ list after saving, with search, filters and ratings");

        WebDriver resident = browsers.open();
        ResidentChat chat = new ResidentChat(resident, port).visitHomePage().openChat();
        WebElement answer = chat.ask("can I keep bees in my garden?", "up to two beehives");
        assertThat(AnswerOutline.shown(resident, answer.findElement(By.cssSelector(".cc-answer"))))
                .as("the answer in the resident's chat, as the editor's preview showed it")
                .isEqualTo(previewed);
    }

    @Test
    void contentGapsAuditAndCrawlPagesMeetWcag22AA() throws IOException {
        feedback.unanswered("millbrook", "can I get a parking permit for my visitors", "en");
        feedback.unanswered("millbrook", "where do I get a visitors parking permit", "en");
        feedback.rated("millbrook", "council-tax-bands", false, "is my band wrong", "en");
        WebDriver editor = browsers.open();
        Staff.signIn(editor, port, "editor", "editor-demo");

        editor.get(url("/editor/gaps"));
        assertThat(editor.findElement(By.tagName("main")).getText()).contains("Asked 2 times");
        Browsers.assertNoAxeViolations(editor, "The content gaps");
        editor.findElements(By.linkText("Start a new FAQ from this")).getFirst().click();
        Browsers.waitFor(editor).until(ExpectedConditions.textToBe(By.tagName("h1"), "New FAQ"));
        assertThat(editor.findElement(By.id("question")).getDomProperty("value"))
                .contains("parking permit");

        editor.get(url("/editor/crawl"));
        Browsers.assertNoAxeViolations(editor, "The crawl form");
        // The browser takes any scheme as a web address; the server wants a web page.
        editor.findElement(By.id("start")).sendKeys("ftp://files.millbrook.example/");
        editor.findElement(By.cssSelector("main form button[type=submit]")).click();
        Browsers.waitFor(editor).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".problems")));
        Browsers.assertNoAxeViolations(editor, "The crawl form with a problem to fix");

        HttpServer site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/", exchange -> {
            boolean home = exchange.getRequestURI().getPath().equals("/");
            byte[] body = (home
                            ? "<html lang=en><title>Millbrook</title><main><h1>Millbrook</h1><details><summary>"
                                    + "Can I get a visitor parking permit?</summary><p>Yes.</p></details>"
                                    + "<a href=/gone>Old page</a></main></html>"
                            : "<h1>Not found</h1>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(home ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        site.start();
        try {
            WebElement start = editor.findElement(By.id("start"));
            start.clear();
            start.sendKeys("http://127.0.0.1:" + site.getAddress().getPort() + "/");
            editor.findElement(By.id("maxPages")).clear();
            editor.findElement(By.id("maxPages")).sendKeys("5");
            editor.findElement(By.cssSelector("main form button[type=submit]")).click();
            // The page follows the crawl and shows the report when it ends, focus on its heading.
            Browsers.waitFor(editor).until(ExpectedConditions.textToBe(By.id("crawl-heading"), "The last crawl"));
            Browsers.waitFor(editor)
                    .until(d ->
                            "crawl-heading".equals(d.switchTo().activeElement().getDomAttribute("id")));
            assertThat(editor.findElement(By.id("crawl")).getText()).contains("/gone: HTTP 404");
            Browsers.assertNoAxeViolations(editor, "The crawl's report");
        } finally {
            site.stop(0);
        }

        editor.get(url("/editor/audit"));
        assertThat(editor.findElement(By.tagName("main")).getText()).contains("Started a crawl");
        Browsers.assertNoAxeViolations(editor, "The audit");
    }

    /** What an editor copies from Word: a heading, a list Word draws with typed bullets, a link, and clutter. */
    private static final String FROM_WORD = "<h1 style=\"font-family:Calibri\">What goes in the blue bin</h1>"
            + "<p class=\"MsoListParagraph\" style=\"mso-list:l0 level1 lfo1\"><span style=\"mso-list:Ignore\">·"
            + "<span>&nbsp;&nbsp;</span></span>Paper</p>"
            + "<p class=\"MsoListParagraph\" style=\"mso-list:l0 level1 lfo1\"><span style=\"mso-list:Ignore\">·"
            + "</span><b>Card</b></p>"
            + "<p class=\"MsoNormal\"><span style=\"color:red\">See <a href=\"https://www.millbrook.example/bins\""
            + " class=\"x\">bin collections</a></span><img src=\"logo.png\"></p><script>alert(1)</script>";

    /** Pastes HTML into the answer editor as the browser does a paste from the clipboard. */
    private static final String PASTE = "const dt = new DataTransfer(); dt.setData('text/html', arguments[0]);"
            + " dt.setData('text/plain', 'pasted');"
            + " document.getElementById('answerHtml-editor').dispatchEvent("
            + "new ClipboardEvent('paste', {clipboardData: dt, bubbles: true, cancelable: true}));";

    @Test
    void anEditorFormatsAnAnswerWithTheToolbarAndAPasteFromWordKeepsOnlyItsStructure() {
        WebDriver editor = browsers.open();
        Staff.signIn(editor, port, "editor", "editor-demo");
        editor.get(url("/editor/faqs/new"));
        WebElement html = editor.findElement(By.id("answerHtml"));
        WebElement box = Browsers.waitFor(editor)
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("answerHtml-editor")));
        assertThat(html.isDisplayed()).as("the HTML behind the editor").isFalse();
        assertThat(box.getDomAttribute("role")).isEqualTo("textbox");

        box.click();
        box.sendKeys("Opening hours");
        tool(editor, "Heading").click();
        assertThat(tool(editor, "Heading").getDomAttribute("aria-pressed")).isEqualTo("true");
        box.sendKeys(Keys.END, Keys.ENTER, "Open every weekday. Call ");
        tool(editor, "Link").click();
        WebElement address = editor.findElement(By.id("answerHtml-link"));
        address.sendKeys("01632 960500", Keys.ENTER);
        assertThat(editor.findElement(By.id("answerHtml-link-problem")).isDisplayed())
                .as("a phone number without tel: is not a link yet")
                .isTrue();
        Browsers.assertNoAxeViolations(editor, "The answer editor asking for a link's address, with a problem");
        address.clear();
        address.sendKeys("tel:01632960500", Keys.ENTER);
        box.sendKeys(Keys.END, Keys.ENTER);
        ((JavascriptExecutor) editor).executeScript(PASTE, FROM_WORD);

        String written = html.getDomProperty("value");
        assertThat(written)
                .startsWith("<h3>Opening hours</h3><p>Open every weekday. Call <a href=\"tel:01632960500\">"
                        + "01632960500</a></p>")
                .contains("<h3>What goes in the blue bin</h3><ul><li>Paper</li><li><strong>Card</strong></li></ul>")
                .contains("<a href=\"https://www.millbrook.example/bins\">bin collections</a>")
                .doesNotContain("style", "class", "mso", "<img", "<script", "·");

        // One tab stop for the toolbar; the arrow keys move along it.
        WebElement first = tool(editor, "Paragraph");
        first.sendKeys(Keys.ARROW_RIGHT);
        assertThat(editor.switchTo().activeElement().getText()).isEqualTo("Heading");
        assertThat(first.getDomAttribute("tabindex")).isEqualTo("-1");
        assertThat(tool(editor, "Heading").getDomAttribute("tabindex")).isEqualTo("0");
        Browsers.assertNoAxeViolations(editor, "The answer editor with formatted text");

        editor.findElement(By.id("question")).sendKeys("What goes in the blue recycling bin?");
        new Select(editor.findElement(By.id("status"))).selectByValue("PUBLISHED");
        editor.findElement(By.cssSelector("#faq-form button[type=submit]")).click();
        Browsers.waitFor(editor)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector(".notice"), "Saved “What goes in the blue recycling bin?”"));
        assertThat(knowledge
                        .find("what-goes-in-the-blue-recycling-bin")
                        .orElseThrow()
                        .answerHtml())
                .contains("<h3>What goes in the blue bin</h3>")
                .contains("<li>Paper</li>")
                .contains("href=\"tel:01632960500\"");
    }

    private static WebElement tool(WebDriver editor, String name) {
        return editor.findElement(By.xpath("//div[@role='toolbar']/button[normalize-space()='" + name + "']"));
    }

    /**
     * The demo's Westshire checks answers before residents see them: the editor's change waits, residents keep the
     * live answer, the editor who sent it cannot approve it, and another editor's approval puts it live.
     */
    @Test
    void aCountyThatChecksAnswersPublishesAnEditorsChangeOnlyOnceAnotherEditorApprovesIt() {
        String id = "westshire-school-transport";
        String live = knowledge.find(id).orElseThrow().answerHtml();
        WebDriver editor = browsers.open();
        Staff.signIn(editor, port, "editor", "editor-demo");
        editor.get(url("/editor/faqs/" + id));
        assertThat(editor.findElement(By.id("status-hint")).getText())
                .startsWith("Westshire County Council (fictional demo) checks answers before residents see them");
        Select status = new Select(editor.findElement(By.id("status")));
        assertThat(status.getFirstSelectedOption().getText()).startsWith("Ready for review");
        editor.findElement(By.xpath("//button[normalize-space()='Edit the HTML']"))
                .click();
        WebElement answer = editor.findElement(By.id("answerHtml"));
        answer.clear();
        answer.sendKeys("<p>Apply for free school transport by 31 March.</p>");
        editor.findElement(By.cssSelector("#faq-form button[type=submit]")).click();
        Browsers.waitFor(editor)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector(".notice"), "is ready for review"));
        assertThat(editor.findElement(By.tagName("main")).getText())
                .contains("Ready for review: a change waits for a second editor");
        assertThat(knowledge.find(id).orElseThrow().answerHtml())
                .as("residents keep the live answer meanwhile")
                .isEqualTo(live);

        editor.get(url("/editor/faqs/" + id));
        assertThat(editor.findElement(By.id("review")).getText())
                .contains("editor sent this change for review")
                .contains("You sent this change, so another editor must approve it");
        assertThat(editor.findElements(By.xpath("//button[normalize-space()='Approve and publish']")))
                .isEmpty();
        Browsers.assertNoAxeViolations(editor, "An FAQ ready for review, seen by the editor who sent it");
        assertThatThrownBy(() -> reviews.approve(id, "editor")).isInstanceOf(FaqReviewRefused.class);

        editor.get(url("/editor/crawl"));
        new Select(editor.findElement(By.id("council"))).selectByValue("westshire");
        WebElement publish = editor.findElement(By.id("publish"));
        if (!publish.isSelected()) {
            publish.click();
        }
        editor.findElement(By.id("start")).sendKeys("https://www.westshire.example/");
        editor.findElement(By.cssSelector("main form button[type=submit]")).click();
        Browsers.waitFor(editor)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector(".problems"), "crawl without publishing"));

        WebDriver reviewer = browsers.open();
        Staff.signIn(reviewer, port, "supervisor", "supervisor-demo");
        reviewer.get(url("/editor?status=WAITING_FOR_REVIEW"));
        reviewer.findElement(By.linkText("Can my child get free school transport?"))
                .click();
        Browsers.waitFor(reviewer).until(ExpectedConditions.textToBe(By.tagName("h1"), "Edit FAQ"));
        assertThat(reviewer.findElement(By.cssSelector("#review summary")).getText())
                .isEqualTo("What residents get now");
        Browsers.assertNoAxeViolations(reviewer, "An FAQ ready for review, seen by another editor");
        reviewer.findElement(By.xpath("//button[normalize-space()='Approve and publish']"))
                .click();
        Browsers.waitFor(reviewer)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector(".notice"), "Approved “Can my child get free school transport?”"));
        assertThat(knowledge.find(id).orElseThrow().answerHtml())
                .isEqualTo("<p>Apply for free school transport by 31 March.</p>");

        reviewer.get(url("/editor/faqs/" + id + "/history"));
        assertThat(reviewer.findElement(By.tagName("main")).getText())
                .contains("by supervisor, who approved it; sent for review by editor");
        reviewer.get(url("/editor/audit?faq=" + id));
        assertThat(reviewer.findElement(By.tagName("main")).getText())
                .contains("Sent for review")
                .contains("Approved");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
