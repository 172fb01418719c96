package org.councilchat.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.councilchat.journey.StompTestClient.EVENTS;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.councilchat.journey.StompTestClient;
import org.councilchat.journey.TestCouncil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code /actuator/prometheus} as the council's monitoring scrapes it, over real HTTP while real residents chat over
 * real WebSockets: the contact centre's figures by council, the bot's answer times, and not one word of what
 * anybody said; and only for an administrator's account.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestCouncil.FixedClock.class)
class MetricsTests {

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<StompTestClient> residents = new ArrayList<>();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void council(DynamicPropertyRegistry registry) {
        TestCouncil.configure(registry);
    }

    @AfterEach
    void hangUp() {
        residents.forEach(StompTestClient::close);
    }

    @Test
    void onlyAnAdministratorsAccountReadsTheFigures() throws Exception {
        assertThat(scrape(null).statusCode()).isEqualTo(401);
        assertThat(scrape("agent:agent-demo").statusCode()).as("an adviser").isEqualTo(403);
        assertThat(scrape("admin:wrong").statusCode()).isEqualTo(401);
        assertThat(scrape("admin:admin-demo").statusCode()).isEqualTo(200);
    }

    @Test
    void theQueueTheBotAndTheBrokerAreCountedByCouncilWithNothingAnyoneSaid() throws Exception {
        StompTestClient waiting = resident("millbrook");
        waiting.send("/app/resident/message", Map.of("clientMessageId", "m-1", "text", "when is my bin day MB1 1AA"));
        waiting.awaitEvent(EVENTS, "message", e -> "BOT".equals(e.get("sender")));
        waiting.send("/app/resident/message", Map.of("clientMessageId", "m-2", "text", "I want to speak to a person"));
        waiting.awaitEvent(EVENTS, "status", e -> "WAITING".equals(e.get("state")));
        StompTestClient urgent = resident("glanafon");
        urgent.send(
                "/app/resident/message",
                Map.of("clientMessageId", "g-1", "text", "I can't go on, I want to end my life"));
        urgent.awaitEvent(EVENTS, "status", e -> "WAITING".equals(e.get("state")));

        // Scrapes within five seconds share one reading of the queue (a scrape is three queries however many
        // councils): the next fresh one has both chats.
        HttpResponse<String> scraped = scrape("admin:admin-demo");
        long deadline = System.nanoTime() + StompTestClient.PATIENCE.toNanos();
        while (value(scraped.body(), "council_chat_waiting_chats", "council=\"glanafon\"") < 1
                && System.nanoTime() < deadline) {
            Thread.sleep(250);
            scraped = scrape("admin:admin-demo");
        }

        assertThat(scraped.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        String figures = scraped.body();
        assertThat(value(figures, "council_chat_waiting_chats", "council=\"millbrook\""))
                .isEqualTo(1);
        assertThat(value(figures, "council_chat_waiting_chats", "council=\"glanafon\""))
                .isEqualTo(1);
        assertThat(value(figures, "council_chat_waiting_chats", "council=\"westshire\""))
                .isZero();
        assertThat(value(figures, "council_chat_urgent_waiting_chats", "council=\"glanafon\""))
                .as("a disclosure of risk, waiting")
                .isEqualTo(1);
        assertThat(value(figures, "council_chat_urgent_waiting_chats", "council=\"millbrook\""))
                .isZero();
        assertThat(value(figures, "council_chat_agents_online", "council=\"millbrook\""))
                .isZero();
        assertThat(value(figures, "council_chat_resident_pages_connected", "")).isGreaterThanOrEqualTo(2);
        assertThat(value(
                        figures, "council_chat_bot_answer_seconds_count", "council=\"millbrook\",outcome=\"answered\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(
                        figures,
                        "council_chat_bot_answer_seconds_count",
                        "council=\"millbrook\",outcome=\"handed-over\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(figures).as("a histogram, for percentiles").contains("council_chat_bot_answer_seconds_bucket{");
        assertThat(value(figures, "council_chat_messages_total", "sender=\"RESIDENT\""))
                .isGreaterThanOrEqualTo(3);
        assertThat(value(figures, "council_chat_chats_queued_total", "council=\"glanafon\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(figures, "council_chat_broker_up", "")).isEqualTo(1);
        // The dashboard and the alert rules in docs/ name only figures that exist.
        for (String doc : List.of("grafana-dashboard.json", "operations.md")) {
            Matcher named =
                    Pattern.compile("council_chat_[a-z_]+").matcher(Files.readString(Path.of("..", "docs", doc)));
            while (named.find()) {
                assertThat(figures).as("%s names %s", doc, named.group()).contains(named.group());
            }
        }
        assertThat(figures)
                .as("figures, never personal data")
                .doesNotContain("MB1 1AA", "bin day", "end my life", "Mill Lane")
                .doesNotContainPattern("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    private StompTestClient resident(String council) {
        StompTestClient resident = StompTestClient.resident(port, council, "http://localhost:" + port, null);
        residents.add(resident);
        return resident;
    }

    private HttpResponse<String> scrape(String basicAuth) throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"));
        if (basicAuth != null) {
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(basicAuth.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of a sample whose labels include {@code labels} (Prometheus's text format, labels in order). */
    private static double value(String figures, String name, String labels) {
        Pattern sample =
                Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([0-9.eE+-]+)$", Pattern.MULTILINE);
        Matcher found = sample.matcher(figures);
        while (found.find()) {
            String all = found.group(1) == null ? "" : found.group(1);
            if (all.contains(labels)) {
                return Double.parseDouble(found.group(2));
            }
        }
        throw new AssertionError("No sample " + name + "{" + labels + "} in:\n"
                + figures.lines().filter(line -> line.startsWith(name)).toList());
    }
}
