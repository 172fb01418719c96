package org.councilchat.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.councilchat.browser.Browsers;
import org.councilchat.browser.ResidentChat;
import org.councilchat.browser.Staff;
import org.councilchat.engine.CaseIntake;
import org.councilchat.engine.CaseReferenceNotices;
import org.councilchat.journey.StompTestClient;
import org.councilchat.knowledge.ContactDetails;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What residents get through GOV.UK Notify: the reference of a message left, by text or e-mail, and their chat by
 * e-mail from the widget. Sent with Notify's own Java client, over real HTTP to the test's Notify ({@link
 * WithGovUkNotify}).
 */
class GovUkNotifyTests extends WithGovUkNotify {

    @Autowired
    CaseReferenceNotices notices;

    @Test
    void aMessageLeftWithAMobileNumberGetsItsReferenceByTextAndNothingIsKept() throws Exception {
        String reference = leave("Jo", "07700 900123", "en", "millbrook");

        Received text = NOTIFY.next();
        assertThat(text.path()).isEqualTo("/v2/notifications/sms");
        assertThat(text.body().path("phone_number").asString()).isEqualTo("+447700900123");
        assertThat(text.body().path("template_id").asString()).isEqualTo(SMS_TEMPLATE);
        assertThat(text.body().at("/personalisation/reference").asString()).isEqualTo(reference);
        assertThat(text.body().at("/personalisation/name").asString()).isEqualTo("Jo");
        assertThat(text.body().at("/personalisation/council").asString())
                .isEqualTo("Millbrook District Council (fictional demo)");
        assertThat(text.body().path("reference").asString()).isEqualTo(reference);
        // Sent: nothing personal is kept, the number and what was sent blanked at once.
        await().atMost(Duration.ofSeconds(10)).until(() -> personal() == 0 && sent() == 1);
    }

    @Test
    void anEmailAddressGetsAnEmailAndAWelshSpeakerTheWelshTemplate() throws Exception {
        leave("Siân", "sian@example.org", "cy", "millbrook");
        Received email = NOTIFY.next();
        assertThat(email.path()).isEqualTo("/v2/notifications/email");
        assertThat(email.body().path("email_address").asString()).isEqualTo("sian@example.org");
        // No Welsh e-mail template: the English one rather than no reference at all.
        assertThat(email.body().path("template_id").asString()).isEqualTo(EMAIL_TEMPLATE);

        leave("Siân", "07700 900456", "cy", "millbrook");
        assertThat(NOTIFY.next().body().path("template_id").asString()).isEqualTo(WELSH_SMS_TEMPLATE);
    }

    @Test
    void aLandlineGetsNothingSinceNotifyTextsMobilesOnly() throws Exception {
        leave("Pat", "01632 960123", "en", "millbrook");
        assertThat(rows()).isZero();
        assertThat(NOTIFY.received).isEmpty();
    }

    @Test
    void theBotIsToldWhereAReferenceGoesByTheRuleThatSendsIt() {
        // What the bot's "I've also texted the reference to ..." rests on.
        assertThat(notices.sentBy("07700 900123", "en")).contains(ContactDetails.Kind.PHONE);
        assertThat(notices.sentBy("07700 900123", "cy")).contains(ContactDetails.Kind.PHONE);
        assertThat(notices.sentBy("jo@example.org", "cy"))
                .as("the English e-mail template for a Welsh speaker")
                .contains(ContactDetails.Kind.EMAIL);
        assertThat(notices.sentBy("01632 960123", "en")).isEmpty();
        assertThat(notices.sentBy("not a contact", "en")).isEmpty();
    }

