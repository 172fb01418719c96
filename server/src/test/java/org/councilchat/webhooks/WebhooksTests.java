package org.councilchat.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.councilchat.journey.StompTestClient.AGENT_EVENTS;
import static org.councilchat.journey.StompTestClient.ERRORS;
import static org.councilchat.journey.StompTestClient.EVENTS;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.councilchat.engine.CaseIntake.NewCase;
import org.councilchat.handoff.Cases;
import org.councilchat.journey.StompTestClient;
import org.councilchat.journey.TestCouncil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The council's case system hears what happened, over real HTTP: a receiver started by the test answers as the
 * test tells it (down, then back; refusing for good), and each request is checked for its signature.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestCouncil.FixedClock.class)
class WebhooksTests {

    private static final String SECRET = "a-shared-secret-of-at-least-32-characters";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Receiver CASE_SYSTEM = new Receiver();

    @LocalServerPort
    int port;

    @Autowired
    Cases cases;

    @Autowired
    JdbcClient jdbc;

    private final List<StompTestClient> clients = new ArrayList<>();

    @DynamicPropertySource
    static void council(DynamicPropertyRegistry registry) {
        TestCouncil.configure(registry);
        registry.add("council-chat.webhooks.endpoints[0].name", () -> "case-system");
        registry.add("council-chat.webhooks.endpoints[0].url", () -> CASE_SYSTEM.url());
        registry.add("council-chat.webhooks.endpoints[0].secret", () -> SECRET);
        registry.add("council-chat.webhooks.endpoints[0].councils", () -> "millbrook");
        registry.add("council-chat.webhooks.check-every", () -> "100ms");
        registry.add("council-chat.webhooks.retry-after", () -> "100ms");
        registry.add("council-chat.webhooks.max-attempts", () -> "3");
    }

    @BeforeEach
    void upAndListening() {
        CASE_SYSTEM.answer(200);
        CASE_SYSTEM.received.clear();
    }

    @AfterEach
    void hangUp() {
        clients.forEach(StompTestClient::close);
    }

    @AfterAll
    static void stopReceiver() {
        CASE_SYSTEM.server.stop(0);
    }

    @Test
    void aMessageLeftAndClosedReachesTheCouncilsSystemSignedInOrderAndOnceThoughItWasDownAWhile() {
        CASE_SYSTEM.failNext(2, 503);
        String reference = cases.open(new NewCase(
                "c-webhook-1", "Sam Jones", "07700 900123", "Please collect my sofa", "en", false, "millbrook"));
        String glanafon =
                cases.open(new NewCase("c-webhook-2", "Rhys", "rhys@example.com", "Biniau", "cy", false, "glanafon"));
        cases.close(reference, "Sam (demo agent)", "Booked a bulky waste collection");

        List<Request> delivered = CASE_SYSTEM.awaitTaken(2, r -> r.body().contains(reference));

        assertThat(delivered).extracting(Request::event).containsExactly("case-opened", "case-closed");
        assertThat(delivered).extracting(Request::delivery).doesNotHaveDuplicates();
        assertThat(CASE_SYSTEM.received.stream().filter(r -> r.body().contains(reference)))
                .as("the first two tries were refused, and tried again")
                .hasSizeGreaterThanOrEqualTo(4);
        for (Request request : CASE_SYSTEM.received) {
            assertThat(request.signedWith(SECRET))
                    .as("signed with the shared secret")
                    .isTrue();
        }
        Map<String, Object> opened = delivered.getFirst().json();
        assertThat(opened).containsEntry("type", "case-opened").containsEntry("council", "millbrook");
        assertThat(opened.get("data").toString())
                .contains(reference, "Sam Jones", "07700 900123", "Please collect my sofa");
        assertThat(delivered.get(1).json().get("data").toString()).contains("Booked a bulky waste collection");
        assertThat(CASE_SYSTEM.received)
                .as("Glanafon's residents' data never goes to Millbrook's system")
                .noneMatch(request -> request.body().contains(glanafon));
    }

    @Test
    void aMissedBinAndAClosedChatGoWithTheAddressTheTranscriptAndWhatTheBotLearned() {
        StompTestClient resident = track(StompTestClient.resident(port, "millbrook", "http://localhost:" + port, null));
        String chat = (String) resident.awaitEvent(EVENTS, "welcome", e -> true).get("conversationId");
        resident.send(
                "/app/resident/message",
                Map.of("clientMessageId", "w-1", "text", "my black bin wasn't collected MB1 1AA"));
        resident.awaitEvent(
                EVENTS, "message", e -> String.valueOf(e.get("text")).startsWith("Which address"));
        resident.send("/app/resident/message", Map.of("clientMessageId", "w-2", "text", "4 Mill Lane, Millbrook"));
        resident.awaitEvent(
                EVENTS, "message", e -> String.valueOf(e.get("text")).contains("Which bin"));
        resident.send(
                "/app/resident/message",
                Map.of("clientMessageId", "w-2b", "text", "My Black bin (general waste) was not collected"));
        resident.awaitEvent(
                EVENTS, "message", e -> String.valueOf(e.get("text")).contains("your reference is"));
        resident.send("/app/resident/message", Map.of("clientMessageId", "w-3", "text", "I want to speak to a person"));
        resident.awaitEvent(EVENTS, "status", e -> "WAITING".equals(e.get("state")));
        StompTestClient agent = track(StompTestClient.agent(port, "agent", "agent-demo", AGENT_EVENTS, ERRORS));
        agent.send("/app/agent/accept", Map.of("conversationId", chat));
        resident.awaitEvent(EVENTS, "status", e -> "WITH_AGENT".equals(e.get("state")));
        agent.send("/app/agent/close", Map.of("conversationId", chat, "outcome", "RESOLVED"));

        Request missed = CASE_SYSTEM
                .awaitTaken(1, r -> "missed-bin-reported".equals(r.event()))
                .getFirst();
        assertThat(missed.json().get("data").toString())
                .contains("4 Mill Lane, Millbrook", "Black bin (general waste)", "2026-11-23");
        Request closed =
                CASE_SYSTEM.awaitTaken(1, r -> "chat-closed".equals(r.event())).getFirst();
        String data = closed.json().get("data").toString();
        assertThat(data)
                .contains(chat, "my black bin wasn't collected MB1 1AA", "I want to speak to a person", "MB1 1AA")
                .contains("Sam (demo agent)");
    }

