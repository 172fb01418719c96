package org.councilchat.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code application.yml} promises to list every {@code council-chat.*} setting with its default. The settings
 * each module declares come from the configuration processor's metadata in each module's jar (the same file an
 * IDE completes from), so a setting added to a module's record and not to the file, a default changed in one
 * place only, or a setting left in the file after its record lost it, fails here.
 */
class SettingsListedTests {

    private static final String PREFIX = "council-chat.";

    /** Every council-chat.* setting the modules declare, with its default where the metadata states one. */
    private static Map<String, JsonNode> declared;

    /** Every council-chat.* key application.yml sets, flattened to dotted names. */
    private static Map<String, Object> listed;

    @BeforeAll
    static void read() throws IOException {
        declared = new TreeMap<>();
        JsonMapper json = JsonMapper.builder().build();
        for (URL metadata : Collections.list(SettingsListedTests.class
                .getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = metadata.openStream()) {
                for (JsonNode property : json.readTree(in).path("properties")) {
                    String name = property.path("name").asString();
                    if (name.startsWith(PREFIX) && !property.has("deprecation")) {
                        declared.put(name, property);
                    }
                }
            }
        }
        try (InputStream in = SettingsListedTests.class.getResourceAsStream("/application.yml")) {
            Map<String, Object> yaml = new Yaml().load(in);
            listed = new TreeMap<>();
            flatten("", yaml, listed);
        }
        listed.keySet().removeIf(key -> !key.startsWith(PREFIX));
    }

    @Test
    void theModulesDeclareTheirSettings() {
        assertThat(declared)
                .as("the configuration processor's metadata of every module is on the test classpath")
                .containsKeys(
                        "council-chat.knowledge.index-directory",
                        "council-chat.engine.time-zone",
                        "council-chat.handoff.resident-grace-period",
                        "council-chat.councils",
                        "council-chat.webchat.resume-ended-chat-for",
                        "council-chat.broker.mode");
    }

    @Test
    void everySettingIsListedInApplicationYml() {
        assertThat(listed.keySet()).containsAll(declared.keySet());
    }

    @Test
    void everySettingListedInApplicationYmlExists() {
        assertThat(declared.keySet()).containsAll(listed.keySet());
    }

    @Test
    void applicationYmlGivesEachSettingItsDefault() {
        List<String> disagreements = new ArrayList<>();
        declared.forEach((name, property) -> {
            if (!property.has("defaultValue") || !listed.containsKey(name)) {
                return;
            }
            String inCode = asText(property.get("defaultValue"));
            String inFile = asText(listed.get(name));
            if (!inCode.equals(inFile)) {
                disagreements.add(name + ": the code says " + inCode + ", application.yml says " + inFile);
            }
        });
        assertThat(disagreements).isEmpty();
    }

    /** A list default is written {@code [a, b]} in the metadata and as a YAML list in the file: both become a,b. */
    private static String asText(JsonNode value) {
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item.asString()));
            return String.join(",", items);
        }
        String text = value.asString();
        return text.startsWith("[") && text.endsWith("]")
                ? text.substring(1, text.length() - 1).replaceAll(",\\s+", ",")
                : text;
    }

    private static String asText(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String path, Map<String, Object> yaml, Map<String, Object> into) {
        yaml.forEach((key, value) -> {
            String name = path.isEmpty() ? key : path + "." + key;
            if (value instanceof Map<?, ?> nested && !nested.isEmpty()) {
                flatten(name, (Map<String, Object>) nested, into);
            } else {
                into.put(name, value);
            }
        });
    }
}