    @Test
    void whatNotifyRefusesIsKeptAsFailedWithItsReasonNotTriedAgainAndShownToTheAdministrator() throws Exception {
        NOTIFY.answers.add(new Answer(400, """
                {"errors": [{"error": "BadRequestError", "message": "Can't send to this recipient using a team-only API key"}],
                 "status_code": 400}"""));
        leave("Lee", "07700 900789", "en", "millbrook");
        NOTIFY.next();
        await().atMost(Duration.ofSeconds(10)).until(() -> failed() == 1);
        String error = jdbc.sql("SELECT last_error FROM resident_notification")
                .query(String.class)
                .single();
        assertThat(error).isEqualTo("Notify answered 400: Can't send to this recipient using a team-only API key");
        assertThat(meters.counter(
                                "council_chat_resident_notifications",
                                "kind",
                                "case-reference",
                                "channel",
                                "sms",
                                "outcome",
                                "refused")
                        .count())
                .isEqualTo(1.0);
        Thread.sleep(1000); // five more looks at the table: none of them sends it again
        assertThat(NOTIFY.received).isEmpty();

        // The administrator sees it on a page, with Notify's reason and never the number; another council's not.
        jdbc.sql("""
                        INSERT INTO resident_notification (council_id, kind, channel, recipient, template_id,
                          personalisation, reference, created_at, attempts, next_attempt_at, failed_at, last_error)
                        VALUES ('elsewhere', 'case-reference', 'SMS', '', ?, '{}', 'EL-NOTOURS', ?, 1, ?, ?,
                          'Notify answered 400: not ours')""")
                .params(SMS_TEMPLATE, OffsetDateTime.now(), OffsetDateTime.now(), OffsetDateTime.now())
                .update();
        WebDriver browser = browsers.open();
        Staff.signIn(browser, port, "admin", "admin-demo");
        browser.get("http://localhost:" + port + "/admin/notifications");
        String page = browser.findElement(By.tagName("main")).getText();
        assertThat(page)
                .contains("Not sent: Notify answered 400: Can't send to this recipient using a team-only API key")
                .contains("Reference of a message left")
                .doesNotContain("07700")
                .doesNotContain("EL-NOTOURS");
        Browsers.assertNoAxeViolations(browser, "Texts and emails, with one Notify refused");
        HttpResponse<String> asAnAgent = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/admin/notifications"))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString("agent:agent-demo".getBytes(StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(asAnAgent.statusCode()).isEqualTo(403);
    }

    @Test
    void whenNotifyIsDownTheTextWaitsAndGoesWhenItIsBack() throws Exception {
        NOTIFY.answers.add(
                new Answer(500, "{\"errors\": [{\"error\": \"Exception\", \"message\": \"Internal server error\"}]}"));
        NOTIFY.answers.add(new Answer(
                429, "{\"errors\": [{\"error\": \"RateLimitError\", \"message\": \"Exceeded rate limit\"}]}"));
        String reference = leave("Max", "07700 900321", "en", "millbrook");
        NOTIFY.next();
        NOTIFY.next();
        Received third = NOTIFY.next();
        assertThat(third.body().at("/personalisation/reference").asString()).isEqualTo(reference);
        await().atMost(Duration.ofSeconds(10)).until(() -> personal() == 0 && sent() == 1);
    }

    @Test
    void aResidentGetsTheirChatByEmailAFewTimesADayAtMost() throws Exception {
        StompTestClient resident = StompTestClient.resident(port, null);
        try {
            Map<String, Object> welcome = resident.awaitEvent(StompTestClient.EVENTS, "welcome", e -> true);
            assertThat(welcome.get("transcriptByEmail")).isEqualTo(true);
            String token = (String) welcome.get("resumeToken");
            resident.send("/app/resident/message", Map.of("clientMessageId", "r-1", "text", "when is my bin day"));
            resident.awaitEvent(StompTestClient.EVENTS, "message", m -> "BOT".equals(m.get("sender")));

            assertThat(askForTheChat(token, "not an address", null)).isEqualTo(400);
            assertThat(askForTheChat("not-a-token", "jo@example.org", null)).isEqualTo(404);
            assertThat(askForTheChat(token, "jo@example.org", "https://evil.example"))
                    .isEqualTo(403);
            assertThat(askForTheChat(token, " jo@example.org ", null)).isEqualTo(202);

            Received email = NOTIFY.next();
            assertThat(email.path()).isEqualTo("/v2/notifications/email");
            assertThat(email.body().path("email_address").asString()).isEqualTo("jo@example.org");
            assertThat(email.body().path("template_id").asString()).isEqualTo(TRANSCRIPT_TEMPLATE);
            String transcript = email.body().at("/personalisation/transcript").asString();
            assertThat(transcript).contains("You: when is my bin day").contains("postcode");
            assertThat(email.body().at("/personalisation/council").asString()).startsWith("Millbrook");

            assertThat(askForTheChat(token, "jo@example.org", null)).isEqualTo(202);
            assertThat(askForTheChat(token, "jo@example.org", null)).isEqualTo(202);
            assertThat(askForTheChat(token, "jo@example.org", null)).isEqualTo(429);
        } finally {
            resident.close();
        }
        // Nor from a new chat to the same address: a stranger's inbox is not a chat's to fill.
        StompTestClient another = StompTestClient.resident(port, null);
        try {
            String token = (String) another.awaitEvent(StompTestClient.EVENTS, "welcome", e -> true)
                    .get("resumeToken");
            another.send("/app/resident/message", Map.of("clientMessageId", "r-1", "text", "hello"));
            another.awaitEvent(StompTestClient.EVENTS, "message", m -> "BOT".equals(m.get("sender")));
            assertThat(askForTheChat(token, "JO@example.org", null)).isEqualTo(429);
            assertThat(askForTheChat(token, "sam@example.org", null)).isEqualTo(202);
        } finally {
            another.close();
        }
    }

