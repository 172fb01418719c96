package org.councilchat.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.councilchat.journey.StompTestClient.AGENT_EVENTS;
import static org.councilchat.journey.StompTestClient.ERRORS;
import static org.councilchat.journey.StompTestClient.EVENTS;
import static org.councilchat.journey.StompTestClient.QUEUE;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.councilchat.handoff.AgentPresence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Several connections holding one conversation, with real STOMP clients: a resident's duplicated tab (or a phone
 * reconnecting before its old connection has gone) and an agent's second console each get every event of the
 * chat, in order, not only the connection that happened to come first.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestCouncil.FixedClock.class)
class EveryConnectionJourneyTests {

    @LocalServerPort
    int port;

    @Autowired
    AgentPresence presence;

    private final List<StompTestClient> clients = new ArrayList<>();

    @DynamicPropertySource
    static void council(DynamicPropertyRegistry registry) {
        TestCouncil.configure(registry);
    }

    @AfterEach
    void hangUp() {
        clients.forEach(StompTestClient::close);
        TestCouncil.awaitPresence(presence, "agent", AgentPresence.Status.OFFLINE);
    }

    @Test
    void bothTabsOfAResidentGetTheirWelcomeAcknowledgementsAnswersAndTheAgentInOrder() {
        StompTestClient first = resident(null);
        Map<String, Object> welcome = first.awaitEvent(EVENTS, "welcome", e -> true);
        String conversationId = (String) welcome.get("conversationId");

        StompTestClient second = resident((String) welcome.get("resumeToken"));
        assertThat(second.awaitEvent(EVENTS, "welcome", e -> true))
                .containsEntry("conversationId", conversationId)
                .containsEntry("resumed", true);
        // The hello is answered until its status: a message sent before then may reach this tab both live and in
        // the replay (the widget drops a repeated number; this test counts deliveries, so it waits).
        second.awaitEvent(EVENTS, "status", e -> true);

        // One tab asks; both see the acknowledgement and the bot's answer.
        first.send("/app/resident/message", Map.of("clientMessageId", "r-1", "text", "when is my bin day? MB1 1AA"));
        for (StompTestClient tab : List.of(first, second)) {
            tab.awaitEvent(EVENTS, "message", e -> "r-1".equals(e.get("clientMessageId")));
            assertThat((String) tab.awaitEvent(EVENTS, "message", e -> "BOT".equals(e.get("sender")))
                            .get("text"))
                    .contains("MB1 1AA");
        }

        // The other tab asks for a person; both wait, both hear the agent join and speak.
        second.send("/app/resident/message", Map.of("clientMessageId", "r-2", "text", "I want to speak to a person"));
        for (StompTestClient tab : List.of(first, second)) {
            tab.awaitEvent(EVENTS, "message", e -> "r-2".equals(e.get("clientMessageId")));
            tab.awaitEvent(EVENTS, "status", e -> "WAITING".equals(e.get("state")));
        }
        StompTestClient sam = agent();
        sam.send("/app/agent/accept", Map.of("conversationId", conversationId));
        sam.awaitEvent(AGENT_EVENTS, "chat", e -> conversationId.equals(e.get("conversationId")));
        sam.send(
                "/app/agent/message",
                Map.of("conversationId", conversationId, "clientMessageId", "a-1", "text", "Hello, I'm Sam."));
        for (StompTestClient tab : List.of(first, second)) {
            tab.awaitEvent(EVENTS, "status", e -> "WITH_AGENT".equals(e.get("state")));
            tab.awaitEvent(EVENTS, "message", e -> "Hello, I'm Sam.".equals(e.get("text")));
        }

        List<Long> heardByFirst = messageSeqs(first.arrivedOn(EVENTS));
        assertThat(heardByFirst).as("every message, in order, once").isSorted().doesNotHaveDuplicates();
        assertThat(messageSeqs(second.arrivedOn(EVENTS))).isEqualTo(heardByFirst);
        // The second tab's hello was answered to it alone: the first tab was welcomed once.
        assertThat(first.arrivedOn(EVENTS))
                .filteredOn(e -> "welcome".equals(e.get("type")))
                .hasSize(1);
    }

    @Test
    void bothConsolesOfAnAgentSeeTheQueueAndEveryMessageOfTheirChat() {
        StompTestClient desk = agent();
        StompTestClient laptop = agent();
        TestCouncil.awaitPresence(presence, "agent", AgentPresence.Status.ONLINE);

        StompTestClient resident = resident(null);
        String conversationId =
                (String) resident.awaitEvent(EVENTS, "welcome", e -> true).get("conversationId");
        resident.send("/app/resident/message", Map.of("clientMessageId", "p-1", "text", "I want to speak to a person"));
        for (StompTestClient console : List.of(desk, laptop)) {
            console.awaitEvent(QUEUE, "queue", e -> e.toString().contains(conversationId));
        }

        desk.send("/app/agent/accept", Map.of("conversationId", conversationId));
        for (StompTestClient console : List.of(desk, laptop)) {
            console.awaitEvent(AGENT_EVENTS, "chat", e -> conversationId.equals(e.get("conversationId")));
        }
        resident.send("/app/resident/message", Map.of("clientMessageId", "p-2", "text", "My bin was missed"));
        laptop.send(
                "/app/agent/message",
                Map.of("conversationId", conversationId, "clientMessageId", "a-1", "text", "Sorry to hear that."));
        for (StompTestClient console : List.of(desk, laptop)) {
            console.awaitEvent(AGENT_EVENTS, "message", e -> "My bin was missed".equals(e.get("text")));
            console.awaitEvent(AGENT_EVENTS, "message", e -> "a-1".equals(e.get("clientMessageId")));
        }
        resident.awaitEvent(EVENTS, "message", e -> "Sorry to hear that.".equals(e.get("text")));

        // The resident's message and the laptop's reply were sent at the same moment from two connections, so their
        // events may arrive in either order; the console places messages by seq, so each console must get each
        // message exactly once, with consecutive numbers.
        List<Long> onTheDesk = messageSeqs(desk.arrivedOn(AGENT_EVENTS));
        assertThat(onTheDesk).hasSize(2).doesNotHaveDuplicates();
        assertThat(onTheDesk.stream().sorted().toList().get(1)
                        - onTheDesk.stream().sorted().toList().get(0))
                .isEqualTo(1);
        assertThat(messageSeqs(laptop.arrivedOn(AGENT_EVENTS))).containsExactlyInAnyOrderElementsOf(onTheDesk);
    }

    private static List<Long> messageSeqs(List<Map<String, Object>> events) {
        return events.stream()
                .filter(e -> "message".equals(e.get("type")))
                .map(e -> ((Number) e.get("seq")).longValue())
                .toList();
    }

    private StompTestClient resident(String resumeToken) {
        StompTestClient resident = StompTestClient.resident(port, resumeToken);
        clients.add(resident);
        return resident;
    }

    private StompTestClient agent() {
        StompTestClient agent = StompTestClient.agent(port, "agent", "agent-demo", AGENT_EVENTS, ERRORS, QUEUE);
        clients.add(agent);
        return agent;
    }
}
