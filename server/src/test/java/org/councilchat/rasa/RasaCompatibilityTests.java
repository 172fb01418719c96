package org.councilchat.rasa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.councilchat.engine.IntentClassifier;
import org.councilchat.engine.IntentScore;
import org.councilchat.engine.RasaClient;
import org.councilchat.engine.RasaProperties;
import org.councilchat.engine.RasaUnavailable;
import org.councilchat.handoff.Cases;
import org.councilchat.handoff.ResidentCase;
import org.councilchat.journey.TestCouncil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rasa compatibility over real HTTP, both ways round: our Rasa client talks to this server's own Rasa-shaped
 * endpoints (so each proves the other against the facts in specs/rasa-http-api.md), with token and JWT auth;
 * and the client facing a Rasa that is down gives way to the built-in model.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"council-chat.rasa.server.token=s3cret-token", "council-chat.rasa.server.jwt-secret=jwt-s3cret"})
@Import(TestCouncil.FixedClock.class)
class RasaCompatibilityTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    IntentClassifier intents;

    @Autowired
    Cases cases;

    @DynamicPropertySource
    static void council(DynamicPropertyRegistry registry) {
        TestCouncil.configure(registry);
    }

    @Test
    void serverInformationIsInRasasShapes() throws Exception {
        HttpResponse<String> hello = get("/rasa/", null);
        assertThat(hello.body()).isEqualTo("Hello from Rasa: 3.6.0");
        assertThat(hello.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));

        RasaClient client = client("s3cret-token", "");
        assertThat(client.version())
                .containsEntry("version", "3.6.0")
                .containsEntry("minimum_compatible_version", "3.5.0");
        assertThat(client.status()).containsKeys("model_file", "model_id", "num_active_training_jobs");
        assertThat(JSON.readTree(get("/rasa/webhooks/rest/", null).body())
                        .path("status")
                        .asString())
                .isEqualTo("ok");
    }

    @Test
    void parseFindsTheIntentRankedAndThePostcodeWithItsOffsets() throws Exception {
        String text = "when is my bin day MB1 1AA";
        RasaClient.Parse parse = client("s3cret-token", "").parse(text);

        assertThat(parse.ranking().top().intent()).isEqualTo("bin_day");
        assertThat(parse.ranking().scores())
                .extracting(IntentScore::confidence)
                .isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(parse.entities()).singleElement().satisfies(postcode -> {
            assertThat(postcode.entity()).isEqualTo("postcode");
            assertThat(postcode.value()).isEqualTo("MB1 1AA");
            assertThat(text.substring(postcode.start(), postcode.end())).isEqualTo("MB1 1AA");
            assertThat(postcode.confidence()).isEqualTo(1.0);
        });

        // The raw JSON has every field the spec requires, named as real Rasa servers name them.
        JsonNode raw = JSON.readTree(post("/rasa/model/parse?token=s3cret-token", "{\"text\":\"" + text + "\"}", null)
                .body());
        assertThat(raw.path("intent").path("name").asString()).isEqualTo("bin_day");
        assertThat(raw.path("intent_ranking").isArray()).isTrue();
        assertThat(raw.path("entities").get(0).has("confidence_entity")).isTrue();
        assertThat(raw.path("entities").get(0).path("extractor").asString()).isEqualTo("RegexEntityExtractor");
        assertThat(raw.path("text_tokens").get(0).get(1).asInt()).isEqualTo(4);
    }

    @Test
    void aButtonPayloadNamesTheIntentAndEntitiesDirectly() {
        RasaClient.Parse parse = client("s3cret-token", "").parse("/bin_day{\"postcode\": \"MB2 3EF\"}");

        assertThat(parse.ranking().top()).isEqualTo(new IntentScore("bin_day", 1.0));
        assertThat(parse.entities())
                .extracting(RasaClient.Entity::entity, RasaClient.Entity::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("postcode", "MB2 3EF"));
        // The same payload works in the widget too: the classifier itself honours it.
        assertThat(intents.classify("/speak_to_person").top()).isEqualTo(new IntentScore("speak_to_person", 1.0));
    }

    @Test
    void theRestChannelRunsTheBotAndAsksTheChannelToHandOver() {
        RasaClient client = client("", jwt("jwt-s3cret", 60));

        List<RasaClient.BotMessage> binDay = client.webhook("rasa-tester", "when is my bin day? MB1 1AA");
        assertThat(binDay)
                .isNotEmpty()
                .allSatisfy(message -> assertThat(message.recipientId()).isEqualTo("rasa-tester"));
        assertThat(binDay.getFirst().text()).startsWith("Your next bin collections at 2, 4 and 6 Mill Lane, Millbrook");

        // The conversation is remembered by sender: the address is known, so this asks nothing again.
        assertThat(client.webhook("rasa-tester", "is my food caddy collected today?")
                        .getFirst()
                        .text())
                .contains("Food caddy");

        List<RasaClient.BotMessage> person = client.webhook("rasa-tester", "I want to speak to a person");
        assertThat(person.getLast().custom().path("handoff").asBoolean()).isTrue();
        assertThat(person.getLast().custom().path("findings").path("postcode").asString())
                .isEqualTo("MB1 1AA");
    }

    @Test
    void aMessageLeftThroughTheRestChannelReachesTheCaseInboxWithoutTheCardNumber() throws Exception {
        RasaClient client = client("s3cret-token", "");
        String sender = "rasa-" + UUID.randomUUID();

        client.webhook(sender, "I’d like to leave a message");
        client.webhook(sender, "Pat Jones");
        client.webhook(sender, "pat.jones@example.org");
        // Arabic-Indic digits with a zero-width joiner: a card number all the same.
        String taken = client.webhook(sender, "Please call me back, my card is ٤١١١ ١١١١\u200D ١١١١ ١١١١")
                .getFirst()
                .text();

        assertThat(taken).contains("your reference is MSG-");
        String reference = taken.replaceAll("(?s).*reference is (MSG-[A-Z0-9-]+).*", "$1");
        ResidentCase left = cases.find(reference).orElseThrow();
        assertThat(left.message()).isEqualTo("Please call me back, my card is [card number removed]");
        assertThat(cases.inbox(Set.of("millbrook")))
                .extracting(ResidentCase::message)
                .doesNotContain("Please call me back, my card is ٤١١١ ١١١١\u200D ١١١١ ١١١١");

        // An invisible message is no message.
        assertThat(post(
                                "/rasa/webhooks/rest/webhook?token=s3cret-token",
                                "{\"sender\":\"" + sender + "\",\"message\":\"\\u00a0\"}",
                                null)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void aFrontEndOfOneCouncilNamesItInTheMetadataAndIsAnsweredAsThatCouncils() throws Exception {
        String sender = "rasa-" + UUID.randomUUID();
        HttpResponse<String> glanafon = post(
                "/rasa/webhooks/rest/webhook?token=s3cret-token",
                "{\"sender\":\"" + sender + "\",\"message\":\"when is my bin day? GN2 3CC\","
                        + "\"metadata\":{\"council\":\"glanafon\"}}",
                null);
        assertThat(glanafon.statusCode()).isEqualTo(200);
        // Both houses at GN2 3CC are on the same rounds: the answer names them together, not one of them.
        assertThat(glanafon.body())
                .contains("at Tŷ Gwyn and Bryn Awel, Lôn yr Afon, Glanafon, GN2 3CC")
                .doesNotContain("is in Cyngor Glanafon");

        HttpResponse<String> message = post(
                "/rasa/webhooks/rest/webhook?token=s3cret-token",
                "{\"sender\":\"" + sender + "\",\"message\":\"I’d like to leave a message\","
                        + "\"metadata\":{\"council\":\"glanafon\"}}",
                null);
        assertThat(message.statusCode()).isEqualTo(200);
        for (String words : List.of("Siân Evans", "sian.evans@example.org", "Please call me about my bins")) {
            message = post(
                    "/rasa/webhooks/rest/webhook?token=s3cret-token",
                    "{\"sender\":\"" + sender + "\",\"message\":\"" + words + "\","
                            + "\"metadata\":{\"council\":\"glanafon\"}}",
                    null);
        }
        String reference = message.body().replaceAll("(?s).*reference is (MSG-[A-Z0-9-]+).*", "$1");
        assertThat(cases.find(reference).orElseThrow().councilId()).isEqualTo("glanafon");

        HttpResponse<String> unknown = post(
                "/rasa/webhooks/rest/webhook?token=s3cret-token",
                "{\"sender\":\"" + sender + "\",\"message\":\"hello\",\"metadata\":{\"council\":\"eastshire\"}}",
                null);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("There is no council \\\"eastshire\\\" here");
    }

    @Test
    void wrongOrMissingCredentialsAreRefusedInRasasErrorShape() throws Exception {
        HttpResponse<String> none = post("/rasa/model/parse", "{\"text\":\"hello\"}", null);
        assertThat(none.statusCode()).isEqualTo(401);
        JsonNode error = JSON.readTree(none.body());
        assertThat(error.path("status").asString()).isEqualTo("failure");
        assertThat(error.path("reason").asString()).isEqualTo("NotAuthenticated");
        assertThat(error.path("code").asInt()).isEqualTo(401);

        assertThat(post("/rasa/model/parse?token=guess", "{\"text\":\"hello\"}", null)
                        .statusCode())
                .isEqualTo(401);
        assertThat(post("/rasa/model/parse", "{\"text\":\"hello\"}", "Bearer " + jwt("not-the-secret", 60))
                        .statusCode())
                .isEqualTo(401);
        assertThat(post("/rasa/model/parse", "{\"text\":\"hello\"}", "Bearer " + jwt("jwt-s3cret", -60))
                        .statusCode())
                .as("an expired token")
                .isEqualTo(401);
        assertThat(post("/rasa/model/parse?token=s3cret-token", "{\"words\":\"hello\"}", null)
                        .statusCode())
                .isEqualTo(400);
        assertThatExceptionOfType(RasaUnavailable.class)
                .isThrownBy(() -> client("guess", "").parse("hello"))
                .withMessageContaining("401");
    }

    @Test
    void aJwtMustSayWhenItExpiresAndIsNotTakenBeforeItsTime() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        assertThat(parseWith(signed("jwt-s3cret", "{\"user\":{\"username\":\"channel\"}}")))
                .as("no exp: it would work for ever")
                .isEqualTo(401);
        assertThat(parseWith(signed("jwt-s3cret", "{\"exp\":\"tomorrow\"}")))
                .as("an exp that is not a time")
                .isEqualTo(401);
        assertThat(parseWith(signed("jwt-s3cret", "{\"exp\":" + (now + 600) + ",\"nbf\":" + (now + 300) + "}")))
                .as("not before five minutes from now")
                .isEqualTo(401);
        assertThat(parseWith(signed("jwt-s3cret", "{\"exp\":" + (now + 600) + ",\"nbf\":" + (now - 60) + "}")))
                .isEqualTo(200);
    }

    @Test
    void aMessageOverTheWidgetsLimitIsRefusedWithAFriendlyProblem() throws Exception {
        String tooLong = "x".repeat(2_001);
        for (String request : List.of(
                post("/rasa/model/parse?token=s3cret-token", "{\"text\":\"" + tooLong + "\"}", null)
                        .body(),
                post(
                                "/rasa/webhooks/rest/webhook?token=s3cret-token",
                                "{\"sender\":\"long\",\"message\":\"" + tooLong + "\"}",
                                null)
                        .body())) {
            JsonNode problem = JSON.readTree(request);
            assertThat(problem.path("status").asInt()).isEqualTo(422);
            assertThat(problem.path("detail").asString()).contains("too long").doesNotContain("Exception");
        }
        HttpResponse<String> welsh = post(
                "/rasa/webhooks/rest/webhook?token=s3cret-token",
                "{\"sender\":\"hir\",\"message\":\"" + tooLong + "\",\"metadata\":{\"language\":\"cy\"}}",
                null);
        assertThat(welsh.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(welsh.body()).path("detail").asString()).contains("rhy hir");

        assertThat(post("/rasa/model/parse?token=s3cret-token", "{\"text\":\"" + "x".repeat(2_000) + "\"}", null)
                        .statusCode())
                .as("at the limit")
                .isEqualTo(200);
    }

    @Test
    void aLargeBodyIsRefusedBeforeItIsRead() throws Exception {
        // Only the headers are sent: were the server reading the 5 MB, it would wait for them and never answer.
        String headers = "POST /rasa/webhooks/rest/webhook?token=s3cret-token HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: 5000000\r\n\r\n{\"sender\":\"big\",\"message\":\"";
        assertThat(rawStatus(headers.getBytes(StandardCharsets.US_ASCII))).isEqualTo(413);

        // Without a length (chunked), no more than the limit is read.
        String chunk = "{\"sender\":\"big\",\"message\":\"" + "x".repeat(70 * 1024);
        String chunked = "POST /rasa/model/parse?token=s3cret-token HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n";
        assertThat(rawStatus(chunked.getBytes(StandardCharsets.US_ASCII))).isEqualTo(413);
    }

    @Test
    void aSenderHasTheWidgetsAllowanceAndOthersAreStillAnswered() throws Exception {
        String flood = "{\"sender\":\"flood\",\"message\":\"hello\"}";
        HttpResponse<String> answer = null;
        // A burst of 10, then one every two seconds: these come far faster than that.
        for (int sent = 0; sent < 30; sent++) {
            answer = post("/rasa/webhooks/rest/webhook?token=s3cret-token", flood, null);
            if (answer.statusCode() != 200) {
                break;
            }
        }
        assertThat(answer.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(answer.body()).path("detail").asString()).contains("wait a few seconds");

        assertThat(post(
                                "/rasa/webhooks/rest/webhook?token=s3cret-token",
                                "{\"sender\":\"calm\",\"message\":\"hello\"}",
                                null)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void aRasaThatIsDownIsLeftAloneAndTheBuiltInModelAnswers() {
        RasaClient down = new RasaClient(
                new RasaProperties(
                        "rasa",
                        "builtin",
                        "http://127.0.0.1:9",
                        "",
                        "",
                        Duration.ofMillis(500),
                        1,
                        2,
                        Duration.ofMinutes(1),
                        new RasaProperties.Server("/rasa", "", "")),
                Clock.systemUTC());
        assertThatExceptionOfType(RasaUnavailable.class).isThrownBy(() -> down.parse("hello"));
        assertThat(down.available()).isTrue();
        assertThatExceptionOfType(RasaUnavailable.class).isThrownBy(() -> down.parse("hello"));

        assertThat(down.available())
                .as("left alone after two failures in a row")
                .isFalse();
        assertThatExceptionOfType(RasaUnavailable.class)
                .isThrownBy(() -> down.version())
                .withMessageContaining("left alone");

        var withFallback = new org.councilchat.engine.rasa.RasaIntents(down, intents);
        assertThat(withFallback.classify("when is my bin day").top().intent()).isEqualTo("bin_day");
    }

    private RasaClient client(String token, String jwt) {
        return new RasaClient(
                new RasaProperties(
                        "rasa",
                        "builtin",
                        "http://localhost:" + port + "/rasa",
                        token,
                        jwt,
                        Duration.ofSeconds(10),
                        1,
                        3,
                        Duration.ofSeconds(30),
                        new RasaProperties.Server("/rasa", "", "")),
                Clock.systemUTC());
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private int parseWith(String jwt) throws Exception {
        return post("/rasa/model/parse", "{\"text\":\"hello\"}", "Bearer " + jwt)
                .statusCode();
    }

    /** Sends these bytes as they are and reads the status code of the answer. */
    private int rawStatus(byte[] request) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            String status = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    /** An HS256 JSON Web Token with exactly these claims. */
    private static String signed(String secret, String claimsJson) {
        try {
            Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
            String header =
                    base64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
            String claims = base64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return header + "." + claims + "."
                    + base64.encodeToString(mac.doFinal((header + "." + claims).getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An HS256 JSON Web Token, as Rasa deployments make them, expiring in {@code seconds} (negative: expired). */
    private static String jwt(String secret, long seconds) {
        try {
            Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
            String header =
                    base64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
            long exp = System.currentTimeMillis() / 1000 + seconds;
            String claims = base64.encodeToString(
                    ("{\"user\":{\"username\":\"channel\",\"role\":\"admin\"},\"exp\":" + exp + "}")
                            .getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return header + "." + claims + "."
                    + base64.encodeToString(mac.doFinal((header + "." + claims).getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
