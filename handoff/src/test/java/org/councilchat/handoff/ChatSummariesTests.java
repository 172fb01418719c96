package org.councilchat.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.councilchat.handoff.ChatSummary.Fact;
import org.junit.jupiter.api.Test;

class ChatSummariesTests {

    private final ChatSummaries summaries = new ChatSummaries(
            id -> "council-tax-pay".equals(id) ? Optional.of("How do I pay my council tax?") : Optional.empty());

    @Test
    void saysWhatTheChatWasAboutAndWhyItCameToAPersonInWords() {
        Map<String, String> found = Map.of(
                "topic", "bin_day",
                "intent", "speak_to_person",
                "confidence", "0.93",
                "service", "waste",
                "postcode", "MB1 1AA");

        ChatSummary summary = summaries.of(found, "RESIDENT_ASKED", null);

        assertThat(summary.topic()).isEqualTo("Bin day, then asked for a person");
        assertThat(summary.urgent()).isFalse();
        assertThat(summary.facts())
                .containsExactly(
                        new Fact("service", "Service", "Waste and recycling"),
                        new Fact("postcode", "Postcode", "MB1 1AA"));
        assertThat(summary.facts().toString())
                .as("the bot's workings are not the resident's situation")
                .doesNotContain("speak_to_person", "0.93", "Confidence");
    }

    @Test
    void anUrgentChatLeadsWithTheConcernAndTheAnswerIsNamedByItsQuestion() {
        Map<String, String> found = new LinkedHashMap<>();
        found.put("safeguarding", "domestic-abuse");
        found.put("topic", "council_tax_pay");
        found.put("answeredFaq", "council-tax-pay");

        ChatSummary summary = summaries.of(found, "SAFEGUARDING", null);

        assertThat(summary.topic())
                .isEqualTo("Safeguarding concern (domestic abuse), while asking about Paying council tax");
        assertThat(summary.urgent()).isTrue();
        assertThat(summary.facts())
                .containsExactly(
                        new Fact("safeguarding", "Safeguarding concern", "Domestic abuse"),
                        new Fact("answeredFaq", "Answer the bot gave", "How do I pay my council tax?"));
    }

    @Test
    void theServiceAChatWasPassedBackForAndACouncilsOwnIdsAreShownInWords() {
        ChatSummary summary =
                summaries.of(Map.of("topic", "council_tax_moving", "service", "waste"), "RESIDENT_LEFT", "council-tax");

        assertThat(summary.topic()).isEqualTo("Council tax, moving home (resident left)");
        assertThat(summary.facts()).containsExactly(new Fact("service", "Service", "Council tax"));
        assertThat(summaries.of(Map.of("topic", "tree_works"), null, null).topic())
                .isEqualTo("Tree works");
        assertThat(summaries.of(Map.of(), "BOT_COULD_NOT_HELP", null).topic()).isEqualTo("The bot could not answer");
        assertThat(summaries.of(Map.of(), null, null)).isEqualTo(new ChatSummary(null, java.util.List.of(), false));
    }
}
