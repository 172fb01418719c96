package org.councilchat.rasa;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.councilchat.chat.ResidentMessageRate;
import org.councilchat.councils.Council;
import org.councilchat.councils.Councils;
import org.councilchat.engine.Bot;
import org.councilchat.engine.BotReply;
import org.councilchat.engine.BotTurn;
import org.councilchat.engine.IntentClassifier;
import org.councilchat.engine.IntentRanking;
import org.councilchat.engine.IntentScore;
import org.councilchat.engine.RasaPayload;
import org.councilchat.engine.RasaProperties;
import org.councilchat.handoff.HandoffProperties;
import org.councilchat.knowledge.Postcode;
import org.councilchat.knowledge.TypedText;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Rasa's HTTP API in Rasa's shapes (facts in {@code specs/rasa-http-api.md}), so tools and channels written
 * for Rasa work against Council Chat: {@code GET /}, {@code /version}, {@code /status}, {@code POST /model/parse}
 * and the REST channel's {@code POST /webhooks/rest/webhook}, with Rasa's token or JWT auth.
 *
 * <p>The REST channel answers synchronously, so a request for a person is answered with a {@code custom}
 * handoff message for the channel to act on; the conversation is not put in the agent queue, since an agent's
 * replies could never reach a REST caller.
 *
 * <p>The widget's limits hold here too: a message over {@code council-chat.handoff.max-message-length} is answered
 * 422, and each sender has the widget connection's allowance ({@code council-chat.chat.*}), past which it is
 * answered 429; both as problem details. Bodies are capped before they are read ({@link RasaRequests}).
 */
@RestController
@RequestMapping("${council-chat.rasa.server.base-path:/rasa}")
@Tag(
        name = "Rasa-compatible API",
        description = "Rasa 3.6's HTTP API in Rasa's shapes, so tools and channels written for Rasa work against"
                + " Council Chat. Off (404) outside the demo until council-chat.rasa.server.token or jwt-secret is"
                + " set; then each call needs ?token= or Authorization: Bearer <JWT>.")
class RasaApi {

    private static final String PARSE_REQUEST = """
            {"text": "when is my bin day"}
            """;
    private static final String PARSE_ANSWER = """
            {"text": "when is my bin day", "intent": {"name": "bin_day", "confidence": 0.93},
             "entities": [], "intent_ranking": [{"name": "bin_day", "confidence": 0.93},
               {"name": "missed_bin", "confidence": 0.04}],
             "text_tokens": [[0, 4], [5, 7], [8, 10], [11, 14], [15, 18]]}
            """;
    private static final String WEBHOOK_REQUEST = """
            {"sender": "resident-42", "message": "when is my bin day",
             "metadata": {"council": "millbrook", "language": "en"}}
            """;
    private static final String WEBHOOK_ANSWER = """
            [{"recipient_id": "resident-42", "text": "What’s your postcode? For example, MB1 1AA."}]
            """;
    private static final String HANDOFF_ANSWER = """
            [{"recipient_id": "resident-42", "text": "I'll find someone to help."},
             {"recipient_id": "resident-42", "custom": {"handoff": true, "reason": "RESIDENT_ASKED",
               "findings": {"postcode": "MB1 1AA", "service": "waste"}}}]
            """;

    /** The Rasa version whose API this imitates. */
    static final String VERSION = "3.6.0";

    private static final Pattern TOKEN = Pattern.compile("\\S+");

    private final IntentClassifier intents;
    private final Bot bot;
    private final RasaProperties properties;
    private final RasaAuth auth;
    private final HandoffProperties limits;
    private final ResidentMessageRate rate;
    private final MessageSource messages;
    private final Councils councils;

    RasaApi(
            IntentClassifier intents,
            Bot bot,
            RasaProperties properties,
            HandoffProperties limits,
            ResidentMessageRate rate,
            MessageSource messages,
            Councils councils) {
        this.councils = councils;
        this.intents = intents;
        this.bot = bot;
        this.properties = properties;
        this.limits = limits;
        this.rate = rate;
        this.messages = messages;
        this.auth =
                new RasaAuth(properties.server().token(), properties.server().jwtSecret());
    }

    @GetMapping(
            value = {"", "/"},
            produces = MediaType.TEXT_PLAIN_VALUE)
    String hello() {
        return "Hello from Rasa: " + VERSION;
    }

    @GetMapping("/version")
    Map<String, Object> version() {
        return Map.of("version", VERSION, "minimum_compatible_version", "3.5.0");
    }

    @GetMapping("/status")
    ResponseEntity<Object> status(
            @RequestParam(required = false) String token,
            @RequestHeader(value = "Authorization", required = false) String authorization) {
        return auth.check(token, authorization)
                .orElseGet(() -> ResponseEntity.ok(Map.of(
                        "model_file",
                        "council-chat-" + properties.nlu() + ".model",
                        "model_id",
                        "council-chat",
                        "num_active_training_jobs",
                        0)));
    }

