package org.councilchat.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.councilchat.browser.Browsers;
import org.councilchat.engine.BinDayReminders;
import org.councilchat.engine.BinDayReminders.Subscribed;
import org.councilchat.engine.BinDayReminders.Subscription;
import org.councilchat.journey.StompTestClient;
import org.councilchat.knowledge.BinCollections;
import org.councilchat.knowledge.NextCollection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Bin-day reminders, from "Remind me the evening before" in the chat to the text the evening before a collection and
 * the page that stops them: real STOMP, the real evening round against the demo's rounds and bank holidays, the
 * test's Notify over HTTP, and the stop page in Chromium with axe-core, in English and Welsh.
 */
class BinDayReminderTests extends WithGovUkNotify {

    private static final String MILL_LANE = "999900000101";
    private static final String STRYD_Y_BONT = "999910000101";
    private static final ZoneId COUNCIL_TIME = ZoneId.of("Europe/London");
    private static final String STOP_LINK = SERVICE_URL.replace(".", "\\.") + "/reminders/[A-Za-z0-9_-]{43}";

    @Autowired
    BinDayReminders reminders;

    @Autowired
    BinDayReminderRound round;

    @Autowired
    NotifyProperties properties;

    @Autowired
    BinCollections bins;

    @BeforeEach
    void noReminders() {
        jdbc.sql("DELETE FROM bin_day_reminder").update();
    }

