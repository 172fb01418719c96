package org.councilchat.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.councilchat.journey.StompTestClient.AGENT_EVENTS;
import static org.councilchat.journey.StompTestClient.ERRORS;
import static org.councilchat.journey.StompTestClient.EVENTS;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.councilchat.handoff.AgentPresence;
import org.councilchat.handoff.AgentSeats;
import org.councilchat.handoff.Handoffs;
import org.councilchat.handoff.presence.OrphanedChats;
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
 * Agents' presence with real STOMP connections: an agent whose console drops gets a grace period to come
 * back; after it their chats go back to the front of the queue and the residents are told. An agent can only
 * hold so many chats. Presence is shared by every server through the database: a console connected to another
 * server counts here until that server's heartbeat goes stale. (Grace period of 2 seconds and 2 chats per agent
 * here; 60 s and 3 by default.)
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"council-chat.handoff.agent-grace-period=2s", "council-chat.handoff.max-chats-per-agent=2"})
@Import(TestCouncil.FixedClock.class)
class AgentPresenceJourneyTests {

    /** Another server sharing the database. */
    private static final String NODE_B = "node-b";

    @LocalServerPort
    int port;

    @Autowired
    AgentPresence presence;

    @Autowired
    OrphanedChats orphanedChats;

    @Autowired
    Handoffs handoffs;

    @Autowired
    AgentSeats seats;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    private final List<StompTestClient> clients = new ArrayList<>();

    @DynamicPropertySource
    static void council(DynamicPropertyRegistry registry) {
        TestCouncil.configure(registry, false); // the default: queue only when an adviser is online
    }

    @AfterEach
    void hangUp() {
        clients.forEach(StompTestClient::close);
        jdbc.sql("DELETE FROM agent_connection WHERE node_id = ?").param(NODE_B).update();
    }

    @Test
    void anAgentConnectedToAnotherServerIsOnlineHereUntilThatServersHeartbeatGoesStale() {
        awaitNobodyAvailable();
        Instant now = clock.instant();
        // As server B writes it: Alex's console is connected there, listening for chats, its heartbeat fresh.
        jdbc.sql("""
                        INSERT INTO agent_connection (node_id, connection_id, username, listening, heartbeat_at)
                        VALUES (?, 'console-1', 'agent2', TRUE, ?)""").params(NODE_B, utc(now)).update();
        assertThat(presence.status("agent2")).isEqualTo(AgentPresence.Status.ONLINE);
        assertThat(presence.receivingChats("agent2")).isTrue();

        StompTestClient resident = residentAsksForAPerson(); // queued: someone is online, on server B
        String conversationId = conversationOf(resident);
        assertThat(handoffs.assign(conversationId, seats.seat("agent2").orElseThrow()))
                .isTrue();
        assertThat(stateOf(conversationId)).isEqualTo("WITH_AGENT");

        // Server B dies: nobody rewrites its heartbeat, and five minutes on it is long past the grace period.
        Instant died = now.minus(Duration.ofMinutes(5));
        jdbc.sql("UPDATE agent_connection SET heartbeat_at = ? WHERE node_id = ?")
                .params(utc(died), NODE_B)
                .update();
        jdbc.sql("DELETE FROM agent_last_seen WHERE username = 'agent2'").update();
        lastSeen("agent2", died);
        assertThat(presence.status("agent2")).isEqualTo(AgentPresence.Status.OFFLINE);

        orphanedChats.returnOrphanedChats();

        Map<String, Object> notice = resident.awaitEvent(EVENTS, "message", e -> "SYSTEM".equals(e.get("sender")));
        assertThat((String) notice.get("text")).startsWith("Sorry, your adviser has lost their connection.");
        assertThat(stateOf(conversationId)).isEqualTo("WAITING");
        handoffs.endByResident(conversationId, false);
    }

