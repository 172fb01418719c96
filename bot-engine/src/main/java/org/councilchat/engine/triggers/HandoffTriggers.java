package org.councilchat.engine.triggers;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The words that make the bot step aside: safeguarding disclosures (emergency contacts at once and an urgent
 * place in the queue) and frustration (a person offered at once). Matched on exact phrases, never on a
 * statistical classifier alone, because a missed disclosure costs far more than a misplaced one. Immutable and
 * safe to share between threads.
 *
 * <p>The phrase file is YAML with {@code safeguarding} (one list per {@link Concern}, in kebab case) and
 * {@code frustration}, each list split by language ({@code en}, {@code cy}). Every language's phrases are
 * matched whatever language the resident chose: people mix them.
 */
public final class HandoffTriggers {

    private static final Set<String> LANGUAGES = Set.of("en", "cy");

    private final Map<Concern, PhraseList> safeguarding;
    private final PhraseList frustration;

    private HandoffTriggers(Map<Concern, PhraseList> safeguarding, PhraseList frustration) {
        this.safeguarding = safeguarding;
        this.frustration = frustration;
    }

    /** A disclosure that means a resident, or someone they know, may be at risk. */
    public enum Concern {
        SELF_HARM,
        DOMESTIC_ABUSE,
        CHILD_AT_RISK,
        ADULT_AT_RISK,
        HOMELESS_TONIGHT;

        /** How the concern is named in the phrase file and shown to agents: self-harm, domestic-abuse, ... */
        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The first concern, in declaration order, whose phrases the words contain. */
    public Optional<Concern> safeguarding(String residentWords) {
        String text = PhraseList.normalise(residentWords);
        return safeguarding.entrySet().stream()
                .filter(entry -> entry.getValue().matches(text))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** True when the resident sounds fed up with the bot or swears. */
    public boolean frustrated(String residentWords) {
        return frustration.matches(PhraseList.normalise(residentWords));
    }

    /**
     * Reads a phrase file.
     *
     * @throws TriggerPhrasesInvalid naming the file and what is wrong with it
     */
    public static HandoffTriggers read(InputStream yaml, String name) {
        Object root;
        try (InputStreamReader reader = new InputStreamReader(yaml, StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (IOException | YAMLException e) {
            throw new TriggerPhrasesInvalid(name + " is not readable YAML: " + e.getMessage());
        }
        Map<?, ?> top = map(root, name, "the file");
        for (Object key : top.keySet()) {
            if (!Set.of("safeguarding", "frustration").contains(key)) {
                throw new TriggerPhrasesInvalid(
                        name + ": unknown section '" + key + "'; expected safeguarding and frustration");
            }
        }
        Map<?, ?> concerns = map(top.get("safeguarding"), name, "safeguarding");
        Map<Concern, PhraseList> safeguarding = new EnumMap<>(Concern.class);
        for (Concern concern : Concern.values()) {
            if (!concerns.containsKey(concern.key())) {
                throw new TriggerPhrasesInvalid(name + ": safeguarding has no '" + concern.key() + "' phrases");
            }
            safeguarding.put(concern, phrases(concerns.get(concern.key()), name, "safeguarding." + concern.key()));
        }
        for (Object key : concerns.keySet()) {
            if (safeguarding.keySet().stream()
                    .noneMatch(concern -> concern.key().equals(key))) {
                throw new TriggerPhrasesInvalid(name + ": unknown safeguarding concern '" + key + "'");
            }
        }
        return new HandoffTriggers(safeguarding, phrases(top.get("frustration"), name, "frustration"));
    }

    private static PhraseList phrases(Object section, String name, String where) {
        Map<?, ?> byLanguage = map(section, name, where);
        List<String> all = new ArrayList<>();
        for (Map.Entry<?, ?> entry : byLanguage.entrySet()) {
            if (!LANGUAGES.contains(String.valueOf(entry.getKey()))) {
                throw new TriggerPhrasesInvalid(
                        name + ": " + where + " has language '" + entry.getKey() + "'; expected en or cy");
            }
            if (!(entry.getValue() instanceof List<?> list)) {
                throw new TriggerPhrasesInvalid(name + ": " + where + "." + entry.getKey() + " must be a list");
            }
            for (Object phrase : list) {
                if (!(phrase instanceof String text) || text.isBlank()) {
                    throw new TriggerPhrasesInvalid(name + ": " + where + "." + entry.getKey()
                            + " has an empty phrase or one that is not text");
                }
                all.add(text);
            }
        }
        try {
            return new PhraseList(all);
        } catch (IllegalArgumentException e) {
            throw new TriggerPhrasesInvalid(name + ": " + where + ": " + e.getMessage());
        }
    }

    private static Map<?, ?> map(Object value, String name, String where) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new TriggerPhrasesInvalid(name + ": " + where + " must be a map of sections");
        }
        return map;
    }
}
