package org.councilchat.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Rasa button payload, {@code /intent_name} or {@code /intent_name{"entity": "value"}}: it names the intent
 * and entities directly, so understanding is skipped.
 */
public record RasaPayload(String intent, Map<String, String> entities) {

    private static final Pattern SHAPE = Pattern.compile("^/([A-Za-z0-9_\\-]+)(\\{.*})?$", Pattern.DOTALL);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public RasaPayload {
        entities = Map.copyOf(entities);
    }

    /** The payload in the text, when the whole text is one; a malformed entity object means it is not one. */
    public static Optional<RasaPayload> parse(String text) {
        Matcher payload = SHAPE.matcher(text == null ? "" : text.strip());
        if (!payload.matches()) {
            return Optional.empty();
        }
        Map<String, String> entities = new LinkedHashMap<>();
        if (payload.group(2) != null) {
            try {
                JsonNode object = JSON.readTree(payload.group(2));
                if (!object.isObject()) {
                    return Optional.empty();
                }
                object.properties()
                        .forEach(entry -> entities.put(
                                entry.getKey(),
                                entry.getValue().isValueNode()
                                        ? entry.getValue().asString()
                                        : entry.getValue().toString()));
            } catch (JacksonException notJson) {
                return Optional.empty();
            }
        }
        return Optional.of(new RasaPayload(payload.group(1), entities));
    }
}
