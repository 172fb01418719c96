package org.councilchat.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the bot says exists in English and Welsh alike, and survives message formatting intact. */
class MessageBundleTests {

    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)[^}]*}");

    private static Properties english;
    private static Properties welsh;

    @BeforeAll
    static void load() throws IOException {
        english = load("i18n/engine.properties");
        welsh = load("i18n/engine_cy.properties");
    }

    @Test
    void englishAndWelshHaveExactlyTheSameKeys() {
        assertThat(english.stringPropertyNames()).isNotEmpty();
        assertThat(new TreeSet<>(welsh.stringPropertyNames())).isEqualTo(new TreeSet<>(english.stringPropertyNames()));
    }

    @Test
    void noMessageIsBlank() {
        // bins.moved and bins.cancelled start with a deliberate escaped space; they must still say something.
        assertThat(english.stringPropertyNames())
                .allSatisfy(key ->
                        assertThat(english.getProperty(key)).as("en %s", key).isNotBlank());
        assertThat(welsh.stringPropertyNames())
                .allSatisfy(key ->
                        assertThat(welsh.getProperty(key)).as("cy %s", key).isNotBlank());
    }

    @Test
    void welshUsesTheSameArgumentsAsEnglish() {
        assertThat(english.stringPropertyNames())
                .allSatisfy(key -> assertThat(arguments(welsh.getProperty(key, "")))
                        .as("arguments of %s", key)
                        .isEqualTo(arguments(english.getProperty(key))));
    }

    @Test
    void messagesWithArgumentsUseTypographicApostrophes() {
        // MessageFormat reads ' as a quote: "isn't {0}" would lose the argument and the rest of the sentence.
        for (Properties bundle : new Properties[] {english, welsh}) {
            assertThat(bundle.stringPropertyNames())
                    .filteredOn(key -> !arguments(bundle.getProperty(key)).isEmpty())
                    .allSatisfy(
                            key -> assertThat(bundle.getProperty(key)).as(key).doesNotContain("'"));
        }
    }

    private static Set<String> arguments(String message) {
        Set<String> arguments = new TreeSet<>();
        Matcher matcher = ARGUMENT.matcher(message);
        while (matcher.find()) {
            arguments.add(matcher.group(1));
        }
        return arguments;
    }

    private static Properties load(String path) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessageBundleTests.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
