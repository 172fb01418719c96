package org.councilchat.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every English message of the server, handoff and knowledge base has a Welsh one and the other way round, and none is blank. The bot's
 * own bundles are checked in bot-engine.
 */
class MessageBundleTests {

    @ParameterizedTest
    @ValueSource(strings = {"i18n/server", "i18n/handoff", "i18n/knowledge"})
    void welshAndEnglishBundlesHaveTheSameMessages(String bundle) throws IOException {
        Properties english = load(bundle + ".properties");
        Properties welsh = load(bundle + "_cy.properties");
        assertThat(welsh.stringPropertyNames()).isEqualTo(english.stringPropertyNames());
        assertThat(english.stringPropertyNames()).isNotEmpty().allSatisfy(key -> {
            assertThat(english.getProperty(key)).as("en " + key).isNotBlank();
            assertThat(welsh.getProperty(key)).as("cy " + key).isNotBlank();
        });
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
