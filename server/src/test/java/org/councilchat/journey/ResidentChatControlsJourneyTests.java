package org.councilchat.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.councilchat.journey.StompTestClient.AGENT_EVENTS;
import static org.councilchat.journey.StompTestClient.ERRORS;
import static org.councilchat.journey.StompTestClient.EVENTS;
import static org.councilchat.journey.StompTestClient.QUEUE;

import java.time.Duration;
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
import org.springframework.web.socket.WebSocketHttpHeaders;

/**
 * What a resident can do besides typing, over real STOMP connections: switch between English and Welsh,
 * end the chat (leaving the queue, or an agent), rate it, and see an agent typing (and be seen typing).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestCouncil.FixedClock.class)
class ResidentChatControlsJourneyTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private StompTestClient resident;
    private StompTestClient neighbour;
    private StompTestClient agent;

    @DynamicPropertySource
    static void council(DynamicPropertyRegistry registry) {
        TestCouncil.configure(registry);
    }

    @AfterEach
    void hangUp() {
        for (StompTestClient client : new StompTestClient[] {resident, neighbour, agent}) {
            if (client != null) {
                client.close();
            }
        }
    }

    @Test
    void switchingToWelshMidChatMakesTheBotAnswerInWelsh() {
        resident = residentConnects();
        resident.awaitEvent(EVENTS, "welcome", e -> "en".equals(e.get("language")));
        resident.send("/app/resident/message", Map.of("clientMessageId", "r-1", "text", "when is my bin day? MB1 1AA"));
        assertThat((String) botSays(resident, "Your next bin collections").get("text"))
                .startsWith("Your next bin collections at 2, 4 and 6 Mill Lane");

        resident.send("/app/resident/language", Map.of("language", "cy"));
        resident.awaitEvent(EVENTS, "language", e -> "cy".equals(e.get("language")));
        resident.send("/app/resident/message", Map.of("clientMessageId", "r-2", "text", "Pryd mae fy niwrnod bin?"));

        Map<String, Object> welsh = botSays(resident, "Eich casgliadau");
        assertThat((String) welsh.get("text")).startsWith("Eich casgliadau biniau nesaf yn 2, 4 a 6 Mill Lane");
        assertThat(lines(welsh)).anySatisfy(line -> assertThat(line).contains("heddiw, Dydd Llun 23 Tachwedd"));

        // Errors come in the resident's language too.
        resident.send("/app/resident/language", Map.of("language", "fr"));
        assertThat(resident.awaitEvent(ERRORS, "error", e -> true))
                .containsEntry("code", "bad-language")
                .containsEntry("message", "Mae’n ddrwg gennym, mae’r sgwrs hon ar gael yn Saesneg ac yn Gymraeg.");
    }

    @Test
    void aCardNumberTypedIntoTheChatIsTakenOutBeforeItIsStored() {
        resident = residentConnects();
        resident.awaitEvent(EVENTS, "welcome", e -> true);

        resident.send(
                "/app/resident/message",
                Map.of("clientMessageId", "card-1", "text", "can I pay my council tax with 4111 1111 1111 1111"));

        Map<String, Object> echo =
                resident.awaitEvent(EVENTS, "message", e -> "card-1".equals(e.get("clientMessageId")));
        assertThat(echo.get("text")).isEqualTo("can I pay my council tax with [card number removed]");
        String conversationId = (String) echo.get("conversationId");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM chat_message WHERE conversation_id = ? AND body LIKE '%4111%'")
                        .param(conversationId)
                        .query(Long.class)
                        .single())
                .isZero();
        botSays(resident, "");
    }

    @Test
    void aRatingCommentKeepsNoCardNumberAndAnInvisibleMessageIsEmpty() {
        resident = residentConnects();
        String conversationId = welcomed(resident);

        // Only a no-break space, or zero-width characters: the friendly "type a message" treatment, nothing kept.
        for (String invisible : List.of("\u00A0", "\u200B\u2060\u3000")) {
            resident.send("/app/resident/message", Map.of("clientMessageId", "blank-1", "text", invisible));
            assertThat(resident.awaitEvent(ERRORS, "error", e -> "blank-1".equals(e.get("clientMessageId"))))
                    .containsEntry("code", "message-empty")
                    .containsEntry("message", "Please type a message before sending.");
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM chat_message WHERE conversation_id = ?")
                        .param(conversationId)
                        .query(Long.class)
                        .single())
                .isZero();

        resident.send("/app/resident/end", Map.of("timedOut", false));
        resident.awaitEvent(EVENTS, "status", e -> "CLOSED".equals(e.get("state")));
        resident.send(
                "/app/resident/rating",
                Map.of("score", 2, "comment", "I tried to pay with 4111\u200B1111.1111.1111 and it didn't work"));
        resident.awaitEvent(EVENTS, "rated", e -> Integer.valueOf(2).equals(e.get("score")));

        assertThat(jdbc.sql("SELECT comment FROM conversation_rating WHERE conversation_id = ?")
                        .param(conversationId)
                        .query(String.class)
                        .single())
                .isEqualTo("I tried to pay with [card number removed] and it didn't work");
    }

    @Test
    void aFloodOfMessagesIsSlowedDownAndTheChatCarriesOnOnceItPauses() {
        resident = residentConnects();
        resident.awaitEvent(EVENTS, "welcome", e -> true);

        // Far faster than anyone types: the first nine (after the hello) go through, the rest are turned away.
        for (int i = 0; i < 25; i++) {
            resident.send("/app/resident/message", Map.of("clientMessageId", "flood-" + i, "text", "hello " + i));
        }
        Map<String, Object> slowDown = resident.awaitEvent(ERRORS, "error", e -> "too-fast".equals(e.get("code")));
        assertThat((String) slowDown.get("message")).contains("faster than we can read them");
        resident.awaitEvent(EVENTS, "message", e -> "flood-0".equals(e.get("clientMessageId")));
        assertThat(resident.isConnected()).isTrue();

        // The allowance refills at one message every two seconds: after a pause the chat takes messages again.
        pause(Duration.ofSeconds(3));
        resident.send("/app/resident/message", Map.of("clientMessageId", "after-pause", "text", "thanks"));
        resident.awaitEvent(EVENTS, "message", e -> "after-pause".equals(e.get("clientMessageId")));
    }

    @Test
    void aResumingPageThatShowedMessagesTheDatabaseNoLongerHasIsNeverGivenTheirNumbersAgain() {
        resident = residentConnects();
        Map<String, Object> welcome = resident.awaitEvent(EVENTS, "welcome", e -> true);
        resident.close();
        long kept = jdbc.sql("SELECT last_seq FROM conversation WHERE id = ?")
                .param(welcome.get("conversationId"))
                .query(Long.class)
                .single();

        // As after a restore from an older backup: the page has shown three messages the database has lost.
        long shown = kept + 3;
        resident = StompTestClient.connect(
                        "ws://localhost:" + port + "/webchat/v1/ws",
                        new WebSocketHttpHeaders(),
                        StompTestClient.connectHeaders((String) welcome.get("resumeToken")))
                .subscribe(EVENTS)
                .subscribe(ERRORS)
                .hello(Map.of("lastSeq", shown, "language", "en"));
        resident.send("/app/resident/message", Map.of("clientMessageId", "after-restore", "text", "hello again"));

        Map<String, Object> echo =
                resident.awaitEvent(EVENTS, "message", e -> "after-restore".equals(e.get("clientMessageId")));
        assertThat(((Number) echo.get("seq")).longValue()).isEqualTo(shown + 1);
    }

    @Test
    void aPageThatMissedAMessageInTheMiddleIsSentItAgainWhenItSaysHowFarItHasEverything() {
        resident = residentConnects();
        String conversationId =
                (String) resident.awaitEvent(EVENTS, "welcome", e -> true).get("conversationId");
        for (String id : List.of("m-1", "m-2", "m-3")) {
            resident.send("/app/resident/message", Map.of("clientMessageId", id, "text", "hello"));
            resident.awaitEvent(EVENTS, "message", e -> id.equals(e.get("clientMessageId")));
            resident.awaitEvent(EVENTS, "message", e -> "BOT".equals(e.get("sender")));
        }
        List<Map<String, Object>> stored = jdbc.sql(
                        "SELECT seq, client_message_id FROM chat_message WHERE conversation_id = ? ORDER BY seq")
                .param(conversationId)
                .query()
                .listOfRows();
        long secondSeq = stored.stream()
                .filter(row -> "m-2".equals(row.get("client_message_id")))
                .map(row -> ((Number) row.get("seq")).longValue())
                .findFirst()
                .orElseThrow();
        long highest = ((Number) stored.getLast().get("seq")).longValue();
        resident.forgetEarlier();

        // As a page cut off from another server's events would say: it shows the latest message but not m-2.
        resident.send("/app/resident/hello", Map.of("lastSeq", highest, "upTo", secondSeq - 1, "language", "en"));
        resident.awaitEvent(EVENTS, "welcome", e -> conversationId.equals(e.get("conversationId")));
        assertThat(resident.awaitEvent(EVENTS, "message", e -> true))
                .as("the replay starts at the first message the page lacks")
                .containsEntry("clientMessageId", "m-2")
                .containsEntry("seq", (int) secondSeq);

        // upTo beyond lastSeq is no licence to skip: the replay never starts after lastSeq. The first replay ends
        // with its status; only then is everything from it here to be forgotten.
        resident.awaitEvent(EVENTS, "status", e -> true);
        resident.forgetEarlier();
        resident.send("/app/resident/hello", Map.of("lastSeq", secondSeq, "upTo", highest + 50, "language", "en"));
        resident.awaitEvent(EVENTS, "welcome", e -> true);
        assertThat(resident.awaitEvent(EVENTS, "message", e -> true)).containsEntry("seq", (int) secondSeq + 1);
    }

    @Test
    void aChatThatEndedAWhileAgoIsNotReplayedToWhoeverHoldsItsToken() {
        resident = residentConnects();
        Map<String, Object> welcome = resident.awaitEvent(EVENTS, "welcome", e -> true);
        String conversationId = (String) welcome.get("conversationId");
        String token = (String) welcome.get("resumeToken");
        resident.send("/app/resident/message", Map.of("clientMessageId", "old-1", "text", "my council tax account"));
        resident.awaitEvent(EVENTS, "message", e -> "old-1".equals(e.get("clientMessageId")));
        resident.send("/app/resident/end", Map.of("timedOut", false));
        resident.awaitEvent(EVENTS, "status", e -> "CLOSED".equals(e.get("state")));
        resident.close();

        // Just ended: a reload still shows how it ended, so the resident can rate it.
        resident = StompTestClient.resident(port, token);
        assertThat(resident.awaitEvent(EVENTS, "welcome", e -> true)).containsEntry("conversationId", conversationId);
        resident.awaitEvent(EVENTS, "message", e -> "old-1".equals(e.get("clientMessageId")));
        resident.close();

        // Ended over half an hour ago (council-chat.webchat.resume-ended-chat-for): the token starts a new chat.
        jdbc.sql("UPDATE conversation SET closed_at = ? WHERE id = ?")
                .params(
                        TestCouncil.MONDAY_23_NOVEMBER_9AM
                                .minus(Duration.ofMinutes(31))
                                .atOffset(java.time.ZoneOffset.UTC),
                        conversationId)
                .update();
        resident = StompTestClient.resident(port, token);
        Map<String, Object> fresh = resident.awaitEvent(EVENTS, "welcome", e -> true);
        assertThat(fresh.get("conversationId")).isNotEqualTo(conversationId);
        assertThat(fresh.get("resumeToken")).isNotEqualTo(token);
        assertThat(fresh).containsEntry("resumed", false);
        resident.awaitEvent(EVENTS, "status", e -> "BOT".equals(e.get("state")));
        assertThat(resident.unclaimed())
                .noneMatch(received -> received.body().toString().contains("council tax"));
    }

    @Test
    void floodsOfTypingNoticesOrOtherFramesAreSlowedDownWithoutHoldingUpMessages() {
        resident = residentConnects();
        resident.awaitEvent(EVENTS, "welcome", e -> true);

        for (int i = 0; i < 40; i++) {
            resident.send("/app/resident/typing", Map.of("typing", i % 2 == 0));
        }
        Map<String, Object> typingFlood =
                resident.awaitEvent(ERRORS, "error", e -> "/app/resident/typing".equals(e.get("destination")));
        assertThat(typingFlood).containsEntry("code", "slow-down");
        assertThat((String) typingFlood.get("message")).contains("Please wait a few seconds");

        // Typing has its own allowance: a message straight after still goes through.
        resident.send("/app/resident/message", Map.of("clientMessageId", "after-typing", "text", "hello"));
        resident.awaitEvent(EVENTS, "message", e -> "after-typing".equals(e.get("clientMessageId")));

        // Everything else shares the message allowance: a flood of language switches (or hellos) meets it too.
        for (int i = 0; i < 15; i++) {
            resident.send("/app/resident/language", Map.of("language", i % 2 == 0 ? "cy" : "en"));
        }
        assertThat(resident.awaitEvent(ERRORS, "error", e -> "/app/resident/language".equals(e.get("destination"))))
                .containsEntry("code", "slow-down");
        assertThat(resident.isConnected()).isTrue();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aResidentWhoEndsTheChatWhileWaitingLeavesTheQueueAndCanRateIt() {
        agent = agentConnects();
        resident = residentConnects();
        String conversationId = welcomed(resident);
        askForAPerson(resident, "r-1");
        agent.awaitEvent(QUEUE, "queue", queue -> waitingIds(queue).contains(conversationId));

        resident.send("/app/resident/rating", Map.of("score", 5));
        assertThat(resident.awaitEvent(ERRORS, "error", e -> true).get("code")).isEqualTo("chat-not-ended");

        resident.send("/app/resident/end", Map.of("timedOut", false));

        resident.awaitEvent(EVENTS, "status", e -> "CLOSED".equals(e.get("state")));
        agent.awaitEvent(QUEUE, "queue", queue -> !waitingIds(queue).contains(conversationId));
        assertThat(outcome(conversationId)).isEqualTo("ENDED_BY_RESIDENT");

        resident.send("/app/resident/rating", Map.of("score", 9));
        assertThat(resident.awaitEvent(ERRORS, "error", e -> "bad-rating".equals(e.get("code"))))
                .isNotNull();
        resident.send("/app/resident/rating", Map.of("score", 4, "comment", "Quick, but I had to wait."));
        resident.awaitEvent(EVENTS, "rated", e -> Integer.valueOf(4).equals(e.get("score")));
        resident.send("/app/resident/rating", Map.of("score", 5, "comment", "  Changed my mind: very helpful. "));
        resident.awaitEvent(EVENTS, "rated", e -> Integer.valueOf(5).equals(e.get("score")));

        assertThat(jdbc.sql("SELECT score, comment FROM conversation_rating WHERE conversation_id = ?")
                        .param(conversationId)
                        .query((row, n) -> row.getInt("score") + " " + row.getString("comment"))
                        .list())
                .containsExactly("5 Changed my mind: very helpful.");

        resident.send("/app/resident/message", Map.of("clientMessageId", "r-2", "text", "hello?"));
        assertThat(resident.awaitEvent(ERRORS, "error", e -> true).get("code")).isEqualTo("chat-ended");
    }

    @Test
    void typingShowsBothWaysAndTheQueueSaysHowLongRecentWaitsWere() {
        agent = agentConnects();
        resident = residentConnects();
        String conversationId = welcomed(resident);
        askForAPerson(resident, "r-1");
        agent.awaitEvent(QUEUE, "queue", queue -> waitingIds(queue).contains(conversationId));
        agent.send("/app/agent/accept", Map.of("conversationId", conversationId));
        agent.awaitEvent(AGENT_EVENTS, "chat", e -> conversationId.equals(e.get("conversationId")));
        resident.awaitEvent(EVENTS, "status", e -> "WITH_AGENT".equals(e.get("state")));

        resident.send("/app/resident/typing", Map.of("typing", true));
        Map<String, Object> residentTyping = agent.awaitEvent(AGENT_EVENTS, "typing", e -> true);
        assertThat(residentTyping)
                .containsEntry("conversationId", conversationId)
                .containsEntry("typing", true);

        agent.send("/app/agent/typing", Map.of("conversationId", conversationId, "typing", true));
        Map<String, Object> agentTyping = resident.awaitEvent(EVENTS, "typing", e -> true);
        assertThat(agentTyping).containsEntry("name", "Sam (demo agent)").containsEntry("typing", true);

        // A neighbour asks for a person next: agents took the first chat at once (the test clock stands still),
        // so recent waits have been about a minute.
        neighbour = residentConnects();
        welcomed(neighbour);
        askForAPerson(neighbour, "n-1");
        Map<String, Object> waiting = neighbour.awaitEvent(EVENTS, "status", e -> "WAITING".equals(e.get("state")));
        assertThat(waiting).containsKey("queuePosition").containsEntry("typicalWaitMinutes", 1);

        // The first resident ends their chat with the agent: the console hears it has closed.
        resident.send("/app/resident/end", Map.of("timedOut", true));
        agent.awaitEvent(
                AGENT_EVENTS,
                "status",
                e -> conversationId.equals(e.get("conversationId")) && "CLOSED".equals(e.get("state")));
        assertThat(outcome(conversationId)).isEqualTo("RESIDENT_TIMED_OUT");
    }

    private String outcome(String conversationId) {
        return jdbc.sql("SELECT outcome FROM conversation WHERE id = ?")
                .param(conversationId)
                .query(String.class)
                .single();
    }

    private static String welcomed(StompTestClient client) {
        return (String) client.awaitEvent(EVENTS, "welcome", e -> true).get("conversationId");
    }

    private static void askForAPerson(StompTestClient client, String clientMessageId) {
        client.send(
                "/app/resident/message",
                Map.of("clientMessageId", clientMessageId, "text", "I want to speak to a person"));
        client.awaitEvent(EVENTS, "status", e -> "WAITING".equals(e.get("state")));
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
        return StompTestClient.agent(port, "agent", "agent-demo", AGENT_EVENTS, ERRORS, QUEUE);
    }

    @SuppressWarnings("unchecked")
    private static List<String> lines(Map<String, Object> message) {
        return (List<String>) message.get("lines");
    }

    @SuppressWarnings("unchecked")
    private static List<String> waitingIds(Map<String, Object> queue) {
        return ((List<Map<String, Object>>) queue.get("waiting"))
                .stream().map(w -> (String) w.get("conversationId")).toList();
    }
}
