package org.councilchat.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.councilchat.journey.StompTestClient.AGENT_EVENTS;
import static org.councilchat.journey.StompTestClient.ERRORS;
import static org.councilchat.journey.StompTestClient.EVENTS;

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
 * What a busy contact centre's agents do with a chat beyond replying, with real STOMP clients: internal notes
 * (which never reach the resident), passing a chat to a colleague or back to the queue for a service, and
 * Welsh chats going to Welsh speakers. In the demo accounts Sam ({@code agent}) speaks English and Alex
 * ({@code agent2}) English and Welsh.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestCouncil.FixedClock.class)
class AgentConsoleJourneyTests {

    private static final String NOTE = "Resident sounds worried about arrears; check the account first";

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
        awaitStatus("agent", AgentPresence.Status.OFFLINE);
        awaitStatus("agent2", AgentPresence.Status.OFFLINE);
    }

    @Test
    void internalNotesReachAgentsButNeverTheResident() {
        StompTestClient resident = residentAsksForAPerson("en");
        String conversationId = conversationOf(resident);
        StompTestClient sam = agentConnects("agent");
        take(sam, conversationId);

        sam.send("/app/agent/note", Map.of("conversationId", conversationId, "text", NOTE));
        Map<String, Object> note = sam.awaitEvent(AGENT_EVENTS, "note", e -> true);
        assertThat(note)
                .containsEntry("conversationId", conversationId)
                .containsEntry("kind", "NOTE")
                .containsEntry("authorName", "Sam (demo agent)")
                .containsEntry("text", NOTE);
        sam.send(
                "/app/agent/message",
                Map.of("conversationId", conversationId, "clientMessageId", "a-1", "text", "Hello, I'm Sam."));
        resident.awaitEvent(EVENTS, "message", e -> "Hello, I'm Sam.".equals(e.get("text")));

        // The whole transcript again, as after a reload: still no note.
        resident.hello(Map.of("lastSeq", 0, "language", "en"));
        resident.awaitEvent(EVENTS, "status", e -> "WITH_AGENT".equals(e.get("state")));
        resident.awaitEvent(EVENTS, "status", e -> "WITH_AGENT".equals(e.get("state")));
        assertThat(resident.unclaimed())
                .as("everything the resident received")
                .isNotEmpty()
                .noneMatch(received -> received.body().toString().contains("arrears"))
                .noneMatch(received -> "note".equals(received.body().get("type")));

        // A blank note is refused, and only the agent holding the chat may write one.
        sam.send("/app/agent/note", Map.of("conversationId", conversationId, "text", "  "));
        assertThat(sam.awaitEvent(ERRORS, "error", e -> true)).containsEntry("code", "note-empty");
        StompTestClient alex = agentConnects("agent2");
        alex.send("/app/agent/note", Map.of("conversationId", conversationId, "text", "Not my chat"));
        assertThat(alex.awaitEvent(ERRORS, "error", e -> true)).containsEntry("code", "not-your-chat");
    }

    @Test
    void notesAndTransferNotesKeepNoCardNumberAndBidiControlsLeftOpenAreTakenOut() {
        StompTestClient resident = residentAsksForAPerson("en");
        String conversationId = conversationOf(resident);
        StompTestClient sam = agentConnects("agent");
        take(sam, conversationId);

        sam.send("/app/agent/note", Map.of("conversationId", conversationId, "text", "\u00A0\u200B"));
        assertThat(sam.awaitEvent(ERRORS, "error", e -> true)).containsEntry("code", "note-empty");
        sam.send(
                "/app/agent/note",
                Map.of("conversationId", conversationId, "text", "Read out card 4111 1111 1111 1111 \u202Eby mistake"));
        assertThat(sam.awaitEvent(AGENT_EVENTS, "note", e -> true))
                .containsEntry("text", "Read out card [card number removed] by mistake");
        StompTestClient alex = agentConnects("agent2");

        sam.send(
                "/app/agent/transfer",
                Map.of("conversationId", conversationId, "toAgent", "agent2", "note", "Card was 5555-5555-5555-4444"));

        Map<String, Object> chat =
                alex.awaitEvent(AGENT_EVENTS, "chat", e -> conversationId.equals(e.get("conversationId")));
        assertThat(chat.get("notes").toString())
                .contains("Card was [card number removed]", "Read out card [card number removed] by mistake")
                .doesNotContain("4111", "5555", "\u202E");
        // Ended, so that Alex's chat limit is left for the other tests in this class.
        resident.send("/app/resident/end", Map.of("timedOut", false));
        resident.awaitEvent(EVENTS, "status", e -> "CLOSED".equals(e.get("state")));
    }

    @Test
    void anAgentPassesAChatToAnOnlineColleagueWhoSeesEverythingAndTheResidentIsTold() {
        StompTestClient resident = residentAsksForAPerson("en");
        String conversationId = conversationOf(resident);
        StompTestClient sam = agentConnects("agent");
        take(sam, conversationId);
        sam.send("/app/agent/note", Map.of("conversationId", conversationId, "text", NOTE));
        sam.awaitEvent(AGENT_EVENTS, "note", e -> true);
        StompTestClient alex = agentConnects("agent2");

        sam.send(
                "/app/agent/transfer",
                Map.of("conversationId", conversationId, "toAgent", "agent2", "note", "Council tax question"));

        Map<String, Object> passed = sam.awaitEvent(AGENT_EVENTS, "transferred", e -> true);
        assertThat(passed)
                .containsEntry("conversationId", conversationId)
                .containsEntry("toAgentName", "Alex (demo agent)");
        Map<String, Object> chat =
                alex.awaitEvent(AGENT_EVENTS, "chat", e -> conversationId.equals(e.get("conversationId")));
        assertThat(chat).containsEntry("transferredFrom", "Sam (demo agent)");
        assertThat(chat.get("transcript").toString()).contains("I want to speak to a person");
        assertThat(chat.get("notes").toString()).contains(NOTE, "Council tax question", "TRANSFER");

        Map<String, Object> notice = resident.awaitEvent(EVENTS, "message", e -> "SYSTEM".equals(e.get("sender")));
        assertThat(notice.get("text"))
                .isEqualTo("You’re now chatting with Alex (demo agent), who can see everything said so far.");
        assertThat(resident.awaitEvent(EVENTS, "status", e -> "Alex (demo agent)".equals(e.get("agentName"))))
                .containsEntry("state", "WITH_AGENT");
        assertThat(alex.awaitEvent(AGENT_EVENTS, "message", e -> "SYSTEM".equals(e.get("sender"))))
                .containsEntry("conversationId", conversationId);

        // The chat is Alex's now: Alex's replies reach the resident, Sam's are refused.
        alex.send(
                "/app/agent/message",
                Map.of("conversationId", conversationId, "clientMessageId", "a-2", "text", "Hi, Alex here."));
        resident.awaitEvent(EVENTS, "message", e -> "Hi, Alex here.".equals(e.get("text")));
        sam.send(
                "/app/agent/message",
                Map.of("conversationId", conversationId, "clientMessageId", "a-3", "text", "Still me?"));
        assertThat(sam.awaitEvent(ERRORS, "error", e -> true)).containsEntry("code", "not-your-chat");
        assertThat(resident.unclaimed())
                .noneMatch(received -> received.body().toString().contains("Council tax question"));
    }

    @Test
    void anAgentPassesAChatBackToTheQueueForAServiceWithANoteTheNextAgentSees() {
        StompTestClient resident = residentAsksForAPerson("en");
        String conversationId = conversationOf(resident);
        StompTestClient sam = agentConnects("agent");
        take(sam, conversationId);

        sam.send(
                "/app/agent/transfer",
                Map.of("conversationId", conversationId, "skill", "council-tax", "note", "Wants to pay monthly"));

        assertThat(sam.awaitEvent(AGENT_EVENTS, "transferred", e -> true))
                .containsEntry("conversationId", conversationId)
                .containsEntry("skill", "council-tax");
        Map<String, Object> notice = resident.awaitEvent(EVENTS, "message", e -> "SYSTEM".equals(e.get("sender")));
        assertThat((String) notice.get("text")).startsWith("Your adviser has passed your chat to a colleague");
        // A place in the queue (other tests in this class may have left chats waiting, all at the test clock's time).
        assertThat(resident.awaitEvent(EVENTS, "status", e -> "WAITING".equals(e.get("state"))))
                .containsKey("queuePosition");

        StompTestClient alex = agentConnects("agent2").subscribe("/app/agent/queue");
        Map<String, Object> queue = alex.awaitEvent("/app/agent/queue", "queue", e -> true);
        assertThat(queue.get("waiting").toString()).contains(conversationId, "skill=council-tax");
        assertThat(queue.toString()).doesNotContain("Wants to pay monthly");
        Map<String, Object> chat = take(alex, conversationId);
        assertThat(chat.get("notes").toString()).contains("Wants to pay monthly", "Sam (demo agent)");
        assertThat(resident.unclaimed())
                .noneMatch(received -> received.body().toString().contains("pay monthly"));
    }

    @Test
    void anAgentGivesAChatBackToTheBotWhichAnswersTheResidentsNextQuestion() {
        StompTestClient resident = residentAsksForAPerson("en");
        String conversationId = conversationOf(resident);
        // Sam and Alex are busy with earlier tests' chats; the supervisor takes this one.
        StompTestClient sam = agentConnects("supervisor");
        take(sam, conversationId);

        sam.send("/app/agent/transfer", Map.of("conversationId", conversationId, "toBot", true));

        assertThat(sam.awaitEvent(AGENT_EVENTS, "transferred", e -> true)).containsEntry("toBot", true);
        Map<String, Object> notice = resident.awaitEvent(EVENTS, "message", e -> "SYSTEM".equals(e.get("sender")));
        assertThat((String) notice.get("text")).startsWith("You’re back with our automated helper.");
        resident.awaitEvent(EVENTS, "status", e -> "BOT".equals(e.get("state")));

        resident.send(
                "/app/resident/message",
                Map.of("clientMessageId", "r-9", "text", "can I pay my council tax in instalments"));
        // The bot answers again (the resident's earlier messages are already in `seen`, so wait for this one).
        assertThat(resident.awaitEvent(
                        EVENTS,
                        "message",
                        e -> "BOT".equals(e.get("sender"))
                                && String.valueOf(e.get("text"))
                                        .toLowerCase(java.util.Locale.ROOT)
                                        .contains("instalment")))
                .isNotNull();
        sam.send(
                "/app/agent/message",
                Map.of("conversationId", conversationId, "clientMessageId", "a-9", "text", "Still me?"));
        assertThat(sam.awaitEvent(ERRORS, "error", e -> true)).containsEntry("code", "not-your-chat");
    }

    @Test
    void aChatCannotBePassedToAColleagueWhoIsNotOnlineOrToAnUnknownService() {
        StompTestClient resident = residentAsksForAPerson("en");
        String conversationId = conversationOf(resident);
        StompTestClient sam = agentConnects("agent");
        take(sam, conversationId);

        sam.send("/app/agent/transfer", Map.of("conversationId", conversationId, "toAgent", "agent2"));
        assertThat(sam.awaitEvent(ERRORS, "error", e -> true))
                .containsEntry("code", "colleague-unavailable")
                .containsEntry(
                        "message",
                        "That colleague is not available just now (away or signed out). Choose someone online, or"
                                + " pass the chat back to the queue.");
        sam.send("/app/agent/transfer", Map.of("conversationId", conversationId, "skill", "astrology"));
        assertThat(sam.awaitEvent(ERRORS, "error", e -> true)).containsEntry("code", "bad-skill");

        // Still Sam's chat: a reply goes through.
        sam.send(
                "/app/agent/message",
                Map.of("conversationId", conversationId, "clientMessageId", "a-1", "text", "Still with you."));
        resident.awaitEvent(EVENTS, "message", e -> "Still with you.".equals(e.get("text")));
        assertThat(resident.unclaimed())
                .noneMatch(received -> "SYSTEM".equals(received.body().get("sender")));
    }

    @Test
    void welshChatsGoToAWelshSpeakerWhileOneIsFree() {
        StompTestClient resident = residentAsksForAPerson("cy");
        String conversationId = conversationOf(resident);
        StompTestClient sam = agentConnects("agent").subscribe("/app/agent/queue");
        StompTestClient alex = agentConnects("agent2");
        Map<String, Object> queue = sam.awaitEvent("/app/agent/queue", "queue", e -> true);
        assertThat(queue.get("waiting").toString()).contains("language=cy");

        sam.send("/app/agent/accept", Map.of("conversationId", conversationId));
        assertThat(sam.awaitEvent(ERRORS, "error", e -> true))
                .containsEntry("code", "speaker-available")
                .containsEntry(
                        "message",
                        "This chat is in Welsh and a Welsh-speaking colleague is free to take it. Leave it for them.");

        assertThat(take(alex, conversationId)).containsEntry("language", "cy");
    }

    @Test
    void anyoneMayTakeAWelshChatWhenNoWelshSpeakerIsFree() {
        StompTestClient resident = residentAsksForAPerson("cy");
        String conversationId = conversationOf(resident);
        StompTestClient alex = agentConnects("agent2");
        alex.send("/app/agent/status", Map.of("status", "AWAY"));
        alex.awaitEvent(AGENT_EVENTS, "presence", e -> "AWAY".equals(e.get("status")));
        StompTestClient sam = agentConnects("agent");

        take(sam, conversationId);
        alex.send("/app/agent/status", Map.of("status", "AVAILABLE"));
        alex.awaitEvent(AGENT_EVENTS, "presence", e -> "ONLINE".equals(e.get("status")));
    }

    private void awaitStatus(String agent, AgentPresence.Status expected) {
        TestCouncil.awaitPresence(presence, agent, expected);
    }

    /** A resident who asks for a person in English, then (for {@code cy}) switches the chat to Welsh. */
    private StompTestClient residentAsksForAPerson(String language) {
        StompTestClient resident = StompTestClient.resident(port, null);
        clients.add(resident);
        resident.send("/app/resident/message", Map.of("clientMessageId", "r-1", "text", "I want to speak to a person"));
        resident.awaitEvent(EVENTS, "status", e -> "WAITING".equals(e.get("state")));
        if (!"en".equals(language)) {
            resident.send("/app/resident/language", Map.of("language", language));
            resident.awaitEvent(EVENTS, "language", e -> true);
        }
        return resident;
    }

    private static String conversationOf(StompTestClient resident) {
        return (String) resident.awaitEvent(EVENTS, "welcome", e -> true).get("conversationId");
    }

    private static Map<String, Object> take(StompTestClient agent, String conversationId) {
        agent.send("/app/agent/accept", Map.of("conversationId", conversationId));
        return agent.awaitEvent(AGENT_EVENTS, "chat", e -> conversationId.equals(e.get("conversationId")));
    }

    private StompTestClient agentConnects(String username) {
        // The supervisor is an agent too, with a password of their own.
        StompTestClient agent = StompTestClient.agent(
                port, username, "supervisor".equals(username) ? "supervisor-demo" : "agent-demo", AGENT_EVENTS, ERRORS);
        clients.add(agent);
        // The agent counts as online as soon as the console connects, and a colleague's transfer can come at once;
        // an answer on the error queue proves this console's subscriptions (handled in order) are in place.
        agent.send("/app/agent/note", Map.of("conversationId", "no-such-chat", "text", "listening?"));
        agent.awaitEvent(ERRORS, "error", e -> true);
        agent.unclaimed();
        return agent;
    }
}