    @Test
    void aResidentAsksInTheChatAndIsTextedWhereToStopThem() {
        StompTestClient resident = StompTestClient.resident(port, null);
        try {
            Map<String, Object> days = say(
                    resident,
                    "r-1",
                    "When is my bin day?",
                    "MB1 1AA",
                    m -> !buttons(m).isEmpty());
            String remind = buttons(days).stream()
                    .filter(button -> "Remind me the evening before".equals(button.get("title")))
                    .map(button -> (String) button.get("payload"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("No reminder offered under " + days));

            String at = properties.remindAt().format(DateTimeFormatter.ofPattern("HH:mm"));
            Map<String, Object> asked = say(resident, "r-3", remind, null, m -> text(m).contains("text a mobile"));
            assertThat(text(asked)).startsWith("I can text a mobile or email you at about " + at);

            Map<String, Object> started = say(resident, "r-4", "07700 900123", null, m -> text(m).startsWith("Done."));
            assertThat(text(started))
                    .startsWith("Done. I’ll text 07700900123 at about " + at + " the evening before each collection at")
                    .contains("Mill Lane")
                    .endsWith("for the next 12 months. Every text has a link to stop them.");
        } finally {
            resident.close();
        }

        Received confirmation = NOTIFY.next();
        assertThat(confirmation.path()).isEqualTo("/v2/notifications/sms");
        assertThat(confirmation.body().path("template_id").asString()).isEqualTo(STARTED_SMS_TEMPLATE);
        assertThat(confirmation.body().path("phone_number").asString()).isEqualTo("+447700900123");
        assertThat(confirmation.body().at("/personalisation/stop_link").asString())
                .matches(STOP_LINK);
        assertThat(confirmation.body().at("/personalisation/address").asString())
                .contains("Mill Lane");
        assertThat(confirmation.body().at("/personalisation/council").asString())
                .startsWith("Millbrook");
        assertThat(count()).isOne();
    }

    @Test
    void theEveningRoundTextsOnceBeforeEachCollectionAndNotOutsideTheEvening() {
        confirmed(subscribe(MILL_LANE, "2 Mill Lane, Millbrook", "07700 900111", "en"));
        LocalDate collection = firstCollectionAfter(MILL_LANE, LocalDate.of(2027, 2, 1), change -> change == null);
        LocalDate dayBefore = collection.minusDays(1);
        LocalTime from = properties.remindAt();

        assertThat(round.remind(at(dayBefore, from.minusMinutes(5))))
                .as("before the evening")
                .isZero();
        assertThat(round.remind(at(dayBefore, from.plusHours(3).plusMinutes(5))))
                .as("too late in the evening")
                .isZero();
        assertThat(round.remind(at(dayBefore.minusDays(1), from.plusMinutes(5))))
                .as("two days before")
                .isZero();
        assertThat(NOTIFY.received).isEmpty();

        assertThat(round.remind(at(dayBefore, from.plusMinutes(5)))).isOne();
        Received text = NOTIFY.next();
        assertThat(text.body().path("template_id").asString()).isEqualTo(REMINDER_SMS_TEMPLATE);
        assertThat(text.body().path("phone_number").asString()).isEqualTo("+447700900111");
        assertThat(text.body().at("/personalisation/day").asString())
                .isEqualTo(collection.format(DateTimeFormatter.ofPattern("EEEE d MMMM")));
        assertThat(text.body().at("/personalisation/bins").asString()).isEqualTo(binsOn(MILL_LANE, collection));
        assertThat(text.body().at("/personalisation/address").asString()).isEqualTo("2 Mill Lane, Millbrook");
        assertThat(text.body().at("/personalisation/change").asString()).isEmpty();
        assertThat(text.body().at("/personalisation/stop_link").asString()).matches(STOP_LINK);

        // A second server, or this one restarted, looking again the same evening: nobody is texted twice.
        assertThat(round.remind(at(dayBefore, from.plusMinutes(10)))).isZero();
        assertThat(round.remind(at(dayBefore, from.plusHours(2)))).isZero();
        assertThat(NOTIFY.received).isEmpty();
    }

    @Test
    void aCollectionMovedByABankHolidaySaysSoOnTheEveningBeforeItsNewDay() {
        confirmed(subscribe(MILL_LANE, "2 Mill Lane, Millbrook", "07700 900222", "en"));
        LocalDate moved = firstCollectionAfter(
                MILL_LANE, LocalDate.of(2026, 12, 20), change -> change != null && !change.cancelled());
        NextCollection.Change change = bins.nextCollections(MILL_LANE, moved.minusDays(1)).stream()
                .filter(next -> next.date().equals(moved) && next.change() != null)
                .findFirst()
                .orElseThrow()
                .change();

        assertThat(round.remind(at(moved.minusDays(1), properties.remindAt().plusMinutes(1))))
                .isOne();
        Received text = NOTIFY.next();
        assertThat(text.body().at("/personalisation/day").asString())
                .isEqualTo(moved.format(DateTimeFormatter.ofPattern("EEEE d MMMM")));
        assertThat(text.body().at("/personalisation/change").asString())
                .contains(change.usualDate().format(DateTimeFormatter.ofPattern("EEEE d MMMM")))
                .contains(change.reason());
        // The usual day's evening before sends nothing: there is no collection then.
        LocalDate usual = change.usualDate();
        if (usual.isBefore(moved)) {
            jdbc.sql("UPDATE bin_day_reminder SET reminded_for = NULL").update();
            assertThat(round.remind(at(usual.minusDays(1), properties.remindAt().plusMinutes(1))))
                    .isZero();
        }
    }

    @Test
    void aLandlineIsRefusedAndOnePersonsRemindersHaveALimit() {
        assertThat(subscribe(MILL_LANE, "2 Mill Lane, Millbrook", "01632 960123", "en"))
                .isInstanceOf(Subscribed.CannotReach.class);
        assertThat(count()).isZero();

        Subscribed.Started first = started(subscribe(MILL_LANE, "2 Mill Lane, Millbrook", "07700 900333", "en"));
        assertThat(first.text()).isTrue();
        assertThat(first.monthsFor()).isEqualTo(12);
        assertThat(subscribe(MILL_LANE, "2 Mill Lane, Millbrook", "+44 7700 900333", "en"))
                .isInstanceOf(Subscribed.AlreadyStarted.class);
        started(subscribe("999900000102", "4 Mill Lane, Millbrook", "07700 900333", "en"));
        started(subscribe("999900000103", "6 Mill Lane, Millbrook", "07700 900333", "en"));
        assertThat(subscribe(STRYD_Y_BONT, "1 Stryd y Bont, Glanafon", "07700 900333", "en"))
                .isInstanceOf(Subscribed.TooMany.class);
        assertThat(count()).isEqualTo(3);

        // Reminders for a Glanafon address are Glanafon's, whichever council's chat set them up.
        started(subscribe(STRYD_Y_BONT, "1 Stryd y Bont, Glanafon", "jo@example.org", "en"));
        assertThat(jdbc.sql("SELECT council_id, channel FROM bin_day_reminder WHERE recipient = 'jo@example.org'")
                        .query((row, n) -> row.getString(1) + " " + row.getString(2))
                        .single())
                .isEqualTo("glanafon EMAIL");
    }

    @Test
    void theStopPageNeedsItsButtonAndDeletesTheReminderInEnglishAndWelsh() throws Exception {
        started(subscribe(MILL_LANE, "2 Mill Lane, Millbrook", "07700 900444", "en"));
        String link = NOTIFY.next().body().at("/personalisation/stop_link").asString();
        String page = "http://localhost:" + port + URI.create(link).getPath();

        WebDriver browser = browsers.open();
        browser.get(page);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Bin-day reminders");
        assertThat(browser.findElement(By.tagName("main")).getText())
                .contains("the mobile ending 444")
                .contains("2 Mill Lane, Millbrook")
                .doesNotContain("07700");
        Browsers.assertNoAxeViolations(browser, "The bin-day reminder's stop page");
        assertThat(count()).as("opening the link stops nothing").isOne();

        browser.findElement(By.cssSelector("form button")).click();
        Browsers.waitFor(browser)
                .until(ExpectedConditions.textToBe(By.tagName("h1"), "Your bin-day reminders have stopped"));
        Browsers.assertNoAxeViolations(browser, "Bin-day reminders stopped");
        assertThat(count()).isZero();

        HttpResponse<String> again =
                http.send(HttpRequest.newBuilder(URI.create(page)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).contains("There are no reminders at this link");
        HttpResponse<String> forged = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/reminders/x'--"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(404);

        started(subscribe(STRYD_Y_BONT, "1 Stryd y Bont, Glanafon", "07700 900555", "cy"));
        String welsh = NOTIFY.next().body().at("/personalisation/stop_link").asString();
        browser.get("http://localhost:" + port + URI.create(welsh).getPath());
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang"))
                .isEqualTo("cy");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Nodiadau atgoffa diwrnod bin");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("sy’n gorffen gyda 555");
        Browsers.assertNoAxeViolations(browser, "The bin-day reminder's stop page in Welsh");
        browser.findElement(By.linkText("Read this page in English")).click();
        Browsers.waitFor(browser).until(ExpectedConditions.textToBe(By.tagName("h1"), "Bin-day reminders"));
        browser.findElement(By.cssSelector("form button")).click();
        Browsers.waitFor(browser)
                .until(ExpectedConditions.textToBe(By.tagName("h1"), "Your bin-day reminders have stopped"));
        assertThat(count()).isZero();
    }

    @Test
    void thePrivacyNoticeSaysHowLongARemindersNumberIsKept() throws Exception {
        HttpResponse<String> notice = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/privacy?council=millbrook"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(notice.body())
                .contains("If you ask for bin-day reminders, we keep your address and the mobile number or email"
                        + " address you give until you stop them (every reminder has a link to stop them) or for 12"
                        + " months, then delete them.");
    }

    private Subscribed subscribe(String uprn, String address, String contact, String language) {
        String council = uprn.equals(STRYD_Y_BONT) ? "glanafon" : "millbrook";
        return reminders.subscribe(new Subscription(null, council, uprn, address, contact, language));
    }

    /** Started, and its confirmation (with the link to stop them) texted. */
    private static void confirmed(Subscribed subscribed) {
        started(subscribed);
        assertThat(NOTIFY.next().body().path("template_id").asString()).isEqualTo(STARTED_SMS_TEMPLATE);
    }

    private static Subscribed.Started started(Subscribed subscribed) {
        assertThat(subscribed).isInstanceOf(Subscribed.Started.class);
        return (Subscribed.Started) subscribed;
    }

    /** The first collection day after {@code after} with a collection whose change (null for none) is wanted. */
    private LocalDate firstCollectionAfter(String uprn, LocalDate after, Predicate<NextCollection.Change> wanted) {
        for (LocalDate day = after; day.isBefore(after.plusWeeks(6)); day = day.plusDays(1)) {
            LocalDate today = day;
            Optional<LocalDate> found = bins.nextCollections(uprn, today).stream()
                    .filter(next -> next.date().isAfter(today) && wanted.test(next.change()))
                    .map(NextCollection::date)
                    .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new AssertionError("No such collection at " + uprn + " in the six weeks after " + after);
    }

    private String binsOn(String uprn, LocalDate day) {
        List<String> names = bins.nextCollections(uprn, day.minusDays(1)).stream()
                .filter(next -> next.date().equals(day))
                .map(NextCollection::binName)
                .toList();
        return names.size() == 1
                ? names.getFirst()
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast();
    }

    private static ZonedDateTime at(LocalDate day, LocalTime time) {
        return day.atTime(time).atZone(COUNCIL_TIME);
    }

    private long count() {
        return jdbc.sql("SELECT COUNT(*) FROM bin_day_reminder")
                .query(Long.class)
                .single();
    }

    /** Sends the messages in turn and returns the bot's answer to the last that {@code wanted} picks out. */
    private static Map<String, Object> say(
            StompTestClient resident, String id, String first, String then, Predicate<Map<String, Object>> wanted) {
        resident.send("/app/resident/message", Map.of("clientMessageId", id, "text", first));
        if (then == null) {
            return resident.awaitEvent(
                    StompTestClient.EVENTS, "message", m -> "BOT".equals(m.get("sender")) && wanted.test(m));
        }
        resident.awaitEvent(StompTestClient.EVENTS, "message", m -> "BOT".equals(m.get("sender")));
        resident.forgetEarlier();
        return say(resident, id + "-then", then, null, wanted);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> buttons(Map<String, Object> message) {
        Object buttons = message.get("buttons");
        return buttons == null ? List.of() : (List<Map<String, Object>>) buttons;
    }

    private static String text(Map<String, Object> message) {
        return String.valueOf(message.get("text"));
    }
}
