package org.councilchat.rasa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.councilchat.journey.StompTestClient.EVENTS;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.councilchat.journey.StompTestClient;
import org.councilchat.journey.TestCouncil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code council-chat.rasa.dialogue: rasa} over real HTTP and real STOMP: a Rasa server (here a small HTTP
 * server answering in the REST channel's shape) runs the conversation, and its custom handoff message puts
 * the chat in this server's queue for the service it names. A disclosure of risk is answered here and never
 * sent to Rasa; when Rasa is down the built-in bot answers and the health endpoint says so.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestCouncil.FixedClock.class)
class RasaConversationTests {

    /** What the stand-in Rasa server was sent, in order. */
    private static final List<String> SENT_TO_RASA = new CopyOnWriteArrayList<>();

    private static volatile boolean rasaDown;

    private static final HttpServer RASA = rasa();

    @LocalServerPort
    int port;

    @Autowired
    HealthIndicator rasa;

    private StompTestClient resident;

    @DynamicPropertySource
    static void council(DynamicPropertyRegistry registry) {
        TestCouncil.configure(registry);
        registry.add("council-chat.rasa.dialogue", () -> "rasa");
        registry.add(
                "council-chat.rasa.url",
                () -> "http://127.0.0.1:" + RASA.getAddress().getPort());
        registry.add("council-chat.rasa.timeout", () -> "2s");
        registry.add("council-chat.rasa.failures-before-pause", () -> "100");
    }

    @AfterEach
    void hangUp() {
        rasaDown = false;
        if (resident != null) {
            resident.close();
        }
    }

    @AfterAll
    static void stopRasa() {
        RASA.stop(0);
    }

    @Test
    void rasaRunsTheConversationAndHandsOverToTheServiceItNames() {
        resident = StompTestClient.resident(port, null);
        String conversationId =
                (String) resident.awaitEvent(EVENTS, "welcome", e -> true).get("conversationId");

        resident.send("/app/resident/message", Map.of("clientMessageId", "r-1", "text", "hello"));
        Map<String, Object> greeting = botSays("Hello from Rasa");
        assertThat(greeting.get("buttons")).asString().contains("/bin_day");

        resident.send("/app/resident/message", Map.of("clientMessageId", "r-2", "text", "my bin was missed"));
        botSays("Let me pass you to the waste team");
        resident.awaitEvent(EVENTS, "status", e -> "WAITING".equals(e.get("state")));
        assertThat(SENT_TO_RASA)
                .containsSubsequence(conversationId + ": hello", conversationId + ": my bin was missed");
    }

    @Test
    void aDisclosureIsAnsweredHereAndNeverSentToRasa() {
        resident = StompTestClient.resident(port, null);
        resident.awaitEvent(EVENTS, "welcome", e -> true);

        resident.send(
                "/app/resident/message",
                Map.of("clientMessageId", "s-1", "text", "I can't go on, I want to end my life"));

        botSays("I’m so sorry");
        resident.awaitEvent(EVENTS, "status", e -> "WAITING".equals(e.get("state")));
        assertThat(SENT_TO_RASA).noneMatch(sent -> sent.contains("end my life"));
    }

    @Test
    void whenRasaIsDownTheBuiltInBotAnswersAndHealthSaysSo() {
        rasaDown = true;
        resident = StompTestClient.resident(port, null);
        resident.awaitEvent(EVENTS, "welcome", e -> true);

        resident.send("/app/resident/message", Map.of("clientMessageId", "d-1", "text", "when is my bin day"));

        botSays("What’s your postcode?");
        assertThat(rasa.health().getDetails()).containsEntry("rasa", "down").containsEntry("dialogue", "rasa");
    }

    private Map<String, Object> botSays(String start) {
        return resident.awaitEvent(
                EVENTS,
                "message",
                e -> "BOT".equals(e.get("sender"))
                        && String.valueOf(e.get("text")).startsWith(start));
    }

    /** Answers the REST channel as a Rasa bot with a greeting, a handoff rule and nothing else would. */
    private static HttpServer rasa() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                String body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                String path = exchange.getRequestURI().getPath();
                String answer;
                int status = 200;
                if (rasaDown) {
                    status = 500;
                    answer = "{\"error\": \"model not loaded\"}";
                } else if (path.equals("/version")) {
                    answer = "{\"version\": \"3.6.20\", \"minimum_compatible_version\": \"3.5.0\"}";
                } else if (path.equals("/webhooks/rest/webhook")) {
                    String sender = body.replaceAll(".*\"sender\"\\s*:\\s*\"([^\"]*)\".*", "$1");
                    String message = body.replaceAll(".*\"message\"\\s*:\\s*\"([^\"]*)\".*", "$1");
                    SENT_TO_RASA.add(sender + ": " + message);
                    answer = message.contains("missed")
                            ? "[{\"recipient_id\": \"" + sender
                                    + "\", \"text\": \"Let me pass you to the waste team.\"},"
                                    + " {\"recipient_id\": \"" + sender + "\", \"custom\": {\"handoff\":"
                                    + " {\"reason\": \"missed bin\", \"queue\": \"waste\"}}}]"
                            : "[{\"recipient_id\": \"" + sender + "\", \"text\": \"Hello from Rasa. How can I help?\","
                                    + " \"buttons\": [{\"title\": \"Bin day\", \"payload\": \"/bin_day\"}]}]";
                } else {
                    status = 404;
                    answer = "{}";
                }
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
