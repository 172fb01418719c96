package org.councilchat.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.FileSystemResource;

class ConversationRulesTests {

    private static final ConversationRules.Checks CHECKS = new ConversationRules.Checks(
            Set.of("greet", "pothole", "bin_day", "speak_to_person"), key -> key.startsWith("known."));

    @Test
    void readsRulesWithTheirStepsInOrder() {
        ConversationRules rules = read("""
                rules:
                  - rule: pothole
                    intent: pothole
                    service: highways
                    min-confidence: 0.55
                    then:
                      - answer: knowledge-base
                      - say: known.pothole
                        args: ["01632 960 000"]
                      - link: {text: known.report, url: "https://www.millbrook.example/report"}
                      - buttons: [person, topics]
                  - rule: bins
                    intent: bin_day
                    then:
                      - form: bin-day
                """);

        ConversationRule pothole = rules.forIntent("pothole").orElseThrow();
        assertThat(pothole.service()).isEqualTo("highways");
        assertThat(pothole.minConfidence()).isEqualTo(0.55);
        assertThat(pothole.line()).isEqualTo(2);
        assertThat(pothole.steps())
                .containsExactly(
                        new RuleStep.AnswerFromKnowledgeBase(),
                        new RuleStep.Say("known.pothole", java.util.List.of("01632 960 000")),
                        new RuleStep.LinkCard("known.report", "https://www.millbrook.example/report"),
                        new RuleStep.Buttons(java.util.List.of(RuleStep.Button.PERSON, RuleStep.Button.TOPICS)));
        assertThat(rules.forIntent("bin_day").orElseThrow().steps())
                .containsExactly(new RuleStep.StartForm(RuleStep.Form.BIN_DAY));
        assertThat(rules.forIntent("greet")).isEmpty();
    }

    @Test
    void mistakesAreReportedWithTheFileLineAndReason() {
        assertProblem("""
                rules:
                  - rule: pothole
                    intent: potholes
                    then:
                      - say: known.pothole
                """, "rules.yml line 3: rule 'pothole': the intent model has no intent 'potholes'");
        assertProblem(
                """
                rules:
                  - rule: pothole
                    intent: pothole
                    then:
                      - say: known.pothole
                      - say: pothole.typo
                """, "rules.yml line 6: rule 'pothole': there is no message 'pothole.typo' in the message bundles");
        assertProblem("""
                rules:
                  - rule: pothole
                    intent: pothole
                    then:
                      - say: known.pothole
                      - link: {text: known.report, url: "www.millbrook.example/report"}
                """, "rules.yml line 6: rule 'pothole': 'www.millbrook.example/report' is not a web address");
        assertProblem(
                """
                rules:
                  - rule: pothole
                    intent: pothole
                    then:
                      - form: pothole-form
                """,
                "rules.yml line 5: rule 'pothole': no form 'pothole-form'; there are bin-day, missed-bin, leave-message");
        assertProblem("""
                rules:
                  - rule: pothole
                    intent: pothole
                    then:
                      - say: known.pothole
                  - rule: roads
                    intent: pothole
                    then:
                      - say: known.pothole
                """, "rules.yml line 6: rule 'roads' and rule 'pothole' (line 2) are both for intent 'pothole'");
        assertProblem("""
                rules:
                  - rule: pothole
                    intent: pothole
                    min-confidence: high
                    then:
                      - say: known.pothole
                """, "rules.yml line 4: rule 'pothole': min-confidence must be a number from 0 to 1, not 'high'");
        assertProblem("""
                rules:
                  - rule: pothole
                    intent: pothole
                    then:
                      - link: {text: known.report, url: "https://www.millbrook.example/report"}
                """, "rules.yml line 5: rule 'pothole': a link or buttons go under words");
        assertProblem("""
                rules:
                  - rule: pothole
                    intnet: pothole
                """, "rules.yml line 3: rule 'pothole' has unknown field 'intnet'");
        assertProblem("rules:\n  - rule: [unclosed\n", "rules.yml is not readable YAML");
        assertProblem("", "rules.yml: the file is empty");
    }

    @Test
    void anyIntentIsAcceptedWhenTheModelsIntentsAreNotKnownHere() {
        ConversationRules rules = ConversationRules.read(
                yaml("rules:\n  - rule: rasa\n    intent: ask_rasa_thing\n    then:\n      - say: known.x\n"),
                "rules.yml",
                new ConversationRules.Checks(Set.of(), key -> true));

        assertThat(rules.forIntent("ask_rasa_thing")).isPresent();
    }

    @Test
    void anEditedFileIsPickedUpWhileABrokenOneLeavesTheRulesInUse(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("conversation-rules.yml");
        Files.writeString(file, "rules:\n  - rule: hello\n    intent: greet\n    then:\n      - say: known.hello\n");
        try (LiveConversationRules live = LiveConversationRules.watching(
                new FileSystemResource(file), file.toString(), CHECKS, Duration.ofMillis(50))) {
            assertThat(live.current().forIntent("greet")).isPresent();

            Files.writeString(
                    file, "rules:\n  - rule: hello\n    intent: greet\n    then:\n      - say: known.hello.again\n");
            touch(file, 10);
            awaitRule(live, "known.hello.again");

            Files.writeString(file, "rules:\n  - rule: hello\n    intent: greet\n    then:\n      - say: typo.hello\n");
            touch(file, 20);
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (live.lastProblem() == null && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(live.lastProblem()).contains("line 5").contains("no message 'typo.hello'");
            assertThat(((RuleStep.Say) live.current()
                                    .forIntent("greet")
                                    .orElseThrow()
                                    .steps()
                                    .getFirst())
                            .messageKey())
                    .isEqualTo("known.hello.again");
            assertThatThrownBy(live::reload).isInstanceOf(ConversationRulesInvalid.class);
        }
    }

    @Test
    void theShippedRulesAreReadable() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/dialogue/conversation-rules.yml")) {
            ConversationRules rules = ConversationRules.read(
                    in, "conversation-rules.yml", new ConversationRules.Checks(Set.of(), key -> true));
            assertThat(rules.rules()).hasSizeGreaterThanOrEqualTo(35);
            assertThat(rules.forIntent("council_tax_pay").orElseThrow().service())
                    .isEqualTo("council-tax");
        }
    }

    private static void awaitRule(LiveConversationRules live, String messageKey) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < until) {
            var first = live.current().forIntent("greet").orElseThrow().steps().getFirst();
            if (first instanceof RuleStep.Say say && say.messageKey().equals(messageKey)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("The rules were not reloaded with " + messageKey);
    }

    /** Moves the file's time on, as an editor's save does, without waiting for the clock. */
    private static void touch(Path file, int seconds) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(seconds)));
    }

    private static ConversationRules read(String yaml) {
        return ConversationRules.read(yaml(yaml), "rules.yml", CHECKS);
    }

    private static void assertProblem(String yaml, String expected) {
        assertThatThrownBy(() -> read(yaml))
                .isInstanceOf(ConversationRulesInvalid.class)
                .hasMessageContaining(expected);
    }

    private static InputStream yaml(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