    @PostMapping("/model/parse")
    @Operation(
            summary = "The intent and entities of a message (Rasa NLU)",
            description = "The built-in intent model's ranking (the ten likeliest), entities and tokens, as Rasa"
                    + " answers. A text longer than council-chat.handoff.max-message-length is refused 422.",
            security = {@SecurityRequirement(name = "rasaToken"), @SecurityRequirement(name = "rasaJwt")})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(type = "object", requiredProperties = "text"),
                            examples = @ExampleObject(value = PARSE_REQUEST)))
    @ApiResponse(
            responseCode = "200",
            description = "The message's intents",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(value = PARSE_ANSWER)))
    @ApiResponse(responseCode = "400", description = "No text, or an emulation mode (not supported)")
    @ApiResponse(responseCode = "401", description = "No token, or the wrong one")
    @ApiResponse(responseCode = "422", description = "The text is too long")
    ResponseEntity<Object> parse(
            @RequestBody(required = false) JsonNode body,
            @RequestParam(required = false) String token,
            @RequestParam(name = "emulation_mode", required = false) String emulationMode,
            @RequestHeader(value = "Authorization", required = false) String authorization) {
        var refused = auth.check(token, authorization);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (emulationMode != null && !emulationMode.isBlank()) {
            return RasaAuth.error(HttpStatus.BAD_REQUEST, "BadRequest", "Emulation modes are not supported.");
        }
        if (body == null || !body.path("text").isString()) {
            return RasaAuth.error(HttpStatus.BAD_REQUEST, "BadRequest", "The request needs a \"text\" string.");
        }
        String text = body.path("text").asString();
        if (tooLong(text)) {
            return tooLong(Locale.ENGLISH);
        }
        IntentRanking ranking = intents.classify(text);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("text", text);
        answer.put("intent", score(ranking.top()));
        answer.put("entities", entities(text));
        answer.put(
                "intent_ranking",
                ranking.scores().stream().limit(10).map(RasaApi::score).toList());
        answer.put("text_tokens", tokens(text));
        return ResponseEntity.ok(answer);
    }

    @GetMapping("/webhooks/rest/")
    Map<String, String> restChannel() {
        return Map.of("status", "ok");
    }

    @PostMapping("/webhooks/rest/webhook")
    @Operation(
            summary = "A resident's message through Rasa's REST channel",
            description = "The bot's replies, in order, as Rasa's REST channel sends them. One conversation per"
                    + " sender, remembered between calls. metadata.council names the council of a shared service"
                    + " (the first when left out) and metadata.language is en or cy. When the resident needs a"
                    + " person, the last message is custom.handoff with what the bot learned, for the channel to"
                    + " pass on: nothing is queued for an agent, whose replies could not reach a REST caller.",
            security = {@SecurityRequirement(name = "rasaToken"), @SecurityRequirement(name = "rasaJwt")})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content =
                    @Content(
                            mediaType = "application/json",
                            schema =
                                    @Schema(
                                            type = "object",
                                            requiredProperties = {"sender", "message"}),
                            examples = @ExampleObject(value = WEBHOOK_REQUEST)))
    @ApiResponse(
            responseCode = "200",
            description = "The bot's replies",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples = {
                                @ExampleObject(name = "answer", value = WEBHOOK_ANSWER),
                                @ExampleObject(name = "handoff", value = HANDOFF_ANSWER)
                            }))
    @ApiResponse(responseCode = "400", description = "No sender or message, an empty message, or an unknown council")
    @ApiResponse(responseCode = "401", description = "No token, or the wrong one")
    @ApiResponse(responseCode = "422", description = "The message is too long")
    @ApiResponse(responseCode = "429", description = "This sender is sending faster than a resident could type")
    ResponseEntity<Object> webhook(
            @RequestBody(required = false) JsonNode body,
            @RequestParam(required = false) String token,
            @RequestHeader(value = "Authorization", required = false) String authorization) {
        var refused = auth.check(token, authorization);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (body == null
                || !body.path("sender").isString()
                || !body.path("message").isString()) {
            return RasaAuth.error(
                    HttpStatus.BAD_REQUEST, "BadRequest", "The request needs \"sender\" and \"message\" strings.");
        }
        if (TypedText.isBlank(body.path("message").asString())) {
            return RasaAuth.error(HttpStatus.BAD_REQUEST, "BadRequest", "The message is empty.");
        }
        String sender = body.path("sender").asString();
        // A front end of one council of a shared service names it in the metadata, as the widget does with
        // data-council; none named is the first council's.
        String named = body.path("metadata").path("council").asString("");
        Optional<Council> council = named.isBlank() ? Optional.of(councils.byDefault()) : councils.find(named);
        if (council.isEmpty()) {
            return RasaAuth.error(
                    HttpStatus.BAD_REQUEST,
                    "BadRequest",
                    "There is no council \"" + named + "\" here; metadata.council is one of " + councils.ids() + ".");
        }
        String language = body.path("metadata").path("language").asString("en");
        Locale locale = Locale.forLanguageTag("cy".equals(language) ? "cy" : "en");
        String text = body.path("message").asString();
        if (tooLong(text)) {
            return tooLong(locale);
        }
        // The first council's senders keep the conversations they had before councils were named. Another
        // council's keys start "rasa-rest@", which no first-council key can (its tenth character is ':'), and a
        // council id holds no ':', so no sender of one council can take another's conversation.
        String channel = council.get().id().equals(councils.byDefault().id())
                ? "rasa-rest:" + sender
                : "rasa-rest@" + council.get().id() + ":" + sender;
        if (!rate.allow(channel)) {
            return problem(HttpStatus.TOO_MANY_REQUESTS, "rasa.error.too-fast", locale);
        }
        // A stable conversation per sender, in the same dialogue store as the widget's, so it remembers.
        String conversationId =
                UUID.nameUUIDFromBytes(channel.getBytes(StandardCharsets.UTF_8)).toString();
        BotTurn turn = bot.respond(conversationId, council.get().id(), text, locale);
        List<Map<String, Object>> messages = new ArrayList<>();
        for (BotReply reply : turn.replies()) {
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("recipient_id", sender);
            message.put("text", text(reply));
            if (!reply.buttons().isEmpty()) {
                message.put(
                        "buttons",
                        reply.buttons().stream()
                                .map(button -> Map.of("title", button.title(), "payload", button.payload()))
                                .toList());
            }
            messages.add(message);
        }
        if (turn.wantsPerson()) {
            messages.add(Map.of(
                    "recipient_id",
                    sender,
                    "custom",
                    Map.of(
                            "handoff",
                            true,
                            "reason",
                            turn.handoff().name(),
                            "findings",
                            turn.findings().asFields())));
        }
        return ResponseEntity.ok(messages);
    }

    private boolean tooLong(String text) {
        return text.codePointCount(0, text.length()) > limits.maxMessageLength();
    }

    private ResponseEntity<Object> tooLong(Locale locale) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "chat.error.message-too-long", locale);
    }

    /** A problem detail whose detail is the widget's words for it, fit to show the resident. */
    private ResponseEntity<Object> problem(HttpStatus status, String message, Locale locale) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, messages.getMessage(message, null, locale));
        return ResponseEntity.status(status).body(problem);
    }

    /** Rasa messages are plain text: lines and links go after the text, one per line. */
    private static String text(BotReply reply) {
        StringBuilder text = new StringBuilder(reply.text());
        reply.lines().forEach(line -> text.append("\n- ").append(line));
        reply.links()
                .forEach(link ->
                        text.append("\n").append(link.title()).append(": ").append(link.url()));
        return text.toString();
    }

    private static Map<String, Object> score(IntentScore score) {
        Map<String, Object> intent = new LinkedHashMap<>();
        intent.put("name", score.intent());
        intent.put("confidence", score.confidence());
        return intent;
    }

    /** UK postcodes, with their character offsets, and the entities of a {@code /intent{...}} payload. */
    private static List<Map<String, Object>> entities(String text) {
        List<Map<String, Object>> entities = new ArrayList<>();
        var payload = RasaPayload.parse(text);
        if (payload.isPresent()) {
            payload.get().entities().forEach((name, value) -> {
                int start = Math.max(0, text.indexOf(value));
                entities.add(entity(name, value, start, start + value.length(), "RasaPayload"));
            });
            return entities;
        }
        for (Postcode.Found postcode : Postcode.findAllIn(text)) {
            entities.add(entity(
                    "postcode", postcode.postcode().value(), postcode.start(), postcode.end(), "RegexEntityExtractor"));
        }
        return entities;
    }

    private static Map<String, Object> entity(String name, String value, int start, int end, String extractor) {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("entity", name);
        entity.put("start", start);
        entity.put("end", end);
        entity.put("value", value);
        entity.put("confidence_entity", 1.0);
        entity.put("extractor", extractor);
        return entity;
    }

    private static List<int[]> tokens(String text) {
        List<int[]> tokens = new ArrayList<>();
        Matcher token = TOKEN.matcher(text);
        while (token.find()) {
            tokens.add(new int[] {token.start(), token.end()});
        }
        return tokens;
    }
}
