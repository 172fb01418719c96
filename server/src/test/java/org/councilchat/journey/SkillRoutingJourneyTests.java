package org.councilchat.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.councilchat.journey.StompTestClient.AGENT_EVENTS;
import static org.councilchat.journey.StompTestClient.ERRORS;
import static org.councilchat.journey.StompTestClient.EVENTS;
import static org.councilchat.journey.StompTestClient.QUEUE;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.councilchat.handoff.AgentPresence;
import org.councilchat.handoff.AgentSeats;
import org.councilchat.handoff.Conversation;
import org.councilchat.handoff.Handoffs;
import org.councilchat.handoff.WaitingChat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Routing by skill with real STOMP clients, agents accepting from the queue (the default, offer mode). In the demo
 * accounts Sam ({@code agent}) handles waste, highways and environmental health; Alex ({@code agent2}) is a
 * generalist who also speaks Welsh. A chat's service here is the bot's {@code service} finding.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@Import(TestCouncil.FixedClock.class)
class SkillRoutingJourneyTests {

    @LocalServerPort
    int port;

    @Autowired
    AgentPresence presence;

    @Autowired
    Handoffs handoffs;

    @Autowired
    AgentSeats seats;

    @Autowired
    MockMvc mvc;

    private final List<StompTestClient> clients = new ArrayList<>();

    @DynamicPropertySource
    static void council(DynamicPropertyRegistry registry) {
        TestCouncil.configure(registry);
    }

    @AfterEach
    void hangUp() {
        endEveryChat(handoffs);
        clients.forEach(StompTestClient::close);
        awaitStatus("agent", AgentPresence.Status.OFFLINE);
        awaitStatus("agent2", AgentPresence.Status.OFFLINE);
        seats.change("agent", Set.of("en"), Set.of("waste", "highways", "environmental-health"), 3, "test");
    }

    @Test
    void aWasteChatIsMeantForTheWasteAgentWhileTheyAreFree() {
        StompTestClient sam = agentConnects("agent");
        StompTestClient alex = agentConnects("agent2").subscribe(QUEUE);
        awaitStatus("agent", AgentPresence.Status.ONLINE);
        awaitStatus("agent2", AgentPresence.Status.ONLINE);

        String conversationId = residentWaitsAbout("waste");

        // Everyone's waiting list shows the service, and that the chat is meant for Sam.
        Map<String, Object> queue = alex.awaitEvent(QUEUE, "queue", e -> entry(e, conversationId) != null);
        assertThat(entry(queue, conversationId))
                .containsEntry("service", "waste")
                .containsEntry("meantFor", List.of("agent"));

        alex.send("/app/agent/accept", Map.of("conversationId", conversationId));
        assertThat(alex.awaitEvent(ERRORS, "error", e -> true))
                .containsEntry("code", "specialist-available")
                .containsEntry(
                        "message",
                        "A colleague who handles this chat's service is free to take it. Leave it for them.");

        Map<String, Object> chat = take(sam, conversationId);
        assertThat(chat.get("context")).asString().contains("service=waste");
    }

    @Test
    void aGeneralistMayTakeAWasteChatWhenTheWasteAgentIsOffline() {
        StompTestClient alex = agentConnects("agent2");
        awaitStatus("agent2", AgentPresence.Status.ONLINE);
        String conversationId = residentWaitsAbout("waste");

        assertThat(take(alex, conversationId)).containsEntry("conversationId", conversationId);
    }

    @Test
    void aGeneralistMayTakeAWasteChatWhenTheWasteAgentIsFullAtTheLimitAnAdministratorSet() throws Exception {
        // The administrator lowers Sam's limit to one chat; routing and capacity use it at once.
        mvc.perform(post("/admin/agents/agent")
                        .with(user("admin").roles("ADMIN"))
                        .with(csrf())
                        .param("languages", "en")
                        .param("skills", "waste", "highways")
                        .param("maxChats", "1"))
                .andExpect(redirectedUrl("/admin"));
        assertThat(seats.seat("agent").orElseThrow().maxChats()).isEqualTo(1);

        StompTestClient sam = agentConnects("agent");
        StompTestClient alex = agentConnects("agent2");
        awaitStatus("agent", AgentPresence.Status.ONLINE);
        awaitStatus("agent2", AgentPresence.Status.ONLINE);
        take(sam, residentWaitsAbout("highways"));

        String waste = residentWaitsAbout("waste");
        sam.send("/app/agent/accept", Map.of("conversationId", waste));
        assertThat(sam.awaitEvent(ERRORS, "error", e -> true)).containsEntry("code", "at-capacity");
        assertThat(take(alex, waste)).containsEntry("conversationId", waste);
    }

