package org.councilchat.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.councilchat.journey.StompTestClient.AGENT_EVENTS;
import static org.councilchat.journey.StompTestClient.ERRORS;
import static org.councilchat.journey.StompTestClient.EVENTS;
import static org.councilchat.journey.StompTestClient.QUEUE;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.councilchat.handoff.Handoffs;
import org.councilchat.handoff.ResidentPresence;
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
 * No ghosts in the queue, over real STOMP connections: a resident waiting for or chatting with an agent who closes
 * the page and does not come back within the grace period (2 minutes) has left. The clock is fixed (see
 * {@link TestCouncil}), so each test moves the resident's time away back by three minutes and runs the check
 * itself, as the check every 30 seconds would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestCouncil.FixedClock.class)
class ResidentsWhoLeftJourneyTests {

    @LocalServerPort
    int port;

    @Autowired
    ResidentPresence residents;

    @Autowired
    Handoffs handoffs;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    private final List<StompTestClient> clients = new ArrayList<>();

    @DynamicPropertySource
    static void council(DynamicPropertyRegistry registry) {
        TestCouncil.configure(registry);
    }

    @AfterEach
    void hangUp() {
        clients.forEach(StompTestClient::close);
    }

    @Test
    void aWaitingResidentWhoClosedThePageLeavesTheQueueAfterTheGracePeriodAndNotBefore() {
        StompTestClient agent = agentConnects("agent");
        StompTestClient resident = residentConnects(null);
        Map<String, Object> welcome = resident.awaitEvent(EVENTS, "welcome", e -> true);
        String conversationId = (String) welcome.get("conversationId");
        askForAPerson(resident);
        agent.awaitEvent(QUEUE, "queue", queue -> waitingIds(queue).contains(conversationId));

        resident.close();
        awaitUntil("the resident's time away to start", () -> away(conversationId));
        assertThat(residents.residentsWhoLeft())
                .as("gone for less than the grace period: still waiting")
                .doesNotContain(conversationId);
        assertThat(stateOf(conversationId)).isEqualTo("WAITING");

        awayForThreeMinutes(conversationId);
        assertThat(residents.residentsWhoLeft()).contains(conversationId);
        assertThat(jdbc.sql("SELECT state || ' ' || outcome FROM conversation WHERE id = ?")
                        .param(conversationId)
                        .query(String.class)
                        .single())
                .isEqualTo("CLOSED " + Handoffs.RESIDENT_LEFT);
        agent.awaitEvent(QUEUE, "queue", queue -> !waitingIds(queue).contains(conversationId));
        assertThat(handoffs.queue())
                .noneMatch(waiting -> waiting.conversationId().equals(conversationId));

        // Coming back later, they find the chat ended, not a queue place that was never theirs any more.
        StompTestClient back = residentConnects((String) welcome.get("resumeToken"));
        assertThat(back.awaitEvent(EVENTS, "welcome", e -> true)).containsEntry("conversationId", conversationId);
        back.awaitEvent(EVENTS, "status", e -> "CLOSED".equals(e.get("state")));
    }

    @Test
    void aResidentWithAnotherPageStillOpenHasNotLeft() {
        StompTestClient firstTab = residentConnects(null);
        Map<String, Object> welcome = firstTab.awaitEvent(EVENTS, "welcome", e -> true);
        String conversationId = (String) welcome.get("conversationId");
        askForAPerson(firstTab);
        StompTestClient secondTab = residentConnects((String) welcome.get("resumeToken"));
        secondTab.awaitEvent(EVENTS, "welcome", e -> true);

        firstTab.close();
        awaitUntil("the first tab's connection to be gone", () -> pagesOf(conversationId) == 1);
        assertThat(away(conversationId)).as("one page is still open").isFalse();
        assertThat(residents.residentsWhoLeft()).doesNotContain(conversationId);
        assertThat(stateOf(conversationId)).isEqualTo("WAITING");
        handoffs.endByResident(conversationId, false);
    }

