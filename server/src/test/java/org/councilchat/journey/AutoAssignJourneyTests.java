package org.councilchat.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.councilchat.journey.StompTestClient.AGENT_EVENTS;
import static org.councilchat.journey.StompTestClient.ERRORS;
import static org.councilchat.journey.StompTestClient.EVENTS;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.councilchat.handoff.AgentPresence;
import org.councilchat.handoff.AgentSeats;
import org.councilchat.handoff.Handoffs;
import org.councilchat.handoff.WaitingChat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Auto-assignment ({@code council-chat.handoff.assignment=auto}) with real STOMP clients: nobody accepts; each
 * waiting chat is given to the fittest free agent, whose console gets it as after an accept, and the resident is
 * told who joined. Sam ({@code agent}) handles waste; Alex ({@code agent2}) is a generalist.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "council-chat.handoff.assignment=auto")
@Import(TestCouncil.FixedClock.class)
class AutoAssignJourneyTests {

    private static final String SAM = "Sam (demo agent)";

    @LocalServerPort
    int port;

    @Autowired
    AgentPresence presence;

    @Autowired
    Handoffs handoffs;

    @Autowired
    AgentSeats seats;

    private final List<StompTestClient> clients = new ArrayList<>();

    @DynamicPropertySource
    static void council(DynamicPropertyRegistry registry) {
        TestCouncil.configure(registry); // residents queue even before an agent signs in
    }

    @AfterEach
    void hangUp() {
        clients.forEach(StompTestClient::close);
        awaitUntil(
                "agents offline",
                () -> presence.status("agent") == AgentPresence.Status.OFFLINE
                        && presence.status("agent2") == AgentPresence.Status.OFFLINE);
        SkillRoutingJourneyTests.endEveryChat(handoffs);
        presence.setAway("agent", false);
        seats.change("agent", Set.of("en"), Set.of("waste", "highways", "environmental-health"), 3, "test");
    }

    @Test
    void aChatIsGivenToAFreeAgentAsSoonAsTheResidentAsksForAPerson() {
        StompTestClient sam = agentReady("agent");

        StompTestClient resident = residentAsksForAPerson();
        String conversationId = conversationOf(resident);

        Map<String, Object> chat =
                sam.awaitEvent(AGENT_EVENTS, "chat", e -> conversationId.equals(e.get("conversationId")));
        assertThat(chat.toString()).contains("I want to speak to a person");
        assertThat(resident.awaitEvent(EVENTS, "status", e -> "WITH_AGENT".equals(e.get("state"))))
                .containsEntry("agentName", SAM);
        sam.send(
                "/app/agent/message",
                Map.of("conversationId", conversationId, "clientMessageId", "a-1", "text", "Hello, I'm Sam."));
        assertThat(resident.awaitEvent(EVENTS, "message", e -> "AGENT".equals(e.get("sender"))))
                .containsEntry("text", "Hello, I'm Sam.");
    }

    @Test
    void aWaitingChatIsGivenToAnAgentWhenTheyComeOnlineAndWhenTheyComeBackFromAway() {
        StompTestClient first = residentAsksForAPerson();
        String firstId = conversationOf(first);

        StompTestClient sam = agentReady("agent");
        sam.awaitEvent(AGENT_EVENTS, "chat", e -> firstId.equals(e.get("conversationId")));
        first.awaitEvent(EVENTS, "status", e -> "WITH_AGENT".equals(e.get("state")));

        sam.send("/app/agent/status", Map.of("status", "AWAY"));
        sam.awaitEvent(AGENT_EVENTS, "presence", e -> "AWAY".equals(e.get("status")));
        String secondId = conversationOf(residentAsksForAPerson());
        assertThat(waitingIds()).contains(secondId);

        sam.send("/app/agent/status", Map.of("status", "AVAILABLE"));
        sam.awaitEvent(AGENT_EVENTS, "chat", e -> secondId.equals(e.get("conversationId")));
    }

    @Test
    void anAgentIsNeverGivenMoreChatsThanTheirLimitAndAFreedPlaceIsFilledAtOnce() throws Exception {
        seats.change("agent", Set.of("en"), Set.of("waste"), 2, "admin");
        StompTestClient sam = agentReady("agent");
        String first = conversationOf(residentAsksForAPerson());
        String second = conversationOf(residentAsksForAPerson());
        sam.awaitEvent(AGENT_EVENTS, "chat", e -> first.equals(e.get("conversationId")));
        sam.awaitEvent(AGENT_EVENTS, "chat", e -> second.equals(e.get("conversationId")));

        StompTestClient third = residentAsksForAPerson();
        String thirdId = conversationOf(third);
        settle();
        assertThat(handoffs.chatsHeldBy("agent")).hasSize(2);
        assertThat(waitingIds()).contains(thirdId);

        sam.send("/app/agent/close", Map.of("conversationId", first, "outcome", "RESOLVED"));
        sam.awaitEvent(AGENT_EVENTS, "chat", e -> thirdId.equals(e.get("conversationId")));
        assertThat(third.awaitEvent(EVENTS, "status", e -> "WITH_AGENT".equals(e.get("state"))))
                .containsEntry("agentName", SAM);
        assertThat(handoffs.chatsHeldBy("agent")).hasSize(2);
    }