    @Test
    void aChatPassedBackToTheQueueForAServiceIsRoutedByThatService() {
        StompTestClient sam = agentConnects("agent");
        StompTestClient alex = agentConnects("agent2");
        awaitStatus("agent", AgentPresence.Status.ONLINE);
        awaitStatus("agent2", AgentPresence.Status.ONLINE);
        String conversationId = residentWaitsAbout("council-tax");
        take(alex, conversationId);

        alex.send(
                "/app/agent/transfer",
                Map.of("conversationId", conversationId, "skill", "environmental-health", "note", "Noise complaint"));
        alex.awaitEvent(AGENT_EVENTS, "transferred", e -> conversationId.equals(e.get("conversationId")));

        alex.send("/app/agent/accept", Map.of("conversationId", conversationId));
        assertThat(alex.awaitEvent(ERRORS, "error", e -> true)).containsEntry("code", "specialist-available");
        assertThat(take(sam, conversationId).get("context")).asString().contains("service=environmental-health");
    }

    /** A resident whose chat reaches the queue with the bot's finding that it is about this service. */
    @Test
    void theServiceTheBotRecognisedRoutesTheChat() {
        StompTestClient alex = agentConnects("agent2").subscribe(QUEUE);
        agentConnects("agent");
        awaitStatus("agent", AgentPresence.Status.ONLINE);
        awaitStatus("agent2", AgentPresence.Status.ONLINE);
        StompTestClient resident = StompTestClient.resident(port, null);
        clients.add(resident);
        String conversationId =
                (String) resident.awaitEvent(EVENTS, "welcome", e -> true).get("conversationId");

        resident.send(
                "/app/resident/message",
                Map.of("clientMessageId", "p-1", "text", "there's a huge pothole on Station Road"));
        resident.awaitEvent(EVENTS, "message", e -> "BOT".equals(e.get("sender")));
        resident.send("/app/resident/message", Map.of("clientMessageId", "p-2", "text", "can I talk to a person"));
        resident.awaitEvent(EVENTS, "status", e -> "WAITING".equals(e.get("state")));

        // Nobody typed a service: the bot's rule for potholes says highways, and Sam handles highways.
        Map<String, Object> queue = alex.awaitEvent(QUEUE, "queue", e -> entry(e, conversationId) != null);
        assertThat(entry(queue, conversationId))
                .containsEntry("service", "highways")
                .containsEntry("meantFor", List.of("agent"));
    }

    private String residentWaitsAbout(String service) {
        StompTestClient resident = StompTestClient.resident(port, null);
        clients.add(resident);
        String conversationId =
                (String) resident.awaitEvent(EVENTS, "welcome", e -> true).get("conversationId");
        handoffs.requestAgent(
                conversationId, "RESIDENT_ASKED", Map.of("intent", "speak_to_person", "service", service));
        resident.awaitEvent(EVENTS, "status", e -> "WAITING".equals(e.get("state")));
        return conversationId;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> entry(Map<String, Object> queue, String conversationId) {
        return ((List<Map<String, Object>>) queue.get("waiting"))
                .stream()
                        .filter(chat -> conversationId.equals(chat.get("conversationId")))
                        .findFirst()
                        .orElse(null);
    }

    /** Ends every chat earlier steps left, waiting or with an agent, so each test starts with free agents. */
    static void endEveryChat(Handoffs handoffs) {
        handoffs.queue().stream().map(WaitingChat::conversationId).forEach(id -> handoffs.endByResident(id, false));
        handoffs.chatsWithAgents().stream().map(Conversation::id).forEach(id -> handoffs.endByResident(id, false));
    }

    private void awaitStatus(String agent, AgentPresence.Status expected) {
        TestCouncil.awaitPresence(presence, agent, expected);
    }

    private static Map<String, Object> take(StompTestClient agent, String conversationId) {
        agent.send("/app/agent/accept", Map.of("conversationId", conversationId));
        return agent.awaitEvent(AGENT_EVENTS, "chat", e -> conversationId.equals(e.get("conversationId")));
    }

    private StompTestClient agentConnects(String username) {
        StompTestClient agent = StompTestClient.agent(port, username, "agent-demo", AGENT_EVENTS, ERRORS);
        clients.add(agent);
        return agent;
    }
}
