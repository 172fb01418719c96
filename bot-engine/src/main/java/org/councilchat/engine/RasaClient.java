package org.councilchat.engine;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.councilchat.engine.rasa.CircuitBreaker;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A client for a Rasa server's HTTP API (facts in {@code specs/rasa-http-api.md}): {@code /model/parse},
 * the REST channel's {@code /webhooks/rest/webhook}, {@code /status} and {@code /version}. Token or JWT auth,
 * a timeout per request, bounded retries of connection failures and 5xx answers, and a circuit breaker, so a
 * Rasa that is down costs residents one timeout, not one per message.
 */
public class RasaClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI base;
    private final RasaProperties settings;
    private final HttpClient http;
    private final CircuitBreaker breaker;

    public RasaClient(RasaProperties settings, Clock clock) {
        String url = settings.url().endsWith("/") ? settings.url() : settings.url() + "/";
        this.base = URI.create(url);
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.breaker = new CircuitBreaker(settings.failuresBeforePause(), settings.pause(), clock);
    }

    /** What Rasa understood of a message. */
    public record Parse(String text, IntentRanking ranking, List<Entity> entities) {}

    /**
     * An entity with its character offsets. Rasa servers send {@code confidence_entity}; the OpenAPI spec
     * names it {@code confidence}: either is read, and it is null when neither is sent.
     */
    public record Entity(String entity, String value, int start, int end, Double confidence, String extractor) {}

    /** One message of the REST channel's answer; {@code custom} is what Rasa's custom responses carry. */
    public record BotMessage(
            String recipientId, String text, List<BotReply.QuickReply> buttons, String image, JsonNode custom) {}

    /** False while the circuit breaker is leaving a failing Rasa alone. */
    public boolean available() {
        return breaker.allows();
    }

    public Parse parse(String text) {
        ObjectNode body = JSON.createObjectNode().put("text", text);
        JsonNode answer = call("POST", "model/parse", body, true);
        List<IntentScore> scores = new ArrayList<>();
        for (JsonNode score : answer.path("intent_ranking")) {
            scores.add(new IntentScore(
                    score.path("name").asString(), score.path("confidence").asDouble()));
        }
        if (scores.isEmpty() && answer.path("intent").has("name")) {
            scores.add(new IntentScore(
                    answer.path("intent").path("name").asString(),
                    answer.path("intent").path("confidence").asDouble()));
        }
        if (scores.isEmpty()) {
            throw new RasaUnavailable("Rasa answered /model/parse without an intent", null);
        }
        scores.sort(Comparator.comparingDouble(IntentScore::confidence).reversed());
        List<Entity> entities = new ArrayList<>();
        for (JsonNode entity : answer.path("entities")) {
            JsonNode confidence =
                    entity.has("confidence_entity") ? entity.get("confidence_entity") : entity.get("confidence");
            entities.add(new Entity(
                    entity.path("entity").asString(),
                    entity.path("value").isValueNode()
                            ? entity.path("value").asString()
                            : entity.path("value").toString(),
                    entity.path("start").asInt(),
                    entity.path("end").asInt(),
                    confidence == null || confidence.isNull() ? null : confidence.asDouble(),
                    entity.path("extractor").isMissingNode()
                            ? null
                            : entity.path("extractor").asString()));
        }
        return new Parse(answer.path("text").asString(text), new IntentRanking(scores), entities);
    }

    /** Sends a message through Rasa's REST channel as {@code sender} and returns its answer, in order. */
    public List<BotMessage> webhook(String sender, String message) {
        ObjectNode body = JSON.createObjectNode().put("sender", sender).put("message", message);
        // Not retried: Rasa may have acted on the first attempt, and a resend would answer twice.
        JsonNode answer = call("POST", "webhooks/rest/webhook", body, false);
        List<BotMessage> messages = new ArrayList<>();
        for (JsonNode item : answer) {
            List<BotReply.QuickReply> buttons = new ArrayList<>();
            for (JsonNode button : item.path("buttons")) {
                buttons.add(new BotReply.QuickReply(
                        button.path("title").asString(), button.path("payload").asString()));
            }
            messages.add(new BotMessage(
                    item.path("recipient_id").asString(sender),
                    item.has("text") ? item.get("text").asString() : null,
                    buttons,
                    item.has("image") ? item.get("image").asString() : null,
                    item.get("custom")));
        }
        return messages;
    }

    /** {@code /status}: the loaded model, as a map of Rasa's own fields. */
    public Map<String, Object> status() {
        return fields(call("GET", "status", null, true));
    }

    /** {@code /version}: Rasa's version and the oldest model version it can run. */
    public Map<String, Object> version() {
        return fields(call("GET", "version", null, true));
    }

    private JsonNode call(String method, String path, JsonNode body, boolean retry) {
        if (!breaker.allows()) {
            throw new RasaUnavailable("Rasa is being left alone after repeated failures", null);
        }
        int attempts = retry ? 1 + Math.max(0, settings.retries()) : 1;
        RasaUnavailable last = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            try {
                HttpResponse<String> response =
                        http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() >= 500) {
                    last = new RasaUnavailable("Rasa answered " + response.statusCode() + " to " + path, null);
                    continue;
                }
                if (response.statusCode() >= 400) {
                    // A client error will not go away by asking again, and says nothing about Rasa's health.
                    breaker.succeeded();
                    throw new RasaUnavailable(
                            "Rasa refused " + path + " (" + response.statusCode() + "): " + reason(response.body()),
                            null);
                }
                JsonNode answer = JSON.readTree(response.body());
                breaker.succeeded();
                return answer;
            } catch (IOException e) {
                last = new RasaUnavailable("Cannot reach Rasa at " + base.getHost() + ": " + e.getMessage(), e);
            } catch (JacksonException e) {
                last = new RasaUnavailable("Rasa answered " + path + " with something that is not JSON", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                last = new RasaUnavailable("Interrupted while asking Rasa", e);
                break;
            }
        }
        breaker.failed();
        throw last;
    }

    private HttpRequest request(String method, String path, JsonNode body) {
        String query = settings.token().isBlank()
                ? ""
                : "?token=" + URLEncoder.encode(settings.token(), StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path + query))
                .timeout(settings.timeout())
                .header("Accept", "application/json");
        if (!settings.jwt().isBlank()) {
            request.header("Authorization", "Bearer " + settings.jwt());
        }
        if (body == null) {
            return request.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        return request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
    }

    private static String reason(String body) {
        try {
            JsonNode error = JSON.readTree(body);
            return error.path("reason").asString("") + " "
                    + error.path("message").asString("");
        } catch (JacksonException notJson) {
            return "";
        }
    }

    private static Map<String, Object> fields(JsonNode object) {
        Map<String, Object> fields = new LinkedHashMap<>();
        object.properties()
                .forEach(entry -> fields.put(
                        entry.getKey(),
                        entry.getValue().isNumber()
                                ? entry.getValue().numberValue()
                                : entry.getValue().isValueNode()
                                        ? entry.getValue().asString()
                                        : entry.getValue().toString()));
        return fields;
    }
}