    @Test
    void twoChatsArrivingAtOnceForOneFreePlaceOnlyOneIsGiven() throws Exception {
        seats.change("agent", Set.of("en"), Set.of("waste"), 1, "admin");
        StompTestClient sam = agentReady("agent");
        String first = conversationOf(residentWelcomed());
        String second = conversationOf(residentWelcomed());

        CountDownLatch go = new CountDownLatch(1);
        var arrivals = List.of(first, second).stream()
                .map(id -> CompletableFuture.runAsync(() -> {
                    awaitQuietly(go);
                    handoffs.requestAgent(id, "RESIDENT_ASKED", Map.of("intent", "speak_to_person"));
                }))
                .toList();
        go.countDown();
        CompletableFuture.allOf(arrivals.toArray(CompletableFuture[]::new)).get();

        sam.awaitEvent(AGENT_EVENTS, "chat", e -> true);
        settle();
        assertThat(handoffs.chatsHeldBy("agent")).hasSize(1);
        assertThat(waitingIds()).containsAnyOf(first, second).hasSize(1);
        assertThat(sam.unclaimed())
                .as("only one chat reached Sam's console")
                .noneMatch(received -> "chat".equals(received.body().get("type")));
    }

    @Test
    void aChatWaitingWhenTwoAgentsComeOnlineAtOnceIsGivenToExactlyOne() throws Exception {
        String conversationId = conversationOf(residentAsksForAPerson());

        CountDownLatch go = new CountDownLatch(1);
        var connecting = List.of("agent", "agent2").stream()
                .map(username -> CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(go);
                    return agentConnects(username);
                }))
                .toList();
        go.countDown();
        List<StompTestClient> agents =
                connecting.stream().map(CompletableFuture::join).toList();

        awaitUntil(
                "the chat to be given",
                () -> handoffs.chatsWithAgents().stream()
                        .anyMatch(chat -> chat.id().equals(conversationId)));
        settle();
        long consolesGivenIt = agents.stream()
                .filter(agent -> agent.unclaimed().stream()
                        .anyMatch(received -> "chat".equals(received.body().get("type"))
                                && conversationId.equals(received.body().get("conversationId"))))
                .count();
        assertThat(consolesGivenIt).isEqualTo(1);
    }

    @Test
    void aWasteChatGoesToTheWasteAgentAndAChatForAnyoneToTheAgentWithFewestChats() {
        StompTestClient sam = agentReady("agent");
        StompTestClient alex = agentReady("agent2");

        StompTestClient resident = residentWelcomed();
        String waste = conversationOf(resident);
        handoffs.requestAgent(waste, "RESIDENT_ASKED", Map.of("intent", "missed_bin", "service", "waste"));
        assertThat(sam.awaitEvent(AGENT_EVENTS, "chat", e -> waste.equals(e.get("conversationId")))
                        .get("context"))
                .asString()
                .contains("service=waste");

        // Sam now has one chat and Alex none: a chat anyone may take goes to Alex.
        String anyone = conversationOf(residentAsksForAPerson());
        alex.awaitEvent(AGENT_EVENTS, "chat", e -> anyone.equals(e.get("conversationId")));
    }

    private List<String> waitingIds() {
        return handoffs.queue().stream().map(WaitingChat::conversationId).toList();
    }

    /** Gives auto-assignment time to do anything more it was going to do (it runs on its own thread). */
    private static void settle() throws InterruptedException {
        Thread.sleep(Duration.ofMillis(1500));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitUntil(String what, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + StompTestClient.PATIENCE.toNanos();
        while (!condition.get() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(condition.get()).as(what).isTrue();
    }

    private StompTestClient residentWelcomed() {
        StompTestClient resident = StompTestClient.resident(port, null);
        clients.add(resident);
        return resident;
    }

    private StompTestClient residentAsksForAPerson() {
        StompTestClient resident = residentWelcomed();
        resident.send("/app/resident/message", Map.of("clientMessageId", "r-1", "text", "I want to speak to a person"));
        resident.awaitEvent(EVENTS, "status", e -> "WAITING".equals(e.get("state")));
        return resident;
    }

    private static String conversationOf(StompTestClient resident) {
        return (String) resident.awaitEvent(EVENTS, "welcome", e -> true).get("conversationId");
    }

    /** An agent whose console is connected and listening, so auto-assignment counts on them. */
    private StompTestClient agentReady(String username) {
        StompTestClient agent = agentConnects(username);
        awaitUntil(username + " to be receiving chats", () -> presence.receivingChats(username));
        return agent;
    }

    private StompTestClient agentConnects(String username) {
        StompTestClient agent = StompTestClient.agent(port, username, "agent-demo", AGENT_EVENTS, ERRORS);
        synchronized (clients) {
            clients.add(agent);
        }
        return agent;
    }
}
