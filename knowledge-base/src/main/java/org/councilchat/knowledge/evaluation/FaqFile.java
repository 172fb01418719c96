package org.councilchat.knowledge.evaluation;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.councilchat.knowledge.EvaluationDataInvalid;
import org.councilchat.knowledge.Faq;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * FAQs in JSON Lines, one object per line: {@code {"id", "question", "answer"}}, optionally with
 * {@code "phrasings": [...]} and {@code "url"}. The answer may be plain text or HTML.
 */
public final class FaqFile {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final OffsetDateTime LOADED = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private FaqFile() {}

    /** Every FAQ in the file, published. */
    public static List<Faq> read(Path file) {
        List<Faq> faqs = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            long line = 0;
            while ((text = reader.readLine()) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                Faq faq = parse(file, line, text);
                if (!ids.add(faq.id())) {
                    throw new EvaluationDataInvalid(file, line, "FAQ id '" + faq.id() + "' appears twice");
                }
                faqs.add(faq);
            }
        } catch (IOException e) {
            throw new EvaluationDataInvalid(file, 0, "cannot be read (" + e.getMessage() + ")");
        }
        if (faqs.isEmpty()) {
            throw new EvaluationDataInvalid(file, 0, "holds no FAQs");
        }
        return faqs;
    }

    private static Faq parse(Path file, long line, String text) {
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new EvaluationDataInvalid(file, line, "not a JSON object (" + e.getOriginalMessage() + ")");
        }
        if (json == null || !json.isObject()) {
            throw new EvaluationDataInvalid(file, line, "not a JSON object");
        }
        List<String> phrasings = new ArrayList<>();
        JsonNode alternatives = json.get("phrasings");
        if (alternatives != null && !alternatives.isNull()) {
            if (!alternatives.isArray()) {
                throw new EvaluationDataInvalid(file, line, "\"phrasings\" must be an array of strings");
            }
            alternatives.forEach(phrasing -> phrasings.add(phrasing.asString()));
        }
        return new Faq(
                text(file, line, json, "id"),
                "evaluation",
                text(file, line, json, "question"),
                phrasings,
                text(file, line, json, "answer"),
                json.hasNonNull("url") ? json.get("url").asString() : null,
                Faq.FaqStatus.PUBLISHED,
                "en",
                1,
                LOADED,
                "evaluation");
    }

    private static String text(Path file, long line, JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw new EvaluationDataInvalid(file, line, "\"" + field + "\" must be a non-empty string");
        }
        return value.asString().strip();
    }
}
