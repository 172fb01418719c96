package org.councilchat.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.councilchat.journey.StompTestClient.ERRORS;
import static org.councilchat.journey.StompTestClient.EVENTS;
import static org.councilchat.journey.StompTestClient.QUEUE;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Residents at risk, in office hours (Monday 23 November 2026, 09:00), over real STOMP connections: a
 * disclosure shows the emergency contacts at once and puts the chat at the front of the agents' queue, ahead
 * of residents who were already waiting; a resident already waiting who discloses a risk moves to the front.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestCouncil.FixedClock.class)
class SafeguardingJourneyTests {

    @LocalServerPort
    int port;

    private StompTestClient first;
    private StompTestClient second;
    private StompTestClient agent;

    @DynamicPropertySource
    static void council(DynamicPropertyRegistry registry) {
        TestCouncil.configure(registry);
    }

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void hangUp() {
        for (StompTestClient client : new StompTestClient[] {first, second, agent}) {
            if (client != null) {
                client.close();
            }
        }
        // Each test counts places in the queue from an empty one.
        jdbc.sql("UPDATE conversation SET state = 'CLOSED' WHERE state <> 'CLOSED'")
                .update();
    }

    @Test
    void aDisclosureShowsEmergencyContactsAtOnceAndJumpsTheQueue() {
        agent = agentConnects();
        first = residentConnects();
        String waitingFirst = welcomed(first);
        first.send("/app/resident/message", Map.of("clientMessageId", "a-1", "text", "I want to speak to a person"));
        first.awaitEvent(EVENTS, "status", e -> "WAITING".equals(e.get("state")));

        second = residentConnects();
        String atRisk = welcomed(second);
        second.send(
                "/app/resident/message",
                Map.of("clientMessageId", "b-1", "text", "I can't go on, I want to end my life"));

        Map<String, Object> contacts = botSays(second, "I’m so sorry");
        assertThat(lines(contacts))
                .containsExactly(
                        "Emergency services (police, ambulance, fire): 999",
                        "Samaritans, free, day or night: 116 123",
                        "Our out-of-hours emergency duty team: 01632 960 000");
        Map<String, Object> waiting = second.awaitEvent(EVENTS, "status", e -> "WAITING".equals(e.get("state")));
        assertThat(waiting.get("queuePosition")).isEqualTo(1);
        assertThat(first.awaitEvent(EVENTS, "status", e -> Integer.valueOf(2).equals(e.get("queuePosition"))))
                .containsEntry("state", "WAITING");

        Map<String, Object> queue =
                agent.awaitEvent(QUEUE, "queue", e -> waiting(e).size() == 2);
        Map<String, Object> top = waiting(queue).getFirst();
        assertThat(top.get("conversationId")).isEqualTo(atRisk);
        assertThat(top.get("reason")).isEqualTo("SAFEGUARDING");
        assertThat(top.get("context"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("safeguarding", "self-harm");
        assertThat(waiting(queue).get(1).get("conversationId")).isEqualTo(waitingFirst);
    }

    @Test
    void aResidentAlreadyWaitingWhoDisclosesARiskGetsTheContactsAndMovesToTheFront() {
        agent = agentConnects();
        first = residentConnects();
        String before = welcomed(first);
        first.send("/app/resident/message", Map.of("clientMessageId", "a-1", "text", "can I talk to someone"));
        first.awaitEvent(EVENTS, "status", e -> "WAITING".equals(e.get("state")));

        second = residentConnects();
        String worried = welcomed(second);
        second.send("/app/resident/message", Map.of("clientMessageId", "b-1", "text", "I want to speak to a person"));
        // The clock is fixed, so the two wait equally long and either may be first until one is urgent.
        second.awaitEvent(EVENTS, "status", e -> "WAITING".equals(e.get("state")));
        agent.awaitEvent(QUEUE, "queue", e -> waiting(e).size() == 2);

        second.send(
                "/app/resident/message",
                Map.of("clientMessageId", "b-2", "text", "please hurry, my partner hits me and he is on his way back"));

        // Domestic abuse: the words and the lines for it, not the ones for self-harm.
        Map<String, Object> contacts = botSays(second, "Thank you for telling us");
        assertThat((String) contacts.get("text")).contains("press 55").doesNotContain("sorry");
        assertThat(lines(contacts))
                .contains(
                        "Emergency services (police, ambulance, fire): 999",
                        "National Domestic Abuse Helpline, free, day or night: 0808 2000 247");
        assertThat(botSays(second, "I’ve told our advisers this is urgent").get("text"))
                .asString()
                .contains("answered before anyone who is not")
                .as("never 'the front of the queue': another urgent chat may be ahead, and the status says so")
                .doesNotContain("front of the queue");
        Map<String, Object> queue = agent.awaitEvent(
                QUEUE,
                "queue",
                e -> !waiting(e).isEmpty()
                        && worried.equals(waiting(e).getFirst().get("conversationId")));
        assertThat(waiting(queue).getFirst().get("reason")).isEqualTo("SAFEGUARDING");
        assertThat(waiting(queue).get(1).get("conversationId")).isEqualTo(before);
    }

    @Test
    void typingCymraegSwitchesTheChatAndTheWidgetToWelsh() {
        first = residentConnects();
        welcomed(first);
        first.send("/app/resident/message", Map.of("clientMessageId", "c-1", "text", "Cymraeg"));

        first.awaitEvent(EVENTS, "language", e -> "cy".equals(e.get("language")));
        botSays(first, "Iawn, byddaf yn ateb yn Gymraeg");
        first.send("/app/resident/message", Map.of("clientMessageId", "c-2", "text", "Pryd mae fy niwrnod bin?"));
        botSays(first, "Beth yw eich cod post?");
    }

    private static String welcomed(StompTestClient client) {
        return (String) client.awaitEvent(EVENTS, "welcome", e -> true).get("conversationId");
    }

    private static Map<String, Object> botSays(StompTestClient client, String start) {
        return client.awaitEvent(
                EVENTS,
                "message",
                e -> "BOT".equals(e.get("sender"))
                        && String.valueOf(e.get("text")).startsWith(start));
    }

    private StompTestClient residentConnects() {
        return StompTestClient.resident(port, null);
    }

    private StompTestClient agentConnects() {
        return StompTestClient.agent(port, "agent", "agent-demo", ERRORS, QUEUE);
    }

    @SuppressWarnings("unchecked")
    private static List<String> lines(Map<String, Object> message) {
        return (List<String>) message.get("lines");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> waiting(Map<String, Object> queue) {
        return (List<Map<String, Object>>) queue.get("waiting");
    }
}
