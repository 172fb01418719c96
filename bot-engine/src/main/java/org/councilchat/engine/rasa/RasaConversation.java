package org.councilchat.engine.rasa;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.councilchat.engine.BotReply;
import org.councilchat.engine.BotTurn;
import org.councilchat.engine.BotTurn.HandoffReason;
import org.councilchat.engine.Findings;
import org.councilchat.engine.RasaClient;
import org.councilchat.engine.RasaUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The conversation run by a Rasa server through its REST channel ({@code council-chat.rasa.dialogue: rasa}),
 * while this server keeps the widget, the transcript and the handoff. Rasa asks for a person with a custom
 * message, {@code {"handoff": true}} or {@code {"handoff": {"reason": "...", "queue": "waste"}}}; the queue
 * names the service whose advisers should take the chat.
 */
public final class RasaConversation {

    private static final Logger log = LoggerFactory.getLogger(RasaConversation.class);

    private final RasaClient rasa;

    public RasaConversation(RasaClient rasa) {
        this.rasa = rasa;
    }

    /**
     * Rasa's answer to a resident's message, or empty when Rasa cannot answer now (down, timed out, or left
     * alone by the circuit breaker), so the built-in bot answers instead and the resident never sees an outage.
     */
    public Optional<BotTurn> respond(String conversationId, String residentWords, Locale locale) {
        if (!rasa.available()) {
            return Optional.empty();
        }
        List<RasaClient.BotMessage> messages;
        try {
            messages = rasa.webhook(conversationId, residentWords);
        } catch (RasaUnavailable down) {
            // Never the message itself: residents type addresses and phone numbers.
            log.warn("Rasa could not answer a message ({}); the built-in bot answered", down.getMessage());
            return Optional.empty();
        }
        List<BotReply> replies = new ArrayList<>();
        HandoffReason handoff = null;
        String queue = null;
        for (RasaClient.BotMessage message : messages) {
            if (message.text() != null && !message.text().isBlank()) {
                replies.add(new BotReply(message.text(), List.of(), List.of(), message.buttons()));
            } else if (!message.buttons().isEmpty()) {
                replies.add(new BotReply("", List.of(), List.of(), message.buttons()));
            }
            if (message.image() != null && !message.image().isBlank()) {
                replies.add(new BotReply(
                        "", List.of(), List.of(new BotReply.Link(message.image(), message.image())), List.of()));
            }
            JsonNode asked = message.custom() == null ? null : message.custom().get("handoff");
            if (asked != null && !(asked.isBoolean() && !asked.asBoolean())) {
                handoff = reason(asked);
                if (asked.isObject() && asked.hasNonNull("queue")) {
                    queue = asked.get("queue").asString();
                }
            }
        }
        Findings findings = new Findings(null, null, null, null, null, null, null, null, null, queue, null);
        return Optional.of(new BotTurn(replies, findings, handoff, locale));
    }

    /** Rasa's two-stage fallback ends in a handoff the resident did not ask for; anything else they asked for. */
    private static HandoffReason reason(JsonNode asked) {
        String reason = asked.isObject() && asked.hasNonNull("reason")
                ? asked.get("reason").asString().toLowerCase(Locale.ROOT)
                : "";
        return reason.contains("fallback") || reason.contains("could not") || reason.contains("couldn't")
                ? HandoffReason.BOT_COULD_NOT_HELP
                : HandoffReason.RESIDENT_ASKED;
    }
}