    @Test
    void anAgentWhoDropsOutLosesTheirChatsToTheFrontOfTheQueueAfterTheGracePeriod() {
        StompTestClient sam = agentConnects("agent");
        awaitStatus("agent", AgentPresence.Status.ONLINE);
        StompTestClient resident = residentAsksForAPerson();
        String conversationId = conversationOf(resident);
        take(sam, conversationId);
        resident.awaitEvent(EVENTS, "status", e -> "WITH_AGENT".equals(e.get("state")));
        resident.forgetEarlier();

        sam.close();
        awaitStatus("agent", AgentPresence.Status.OFFLINE);

        Map<String, Object> notice = resident.awaitEvent(EVENTS, "message", e -> "SYSTEM".equals(e.get("sender")));
        assertThat((String) notice.get("text")).startsWith("Sorry, your adviser has lost their connection.");
        Map<String, Object> waiting = resident.awaitEvent(EVENTS, "status", e -> "WAITING".equals(e.get("state")));
        // Back in the queue with the time it first started waiting, ahead of anyone who asked later.
        assertThat(waiting.get("queuePosition")).isNotNull();

        // Another agent sees the chat and can take it, with everything said so far.
        StompTestClient alex = agentConnects("agent2");
        alex.send("/app/agent/accept", Map.of("conversationId", conversationId));
        Map<String, Object> chat =
                alex.awaitEvent(AGENT_EVENTS, "chat", e -> conversationId.equals(e.get("conversationId")));
        assertThat(chat.toString()).contains("I want to speak to a person", "lost their connection");
    }

    @Test
    void anAgentWhoReconnectsWithinTheGracePeriodKeepsTheirChats() throws InterruptedException {
        StompTestClient sam = agentConnects("agent");
        awaitStatus("agent", AgentPresence.Status.ONLINE);
        StompTestClient resident = residentAsksForAPerson();
        String conversationId = conversationOf(resident);
        take(sam, conversationId);

        sam.close();
        StompTestClient samAgain = agentConnects("agent"); // a page reload
        Thread.sleep(Duration.ofSeconds(3)); // longer than the grace period: nothing may happen

        List<StompTestClient.Received> heard = resident.unclaimed();
        int joined = heard.size() - 1;
        while (joined >= 0 && !"WITH_AGENT".equals(heard.get(joined).body().get("state"))) {
            joined--;
        }
        assertThat(joined).as("the resident heard the agent join").isNotNegative();
        assertThat(heard.subList(joined + 1, heard.size()))
                .noneMatch(received -> "WAITING".equals(received.body().get("state")))
                .noneMatch(received -> "SYSTEM".equals(received.body().get("sender")));
        samAgain.send(
                "/app/agent/message",
                Map.of("conversationId", conversationId, "clientMessageId", "a-9", "text", "Still here."));
        assertThat(resident.awaitEvent(EVENTS, "message", e -> "AGENT".equals(e.get("sender"))))
                .containsEntry("text", "Still here.");
    }

    @Test
    void withNoAdviserOnlineAResidentAskingForAPersonIsOfferedToLeaveAMessageNotAQueue() {
        awaitNobodyAvailable();
        StompTestClient resident = StompTestClient.resident(port, null);
        clients.add(resident);

        resident.send("/app/resident/message", Map.of("clientMessageId", "r-1", "text", "I want to speak to a person"));

        Map<String, Object> offer = resident.awaitEvent(EVENTS, "message", e -> "BOT".equals(e.get("sender")));
        assertThat((String) offer.get("text")).startsWith("Sorry, our advisers aren’t available right now.");
        assertThat(offer.toString()).contains("Leave a message").doesNotContain("Next available");
        assertThat(resident.unclaimed())
                .noneMatch(received -> "WAITING".equals(received.body().get("state")));
    }

    @Test
    void chatsLeftWithAnAgentWhoNeverCameBackAfterARestartGoBackToTheQueueAfterTheGracePeriod() {
        Instant now = clock.instant();
        // As a previous run left them: one agent last seen five minutes ago, one a second ago on another server.
        StompTestClient forgotten = StompTestClient.resident(port, null);
        StompTestClient stillServed = StompTestClient.resident(port, null);
        clients.addAll(List.of(forgotten, stillServed));
        // Last seen first: the server's own sweep runs every second, and a chat held by an agent it has no record
        // of would be put back before the record was written.
        lastSeen("agent-of-last-run", now.minus(Duration.ofMinutes(5)));
        lastSeen("agent-elsewhere", now.minusSeconds(1));
        String forgottenChat = heldSince(forgotten, "agent-of-last-run", now.minus(Duration.ofMinutes(10)));
        String servedChat = heldSince(stillServed, "agent-elsewhere", now.minus(Duration.ofMinutes(10)));

        orphanedChats.returnOrphanedChats();

        Map<String, Object> notice = forgotten.awaitEvent(EVENTS, "message", e -> "SYSTEM".equals(e.get("sender")));
        assertThat((String) notice.get("text")).startsWith("Sorry, your adviser has lost their connection.");
        assertThat(forgotten
                        .awaitEvent(EVENTS, "status", e -> "WAITING".equals(e.get("state")))
                        .get("queuePosition"))
                .isNotNull();
        assertThat(stateOf(forgottenChat)).isEqualTo("WAITING");
        assertThat(stateOf(servedChat)).as("within the grace period").isEqualTo("WITH_AGENT");
        assertThat(stillServed.unclaimed())
                .noneMatch(received -> "SYSTEM".equals(received.body().get("sender")));

        handoffs.endByResident(forgottenChat, false);
        handoffs.endByResident(servedChat, false);
    }