    @Test
    void anEventTheSystemKeepsRefusingIsGivenUpOnListedForTheAdministratorAndSentAgain() throws Exception {
        CASE_SYSTEM.answer(500);
        String reference = cases.open(
                new NewCase("c-webhook-3", null, null, "Is the tip open on Sunday?", "en", false, "millbrook"));
        awaitGivenUp(reference);
        assertThat(CASE_SYSTEM.received.stream().filter(r -> r.body().contains(reference)))
                .as("three attempts, then no more")
                .hasSize(3);

        HttpClient admin =
                HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> page =
                admin.send(asAdmin("/admin/webhooks").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("Given up: The endpoint answered HTTP 500", "case-opened")
                .as("what the events carry is not shown")
                .doesNotContain("Is the tip open on Sunday?");
        HttpResponse<String> asAnAgent = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/admin/webhooks"))
                                .header("Authorization", basic("agent:agent-demo"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(asAnAgent.statusCode()).isEqualTo(403);

        CASE_SYSTEM.answer(200);
        Matcher id = Pattern.compile("name=\"id\" value=\"(\\d+)\"").matcher(page.body());
        assertThat(id.find()).isTrue();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).isTrue();
        String form = "id=" + id.group(1) + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> again = admin.send(
                asAdmin("/admin/webhooks/send-again")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).as("back to the page").isEqualTo(302);

        assertThat(CASE_SYSTEM
                        .awaitTaken(1, r -> r.body().contains(reference))
                        .getFirst()
                        .event())
                .isEqualTo("case-opened");
    }

    private void awaitGivenUp(String reference) throws InterruptedException {
        long deadline = System.nanoTime() + StompTestClient.PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Integer failed = jdbc.sql(
                            "SELECT COUNT(*) FROM webhook_delivery WHERE subject = ? AND failed_at IS NOT NULL")
                    .param(reference)
                    .query(Integer.class)
                    .single();
            if (failed == 1) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("The event was never given up on; the receiver got " + CASE_SYSTEM.received);
    }

    private HttpRequest.Builder asAdmin(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", basic("admin:admin-demo"));
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private StompTestClient track(StompTestClient client) {
        clients.add(client);
        return client;
    }

    /** One request the receiver got, with the status it answered. */
    record Request(String event, String delivery, String signature, String body, int answered) {

        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            return JSON.readValue(body, Map.class);
        }

        boolean signedWith(String secret) {
            Matcher parts = Pattern.compile("t=(\\d+),v1=([0-9a-f]{64})").matcher(signature);
            if (!parts.matches()) {
                return false;
            }
            long t = Long.parseLong(parts.group(1));
            return Math.abs(Instant.now().getEpochSecond() - t) < 300
                    && WebhookDelivery.sign(secret, t, body).equals(parts.group(2));
        }
    }

    /** The council's case system: answers with the status it is told, and remembers every request. */
    static final class Receiver {
        final HttpServer server;
        final List<Request> received = new CopyOnWriteArrayList<>();
        private final AtomicInteger status = new AtomicInteger(200);
        private final AtomicInteger failures = new AtomicInteger();
        private volatile int failWith = 503;

        Receiver() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/hooks", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int answer = failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? failWith : status.get();
                received.add(new Request(
                        exchange.getRequestHeaders().getFirst("Council-Chat-Event"),
                        exchange.getRequestHeaders().getFirst("Council-Chat-Delivery"),
                        String.valueOf(exchange.getRequestHeaders().getFirst("Council-Chat-Signature")),
                        body,
                        answer));
                exchange.sendResponseHeaders(answer, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
        }

        void answer(int code) {
            status.set(code);
            failures.set(0);
        }

        void failNext(int times, int code) {
            failWith = code;
            failures.set(times);
        }

        /** Waits for {@code count} requests that were taken (2xx) and match, and returns them in arrival order. */
        List<Request> awaitTaken(int count, Predicate<Request> wanted) {
            long deadline = System.nanoTime() + StompTestClient.PATIENCE.toNanos();
            while (System.nanoTime() < deadline) {
                List<Request> taken = received.stream()
                        .filter(r -> r.answered() / 100 == 2)
                        .filter(wanted)
                        .toList();
                if (taken.size() >= count) {
                    return taken;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            throw new AssertionError("Never took " + count + " matching requests; received " + received);
        }
    }
}