    @Test
    void theWidgetOffersTheChatByEmailAndExplainsAMistakeInEnglishAndWelsh() {
        WebDriver browser = browsers.open();
        new ResidentChat(browser, port).visitHomePage().openChat().ask("when is my bin day", "postcode");
        WebElement offer = browser.findElement(By.cssSelector(".cc-email"));
        Browsers.waitFor(browser).until(ExpectedConditions.visibilityOf(offer));
        assertThat(offer.getText()).isEqualTo("Email me this chat");
        offer.click();
        WebElement address = browser.findElement(By.id("cc-email-address"));
        Browsers.waitFor(browser)
                .until(driver -> address.equals(driver.switchTo().activeElement()));
        assertThat(address.getAccessibleName()).isEqualTo("Your email address");
        address.sendKeys("jo@example");
        browser.findElement(By.cssSelector(".cc-email-send")).click();
        Browsers.waitFor(browser)
                .until(ExpectedConditions.textToBe(
                        By.id("cc-email-error"), "Enter an email address like name@example.com"));
        assertThat(address.getDomAttribute("aria-invalid")).isEqualTo("true");
        Browsers.assertNoAxeViolations(browser, "The chat by e-mail, with a mistake to fix");

        address.clear();
        address.sendKeys("jo@example.org");
        browser.findElement(By.cssSelector(".cc-email-send")).click();
        Browsers.waitFor(browser)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.id("cc-log"), "We’ve sent this chat to jo@example.org"));
        assertThat(NOTIFY.next().body().path("email_address").asString()).isEqualTo("jo@example.org");
        assertThat(browser.findElement(By.cssSelector(".cc-email-form")).isDisplayed())
                .isFalse();

        browser.findElement(By.cssSelector(".cc-lang")).click();
        Browsers.waitFor(browser)
                .until(ExpectedConditions.textToBe(By.cssSelector(".cc-email"), "Anfon y sgwrs hon ataf drwy e-bost"));
        browser.findElement(By.cssSelector(".cc-email")).click();
        browser.findElement(By.cssSelector(".cc-email-send")).click();
        Browsers.waitFor(browser)
                .until(ExpectedConditions.textToBe(
                        By.id("cc-email-error"), "Rhowch gyfeiriad e-bost fel enw@enghraifft.com"));
        assertThat(address.getAccessibleName()).isEqualTo("Eich cyfeiriad e-bost");
        Browsers.assertNoAxeViolations(browser, "The chat by e-mail in Welsh, with a mistake to fix");
    }

    private int askForTheChat(String token, String email, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/webchat/v1/transcript-email"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                        + "&email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&language=en"));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private String leave(String name, String contact, String language, String council) {
        return cases.open(new CaseIntake.NewCase(
                UUID.randomUUID().toString(), name, contact, "My bin was not collected", language, false, council));
    }

    private long personal() {
        return jdbc.sql("SELECT COUNT(*) FROM resident_notification WHERE recipient <> '' OR personalisation <> '{}'")
                .query(Long.class)
                .single();
    }

    private long sent() {
        return jdbc.sql("SELECT COUNT(*) FROM resident_notification WHERE sent_at IS NOT NULL")
                .query(Long.class)
                .single();
    }

    private long rows() {
        return jdbc.sql("SELECT COUNT(*) FROM resident_notification")
                .query(Long.class)
                .single();
    }

    private long failed() {
        return jdbc.sql("SELECT COUNT(*) FROM resident_notification WHERE failed_at IS NOT NULL")
                .query(Long.class)
                .single();
    }
}