    @Test
    void anAgentCannotTakeMoreChatsThanTheirLimit() {
        StompTestClient sam = agentConnects("agent");
        awaitStatus("agent", AgentPresence.Status.ONLINE);
        take(sam, conversationOf(residentAsksForAPerson()));
        take(sam, conversationOf(residentAsksForAPerson()));
        String third = conversationOf(residentAsksForAPerson());

        sam.send("/app/agent/accept", Map.of("conversationId", third));

        assertThat(sam.awaitEvent(ERRORS, "error", e -> true))
                .containsEntry("code", "at-capacity")
                .containsEntry(
                        "message", "You already have as many chats as you can take. Close one before taking another.");

        // Away: still signed in and answering their chats, but nobody counts on them for new ones.
        sam.send("/app/agent/status", Map.of("status", "AWAY"));
        assertThat(sam.awaitEvent(AGENT_EVENTS, "presence", e -> true)).containsEntry("status", "AWAY");
        assertThat(presence.status("agent")).isEqualTo(AgentPresence.Status.AWAY);
        assertThat(presence.anyoneAvailable()).isFalse();
        sam.send("/app/agent/status", Map.of("status", "AVAILABLE"));
        assertThat(sam.awaitEvent(AGENT_EVENTS, "presence", e -> true)).containsEntry("status", "ONLINE");
        assertThat(presence.anyoneAvailable()).isTrue();
    }

    /** Agents of earlier tests may still be disconnecting. */
    private void awaitNobodyAvailable() {
        long deadline = System.nanoTime() + StompTestClient.PATIENCE.toNanos();
        while (presence.anyoneAvailable() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
        assertThat(presence.anyoneAvailable()).isFalse();
    }

    private void awaitStatus(String agent, AgentPresence.Status expected) {
        TestCouncil.awaitPresence(presence, agent, expected);
    }

    private StompTestClient residentAsksForAPerson() {
        StompTestClient resident = StompTestClient.resident(port, null);
        clients.add(resident);
        resident.send("/app/resident/message", Map.of("clientMessageId", "r-1", "text", "I want to speak to a person"));
        resident.awaitEvent(EVENTS, "status", e -> "WAITING".equals(e.get("state")));
        return resident;
    }

    /** The resident's chat, taken by an agent at {@code acceptedAt}: written to the database as a run would. */
    private String heldSince(StompTestClient resident, String agent, Instant acceptedAt) {
        String conversationId = conversationOf(resident);
        jdbc.sql("""
                        UPDATE conversation SET state = 'WITH_AGENT', agent_username = ?, agent_name = ?,
                          handoff_reason = 'RESIDENT_ASKED', waiting_since = ?, accepted_at = ?, updated_at = ?
                        WHERE id = ?""")
                .params(
                        agent,
                        "Agent " + agent,
                        utc(acceptedAt.minusSeconds(60)),
                        utc(acceptedAt),
                        utc(acceptedAt),
                        conversationId)
                .update();
        return conversationId;
    }

    private void lastSeen(String agent, Instant at) {
        jdbc.sql("INSERT INTO agent_last_seen (username, seen_at) VALUES (?, ?)")
                .params(agent, utc(at))
                .update();
    }

    private String stateOf(String conversationId) {
        return jdbc.sql("SELECT state FROM conversation WHERE id = ?")
                .param(conversationId)
                .query(String.class)
                .single();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String conversationOf(StompTestClient resident) {
        return (String) resident.awaitEvent(EVENTS, "welcome", e -> true).get("conversationId");
    }

    private static void take(StompTestClient agent, String conversationId) {
        agent.send("/app/agent/accept", Map.of("conversationId", conversationId));
        agent.awaitEvent(AGENT_EVENTS, "chat", e -> conversationId.equals(e.get("conversationId")));
    }

    private StompTestClient agentConnects(String username) {
        StompTestClient agent = StompTestClient.agent(port, username, "agent-demo", AGENT_EVENTS, ERRORS);
        clients.add(agent);
        return agent;
    }
}