    @Test
    void anAgentIsToldTheirResidentHasLeftAndThatTheyCameBack() {
        StompTestClient agent = agentConnects("agent2");
        StompTestClient resident = residentConnects(null);
        Map<String, Object> welcome = resident.awaitEvent(EVENTS, "welcome", e -> true);
        String conversationId = (String) welcome.get("conversationId");
        askForAPerson(resident);
        agent.send("/app/agent/accept", Map.of("conversationId", conversationId));
        agent.awaitEvent(AGENT_EVENTS, "chat", e -> conversationId.equals(e.get("conversationId")));
        resident.awaitEvent(EVENTS, "status", e -> "WITH_AGENT".equals(e.get("state")));

        resident.close();
        awaitUntil("the resident's time away to start", () -> away(conversationId));
        awayForThreeMinutes(conversationId);
        assertThat(residents.residentsWhoLeft()).contains(conversationId);
        assertThat(agent.awaitEvent(AGENT_EVENTS, "resident", e -> conversationId.equals(e.get("conversationId"))))
                .containsEntry("present", false);
        assertThat(stateOf(conversationId)).as("the chat stays with the agent").isEqualTo("WITH_AGENT");
        assertThat(agent.subscribeForList("/app/agent/chats"))
                .as("a console that reloads still shows the resident gone")
                .anySatisfy(chat -> assertThat(chat)
                        .containsEntry("conversationId", conversationId)
                        .containsEntry("residentLeft", true));
        assertThat(residents.residentsWhoLeft()).as("told once").doesNotContain(conversationId);

        StompTestClient back = residentConnects((String) welcome.get("resumeToken"));
        back.awaitEvent(EVENTS, "welcome", e -> conversationId.equals(e.get("conversationId")));
        assertThat(agent.awaitEvent(
                        AGENT_EVENTS,
                        "resident",
                        e -> conversationId.equals(e.get("conversationId")) && Boolean.TRUE.equals(e.get("present"))))
                .containsEntry("present", true);
        agent.send("/app/agent/close", Map.of("conversationId", conversationId, "outcome", "RESOLVED"));
        back.awaitEvent(EVENTS, "status", e -> "CLOSED".equals(e.get("state")));
    }

    @Test
    void anUrgentChatWhoseResidentLeftBecomesAnUrgentCaseRatherThanVanishing() {
        StompTestClient resident = residentConnects(null);
        String conversationId =
                (String) resident.awaitEvent(EVENTS, "welcome", e -> true).get("conversationId");
        askForAPerson(resident);
        handoffs.makeUrgent(conversationId, "SAFEGUARDING", Map.of("contact", "07700 900123"));

        resident.close();
        awaitUntil("the resident's time away to start", () -> away(conversationId));
        awayForThreeMinutes(conversationId);
        assertThat(residents.residentsWhoLeft()).contains(conversationId);

        Map<String, Object> followUp = jdbc.sql(
                        "SELECT urgent, contact, message, transcript FROM resident_case WHERE conversation_id = ?")
                .param(conversationId)
                .query()
                .singleRow();
        assertThat(followUp.get("urgent")).isEqualTo(true);
        assertThat(followUp.get("contact")).isEqualTo("07700 900123");
        assertThat((String) followUp.get("message")).contains("left before an adviser answered");
        assertThat((String) followUp.get("transcript")).contains("I want to speak to a person");
    }

    private void askForAPerson(StompTestClient resident) {
        resident.send("/app/resident/message", Map.of("clientMessageId", "r-1", "text", "I want to speak to a person"));
        resident.awaitEvent(EVENTS, "status", e -> "WAITING".equals(e.get("state")));
    }

    private void awayForThreeMinutes(String conversationId) {
        jdbc.sql("UPDATE conversation SET resident_away_since = ? WHERE id = ?")
                .params(clock.instant().minus(Duration.ofMinutes(3)).atOffset(ZoneOffset.UTC), conversationId)
                .update();
    }

    private boolean away(String conversationId) {
        return jdbc.sql("SELECT COUNT(*) FROM conversation WHERE id = ? AND resident_away_since IS NOT NULL")
                        .param(conversationId)
                        .query(Integer.class)
                        .single()
                == 1;
    }

    private int pagesOf(String conversationId) {
        return jdbc.sql("SELECT COUNT(*) FROM resident_connection WHERE conversation_id = ?")
                .param(conversationId)
                .query(Integer.class)
                .single();
    }

    private String stateOf(String conversationId) {
        return jdbc.sql("SELECT state FROM conversation WHERE id = ?")
                .param(conversationId)
                .query(String.class)
                .single();
    }

    private static void awaitUntil(String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + StompTestClient.PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (done.getAsBoolean()) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        throw new AssertionError("Waited " + StompTestClient.PATIENCE + " for " + what);
    }

    private StompTestClient residentConnects(String token) {
        StompTestClient resident = StompTestClient.resident(port, token);
        clients.add(resident);
        return resident;
    }

    private StompTestClient agentConnects(String username) {
        StompTestClient agent = StompTestClient.agent(port, username, "agent-demo", AGENT_EVENTS, ERRORS, QUEUE);
        clients.add(agent);
        return agent;
    }

    @SuppressWarnings("unchecked")
    private static List<String> waitingIds(Map<String, Object> queue) {
        return ((List<Map<String, Object>>) queue.get("waiting"))
                .stream().map(w -> (String) w.get("conversationId")).toList();
    }
}
