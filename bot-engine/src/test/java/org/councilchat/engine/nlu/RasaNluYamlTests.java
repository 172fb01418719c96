package org.councilchat.engine.nlu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.councilchat.engine.TrainingDataInvalid;
import org.councilchat.engine.nlu.TrainingExample.EntityAnnotation;
import org.junit.jupiter.api.Test;

/** Rasa NLU training data as a council would bring it from Rasa, and broken files refused by line. */
class RasaNluYamlTests {

    private static final String NLU = """
            version: "3.1"
            nlu:
            - intent: bin_day
              examples: |
                - when is my bin day
                - bins for [SW1A 1AA](postcode)
                - is my [green bin]{"entity": "bin_type", "value": "garden"} collected tomorrow
                - is the [brown bin](bin_type:garden) out this week
            - intent: greet
              metadata:
                sentiment: neutral
              examples:
              - text: |
                  hello there
              - text: hiya
            - synonym: garden
              examples: |
                - green bin
                - brown bin
            - regex: postcode
              examples: |
                - [A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}
            - lookup: ward
              examples: |
                - Cathays
                - Splott
            stories:
            - story: ignored here
              steps:
              - intent: greet
            """;

    @Test
    void readsIntentsWithEntitiesAsPlainTextAndSpans() throws IOException {
        TrainingData data = read(NLU);

        assertThat(data.examples())
                .extracting(TrainingExample::text, TrainingExample::intent)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("when is my bin day", "bin_day"),
                        org.assertj.core.groups.Tuple.tuple("bins for SW1A 1AA", "bin_day"),
                        org.assertj.core.groups.Tuple.tuple("is my green bin collected tomorrow", "bin_day"),
                        org.assertj.core.groups.Tuple.tuple("is the brown bin out this week", "bin_day"),
                        org.assertj.core.groups.Tuple.tuple("hello there", "greet"),
                        org.assertj.core.groups.Tuple.tuple("hiya", "greet"));
        assertThat(data.examples().get(1).entities())
                .containsExactly(new EntityAnnotation(9, 17, "postcode", "SW1A 1AA", null, null));
        TrainingExample green = data.examples().get(2);
        assertThat(green.entities()).containsExactly(new EntityAnnotation(6, 15, "bin_type", "garden", null, null));
        assertThat(green.text().substring(6, 15)).isEqualTo("green bin");
        assertThat(data.examples().get(3).entities())
                .containsExactly(new EntityAnnotation(7, 16, "bin_type", "garden", null, null));
    }

    @Test
    void keepsSynonymsLookupTablesAndRegexes() throws IOException {
        TrainingData data = read(NLU);

        assertThat(data.synonyms()).containsEntry("green bin", "garden").containsEntry("brown bin", "garden");
        assertThat(data.lookups()).containsEntry("ward", List.of("Cathays", "Splott"));
        assertThat(data.regexes())
                .containsEntry("postcode", List.of("[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}"));
    }

    @Test
    void keepsRolesAndGroups() throws IOException {
        TrainingData data = read("""
                nlu:
                - intent: book
                  examples: |
                    - from [Cardiff]{"entity": "city", "role": "departure", "group": "1"} please
                """);
        assertThat(data.examples().getFirst().entities())
                .containsExactly(new EntityAnnotation(5, 12, "city", "Cardiff", "departure", "1"));
    }

    @Test
    void refusesBrokenYamlWithItsLine() {
        assertRefused("""
                nlu:
                - intent: greet
                  examples: |
                    - hello
                 - intent: bye
                """, 5, "not valid YAML");
    }

    @Test
    void refusesAnExampleThatIsNotAListItem() {
        assertRefused("""
                nlu:
                - intent: greet
                  examples: |
                    - hello
                    hi there
                """, 5, "an example must start with '- '");
    }

    @Test
    void refusesAMalformedEntityAnnotation() {
        assertRefused("""
                nlu:
                - intent: bin_day
                  examples: |
                    - when is my bin day
                    - bins for [SW1A 1AA]{"entity" "postcode"}
                """, 5, "is not valid JSON");
        assertRefused("""
                nlu:
                - intent: bin_day
                  examples: |
                    - bins for [SW1A 1AA]()
                """, 4, "names no entity");
    }

    @Test
    void refusesAnInvalidRegex() {
        assertRefused("""
                nlu:
                - regex: account
                  examples: |
                    - \\d{10}
                    - [0-9
                """, 5, "regex 'account' is not a valid pattern");
    }

    @Test
    void refusesItemsOfUnknownKindAndFilesWithoutNlu() {
        assertRefused("""
                nlu:
                - intent: greet
                  examples: |
                    - hello
                - intnet: bye
                  examples: |
                    - bye
                """, 5, "needs one of intent:, synonym:, regex: or lookup:");
        assertRefused("""
                version: "3.1"
                rules: []
                """, 1, "there is no nlu: section");
    }

    private static void assertRefused(String yaml, int line, String reason) {
        assertThatExceptionOfType(TrainingDataInvalid.class)
                .isThrownBy(() -> read(yaml))
                .satisfies(invalid -> {
                    assertThat(invalid.source()).isEqualTo("nlu.yml");
                    assertThat(invalid.line()).isEqualTo(line);
                    assertThat(invalid.reason()).contains(reason);
                    assertThat(invalid.getMessage()).startsWith("nlu.yml line " + line + ": ");
                });
    }

    private static TrainingData read(String yaml) throws IOException {
        return RasaNluYaml.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "nlu.yml");
    }
}
