package org.councilchat.notify;

import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.councilchat.browser.Browsers;
import org.councilchat.engine.CaseIntake;
import org.councilchat.journey.TestCouncil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The application every GOV.UK Notify test runs against, one for them all: Notify's API key and templates for every
 * kind of message, pointed at {@link #NOTIFY}, a server in the test that speaks Notify's API as documented: it checks
 * the client's signed token (HS256 with the key's secret, issued by the key's service id), answers 201 with Notify's
 * shape, and refuses or fails when told to.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class WithGovUkNotify {

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    @RegisterExtension
    static final Browsers browsers = new Browsers();

    static final String SERVICE_ID = UUID.randomUUID().toString();
    static final String SECRET = UUID.randomUUID().toString();
    static final String SMS_TEMPLATE = "0f9a1c3e-6b0d-4f7e-9a2b-1c3d5e7f9a01";
    static final String EMAIL_TEMPLATE = "0f9a1c3e-6b0d-4f7e-9a2b-1c3d5e7f9a02";
    static final String WELSH_SMS_TEMPLATE = "0f9a1c3e-6b0d-4f7e-9a2b-1c3d5e7f9a03";
    static final String TRANSCRIPT_TEMPLATE = "0f9a1c3e-6b0d-4f7e-9a2b-1c3d5e7f9a04";
    static final String REMINDER_SMS_TEMPLATE = "0f9a1c3e-6b0d-4f7e-9a2b-1c3d5e7f9a05";
    static final String REMINDER_EMAIL_TEMPLATE = "0f9a1c3e-6b0d-4f7e-9a2b-1c3d5e7f9a06";
    static final String WELSH_REMINDER_SMS_TEMPLATE = "0f9a1c3e-6b0d-4f7e-9a2b-1c3d5e7f9a07";
    static final String STARTED_SMS_TEMPLATE = "0f9a1c3e-6b0d-4f7e-9a2b-1c3d5e7f9a08";
    static final String SERVICE_URL = "https://chat.millbrook.example";
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** For the whole test run: the application, cached for every class of these tests, sends to it. */
    static final Notify NOTIFY = new Notify();

    @Autowired
    CaseIntake cases;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void notify(DynamicPropertyRegistry registry) {
        TestCouncil.configure(registry);
        registry.add("council-chat.notify.api-key", () -> "council_chat_test-" + SERVICE_ID + "-" + SECRET);
        registry.add("council-chat.notify.base-url", () -> "http://127.0.0.1:" + NOTIFY.port());
        registry.add("council-chat.notify.templates.case-reference-sms.en", () -> SMS_TEMPLATE);
        registry.add("council-chat.notify.templates.case-reference-sms.cy", () -> WELSH_SMS_TEMPLATE);
        registry.add("council-chat.notify.templates.case-reference-email.en", () -> EMAIL_TEMPLATE);
        registry.add("council-chat.notify.templates.transcript-email.en", () -> TRANSCRIPT_TEMPLATE);
        registry.add("council-chat.notify.templates.bin-day-reminder-sms.en", () -> REMINDER_SMS_TEMPLATE);
        registry.add("council-chat.notify.templates.bin-day-reminder-sms.cy", () -> WELSH_REMINDER_SMS_TEMPLATE);
        registry.add("council-chat.notify.templates.bin-day-reminder-email.en", () -> REMINDER_EMAIL_TEMPLATE);
        registry.add("council-chat.notify.templates.bin-day-reminders-started-sms.en", () -> STARTED_SMS_TEMPLATE);
        registry.add("council-chat.notify.service-url", () -> SERVICE_URL);
        // Half a day from now, so the real evening round of bin-day reminders, which looks every five minutes, never
        // sends while these tests run: the tests hold the round's clock themselves (BinDayReminderTests).
        registry.add(
                "council-chat.notify.remind-at",
                () -> LocalTime.now(ZoneId.of("Europe/London"))
                        .plusHours(12)
                        .truncatedTo(ChronoUnit.HOURS)
                        .toString());
        registry.add("council-chat.notify.retry-after", () -> "200ms");
        registry.add("council-chat.notify.check-every", () -> "100ms");
    }

    @BeforeEach
    void nothingWaiting() {
        await().atMost(Duration.ofSeconds(10)).until(() -> waiting() == 0);
        jdbc.sql("DELETE FROM resident_notification").update();
        NOTIFY.received.clear();
        NOTIFY.answers.clear();
    }

    long waiting() {
        return jdbc.sql("SELECT COUNT(*) FROM resident_notification WHERE sent_at IS NULL AND failed_at IS NULL")
                .query(Long.class)
                .single();
    }

    record Received(String path, JsonNode body) {}

    record Answer(int status, String body) {}

    /** GOV.UK Notify's send endpoints, as its API documentation describes them. */
    static final class Notify {

        final HttpServer server;
        final Queue<Received> received = new ConcurrentLinkedQueue<>();
        final Queue<Answer> answers = new ConcurrentLinkedQueue<>();

        Notify() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/v2/notifications/", this::handle);
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        Received next() {
            await().atMost(Duration.ofSeconds(15)).until(() -> !received.isEmpty());
            return received.poll();
        }

        private void handle(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            byte[] request = exchange.getRequestBody().readAllBytes();
            if (!"POST".equals(exchange.getRequestMethod())
                    || !List.of("/v2/notifications/sms", "/v2/notifications/email")
                            .contains(path)) {
                answer(exchange, 404, "{\"errors\": [{\"error\": \"NotFound\", \"message\": \"Not found\"}]}");
                return;
            }
            if (!signedByTheService(exchange.getRequestHeaders().getFirst("Authorization"))) {
                answer(exchange, 403, "{\"errors\": [{\"error\": \"AuthError\", \"message\": \"Invalid token\"}]}");
                return;
            }
            JsonNode body = JSON.readTree(new String(request, StandardCharsets.UTF_8));
            received.add(new Received(path, body));
            Answer planned = answers.poll();
            if (planned != null) {
                answer(exchange, planned.status(), planned.body());
                return;
            }
            String id = UUID.randomUUID().toString();
            String template = body.path("template_id").asString();
            String content = path.endsWith("/sms")
                    ? "{\"body\": \"Your reference is ...\", \"from_number\": \"COUNCIL\"}"
                    : "{\"body\": \"Your reference is ...\", \"subject\": \"Your message\","
                            + " \"from_email\": \"council@notifications.service.gov.uk\"}";
            answer(
                    exchange,
                    201,
                    "{\"id\": \"" + id + "\", \"reference\": "
                            + JSON.writeValueAsString(body.path("reference").asString())
                            + ", \"content\": " + content + ", \"uri\": \"http://127.0.0.1:" + port()
                            + "/v2/notifications/" + id + "\", \"template\": {\"id\": \"" + template
                            + "\", \"version\": 1, \"uri\": \"http://127.0.0.1:" + port() + "/v2/template/"
                            + template + "\"}}");
        }

        /** Notify's rule: a JWT signed HS256 with the key's secret, issued by its service id, made just now. */
        private static boolean signedByTheService(String authorization) {
            if (authorization == null || !authorization.startsWith("Bearer ")) {
                return false;
            }
            try {
                SignedJWT token = SignedJWT.parse(authorization.substring("Bearer ".length()));
                Instant issued = token.getJWTClaimsSet().getIssueTime().toInstant();
                return token.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8)))
                        && SERVICE_ID.equals(token.getJWTClaimsSet().getIssuer())
                        && Duration.between(issued, Instant.now()).abs().toSeconds() < 30;
            } catch (Exception notAToken) {
                return false;
            }
        }

        private static void answer(HttpExchange exchange, int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }
    }
}
