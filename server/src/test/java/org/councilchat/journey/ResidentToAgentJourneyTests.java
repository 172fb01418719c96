package org.councilchat.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.councilchat.journey.StompTestClient.AGENT_EVENTS;
import static org.councilchat.journey.StompTestClient.ERRORS;
import static org.councilchat.journey.StompTestClient.EVENTS;
import static org.councilchat.journey.StompTestClient.QUEUE;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The foundation journey with two real STOMP clients over real WebSockets: a resident asks for a bin day
 * and an FAQ, then for a person; a signed-in agent sees the chat in the queue, takes it with its
 * transcript and the bot's findings, and the two talk live.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestCouncil.FixedClock.class)
class ResidentToAgentJourneyTests {

    @LocalServerPort
    int port;

    private StompTestClient resident;
    private StompTestClient agent;

    @DynamicPropertySource
    static void council(DynamicPropertyRegistry registry) {
        TestCouncil.configure(registry);
    }

    @AfterEach
    void hangUp() {
        if (resident != null) {
            resident.close();
        }
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void residentGetsBinDaysAndAnAnswerThenTalksToAnAgentWhoSeesEverything() {
        resident = residentConnects(null);
        Map<String, Object> welcome = resident.awaitEvent(EVENTS, "welcome", e -> true);
        String conversationId = (String) welcome.get("conversationId");
        assertThat((String) welcome.get("resumeToken")).hasSize(43);
        resident.awaitEvent(EVENTS, "status", e -> "BOT".equals(e.get("state")));

        // Bin day, computed from the demo rounds: MB1 1AA is on the Monday rounds, and today is Monday 23 November.
        say("r-1", "when is my bin day? MB1 1AA");
        resident.awaitEvent(EVENTS, "message", e -> "r-1".equals(e.get("clientMessageId")));
        Map<String, Object> binDays = botSays();
        assertThat((String) binDays.get("text")).contains("2, 4 and 6 Mill Lane, Millbrook, MB1 1AA");
        assertThat(lines(binDays))
                .containsExactly(
                        "Black bin (general waste): today, Monday 23 November, then Monday 7 December",
                        "Food caddy: today, Monday 23 November, then Monday 30 November",
                        "Blue bin (recycling): Monday 30 November, then Monday 14 December");

        // An FAQ, found by the Lucene index, with the page it came from.
        say("r-2", "can I pay my council tax in instalments");
        Map<String, Object> answer = botSays();
        assertThat((String) answer.get("text")).containsIgnoringCase("instalments");
        assertThat(botSays().get("text")).isEqualTo("Did this answer your question?");
        assertThat(links(answer))
                .anySatisfy(link ->
                        assertThat(link.get("url")).asString().startsWith("https://www.millbrook.example/council-tax"));

        // A person, please.
        say("r-3", "I want to speak to a person");
        assertThat((String) botSays().get("text")).contains("adviser");
        Map<String, Object> waiting = resident.awaitEvent(EVENTS, "status", e -> "WAITING".equals(e.get("state")));
        assertThat(waiting.get("queuePosition")).isEqualTo(1);

        // The agent signs in, sees the chat waiting, takes it and gets the whole story.
        agent = agentConnects("agent", "agent-demo");
        agent.subscribe("/app/agent/queue");
        Map<String, Object> queue = agent.awaitEvent("/app/agent/queue", "queue", e -> true);
        assertThat(waitingIds(queue)).contains(conversationId);

        agent.send("/app/agent/accept", Map.of("conversationId", conversationId));
        Map<String, Object> chat =
                agent.awaitEvent(AGENT_EVENTS, "chat", e -> conversationId.equals(e.get("conversationId")));
        assertThat(transcriptTexts(chat))
                .contains(
                        "when is my bin day? MB1 1AA",
                        "can I pay my council tax in instalments",
                        "I want to speak to a person");
        @SuppressWarnings("unchecked")
        Map<String, Object> context = (Map<String, Object>) chat.get("context");
        assertThat(context).containsEntry("postcode", "MB1 1AA").containsEntry("intent", "speak_to_person");
        assertThat((String) context.get("address")).isEqualTo("2 Mill Lane, Millbrook");
        // The agent is told in words what it was about: the last council service asked about, then the person.
        @SuppressWarnings("unchecked")
        Map<String, Object> about = (Map<String, Object>) chat.get("about");
        assertThat((String) about.get("topic"))
                .endsWith(", then asked for a person")
                .doesNotContain("_");
        assertThat(about.get("facts").toString())
                .contains("label=Postcode", "value=MB1 1AA", "label=Address")
                .doesNotContain("speak_to_person", "confidence");

        Map<String, Object> joined = resident.awaitEvent(EVENTS, "status", e -> "WITH_AGENT".equals(e.get("state")));
        assertThat(joined.get("agentName")).isEqualTo("Sam (demo agent)");

        // Live, both ways; the bot stays quiet while the agent has the chat.
        agent.send(
                "/app/agent/message",
                Map.of(
                        "conversationId",
                        conversationId,
                        "clientMessageId",
                        "a-1",
                        "text",
                        "Hello, I'm Sam. How can I help?"));
        Map<String, Object> fromAgent = resident.awaitEvent(EVENTS, "message", e -> "AGENT".equals(e.get("sender")));
        assertThat(fromAgent.get("text")).isEqualTo("Hello, I'm Sam. How can I help?");
        assertThat(fromAgent.get("senderName")).isEqualTo("Sam (demo agent)");

        say("r-4", "My bin wasn't collected last week");
        Map<String, Object> toAgent =
                agent.awaitEvent(AGENT_EVENTS, "message", e -> "RESIDENT".equals(e.get("sender")));
        assertThat(toAgent.get("text")).isEqualTo("My bin wasn't collected last week");
        assertThat(toAgent.get("language")).as("the language it was written in").isEqualTo("en");
        resident.awaitEvent(EVENTS, "message", e -> "r-4".equals(e.get("clientMessageId")));

        say("r-5", "Mae’n ddrwg gen i, ga i siarad yn Gymraeg os gwelwch yn dda?");
        Map<String, Object> inWelsh = agent.awaitEvent(
                AGENT_EVENTS,
                "message",
                e -> "RESIDENT".equals(e.get("sender")) && "r-5".equals(e.get("clientMessageId")));
        assertThat(inWelsh.get("language"))
                .as("a Welsh message in an English chat is marked for the agent")
                .isEqualTo("cy");
        say("r-6", "MB1 1AA");
        assertThat(agent.awaitEvent(AGENT_EVENTS, "message", e -> "r-6".equals(e.get("clientMessageId"))))
                .as("too few words to tell")
                .containsEntry("language", null);
        assertThat(resident.unclaimed())
                .noneMatch(r -> "message".equals(r.body().get("type"))
                        && "BOT".equals(r.body().get("sender")));

        agent.send("/app/agent/close", Map.of("conversationId", conversationId, "outcome", "RESOLVED"));
        resident.awaitEvent(EVENTS, "status", e -> "CLOSED".equals(e.get("state")));
    }

    @Test
    void askingAboutOneBinAnswersThatBinAndTheAddressIsRemembered() {
        resident = residentConnects(null);
        resident.awaitEvent(EVENTS, "welcome", e -> true);
        say("s-1", "is my black bin collected today? MB1 1AA");
        assertThat(lines(botSays()))
                .containsExactly("Black bin (general waste): today, Monday 23 November, then Monday 7 December");

        say("s-2", "and when is the recycling collected?");
        assertThat(lines(botSays()))
                .containsExactly("Blue bin (recycling): Monday 30 November, then Monday 14 December");
    }

    @Test
    void missedBinIsCheckedAgainstTheRoundsAndReportedWithAReference() {
        resident = residentConnects(null);
        resident.awaitEvent(EVENTS, "welcome", e -> true);
        say("m-1", "my recycling wasn't collected");
        assertThat((String) botSays().get("text")).contains("postcode");
        say("m-2", "MB1 1AA");
        Map<String, Object> whichAddress = botSays();
        assertThat((String) whichAddress.get("text"))
                .as("three houses share the rounds, but the crew goes back to one door")
                .isEqualTo("Which address at MB1 1AA is yours? The crew will go back to that one.");
        assertThat(whichAddress.get("buttons").toString())
                .contains("2 Mill Lane, Millbrook", "4 Mill Lane, Millbrook", "6 Mill Lane, Millbrook");
        say("m-2b", "4 Mill Lane, Millbrook");
        assertThat((String) botSays().get("text"))
                .isEqualTo("Your Blue bin (recycling) wasn’t due to be collected in the last few days: it was last"
                        + " collected on Monday 16 November, and the next collection is Monday 30 November.");

        say("m-3", "they didn't empty my bin");
        Map<String, Object> which = botSays();
        assertThat((String) which.get("text")).contains("Which bin");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> buttons = (List<Map<String, Object>>) which.get("buttons");
        String blackBin = buttons.stream()
                .filter(b -> ((String) b.get("title")).startsWith("Black bin"))
                .map(b -> (String) b.get("payload"))
                .findFirst()
                .orElseThrow();
        say("m-4", blackBin);
        String reported = (String) botSays().get("text");
        assertThat(reported).containsPattern("your reference is MB-[A-Z2-9]{6}");

        say("m-5", blackBin);
        assertThat((String) botSays().get("text")).contains("already been reported");
    }

    @Test
    void residentWhoReconnectsWithTheirTokenGetsWhatTheyMissed() {
        resident = residentConnects(null);
        Map<String, Object> welcome = resident.awaitEvent(EVENTS, "welcome", e -> true);
        say("r-1", "hello");
        Map<String, Object> greeting = botSays();
        resident.close();

        resident = residentConnects((String) welcome.get("resumeToken"));
        Map<String, Object> again = resident.awaitEvent(EVENTS, "welcome", e -> true);
        assertThat(again.get("conversationId")).isEqualTo(welcome.get("conversationId"));
        assertThat(again.get("resumed")).isEqualTo(true);
        Map<String, Object> replayed = resident.awaitEvent(EVENTS, "message", e -> "BOT".equals(e.get("sender")));
        assertThat(replayed.get("text")).isEqualTo(greeting.get("text"));
    }

    @Test
    void resendingAMessageWithTheSameIdStoresItOnceAndAnswersOnce() {
        resident = residentConnects(null);
        resident.awaitEvent(EVENTS, "welcome", e -> true);
        say("same-1", "thanks");
        Map<String, Object> first =
                resident.awaitEvent(EVENTS, "message", e -> "same-1".equals(e.get("clientMessageId")));
        botSays();
        say("same-1", "thanks");
        Map<String, Object> again =
                resident.awaitEvent(EVENTS, "message", e -> "same-1".equals(e.get("clientMessageId")));
        assertThat(again.get("seq")).isEqualTo(first.get("seq"));
        say("next-1", "bye");
        resident.awaitEvent(EVENTS, "message", e -> "next-1".equals(e.get("clientMessageId")));
        assertThat(resident.unclaimed().stream()
                        .filter(r -> "BOT".equals(r.body().get("sender"))))
                .as("only the answer to 'bye' may be unclaimed, not a second answer to 'thanks'")
                .hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void badInputGetsAFriendlyErrorAndTheChatCarriesOn() {
        resident = residentConnects(null);
        resident.awaitEvent(EVENTS, "welcome", e -> true);

        resident.sendRaw("/app/resident/message", "this is not json");
        assertThat(resident.awaitEvent(ERRORS, "error", e -> true)).containsEntry("code", "bad-json");

        say("empty-1", "   ");
        assertThat(resident.awaitEvent(ERRORS, "error", e -> true))
                .containsEntry("code", "message-empty")
                .containsEntry("clientMessageId", "empty-1");

        say("long-1", "x".repeat(10 * 1024));
        Map<String, Object> tooLong = resident.awaitEvent(ERRORS, "error", e -> true);
        assertThat(tooLong).containsEntry("code", "message-too-long");
        assertThat((String) tooLong.get("message")).contains("too long").doesNotContain("Exception");

        resident.send("/app/agent/accept", Map.of("conversationId", "anything"));
        assertThat(resident.awaitEvent(ERRORS, "error", e -> true)).containsEntry("code", "unknown-destination");
        resident.send("/topic/agent.queue.millbrook", Map.of("type", "queue"));
        assertThat(resident.awaitEvent(ERRORS, "error", e -> true)).containsEntry("code", "unknown-destination");

        assertThat(resident.isConnected()).isTrue();
        say("ok-1", "hello");
        resident.awaitEvent(EVENTS, "message", e -> "ok-1".equals(e.get("clientMessageId")));
        botSays();
    }

    @Test
    void twoAgentsAcceptingTheSameChatOnlyOneGetsIt() {
        resident = residentConnects(null);
        String conversationId =
                (String) resident.awaitEvent(EVENTS, "welcome", e -> true).get("conversationId");
        say("p-1", "can I talk to someone please");
        resident.awaitEvent(EVENTS, "status", e -> "WAITING".equals(e.get("state")));

        agent = agentConnects("agent", "agent-demo");
        try (StompTestClient second = agentConnects("agent2", "agent-demo")) {
            agent.send("/app/agent/accept", Map.of("conversationId", conversationId));
            second.send("/app/agent/accept", Map.of("conversationId", conversationId));
            Map<String, Object> firstResult = agent.await(
                    "chat or error",
                    r -> r.body().containsKey("type")
                            && List.of("chat", "error").contains(r.body().get("type")));
            Map<String, Object> secondResult = second.await(
                    "chat or error",
                    r -> r.body().containsKey("type")
                            && List.of("chat", "error").contains(r.body().get("type")));
            assertThat(List.of(firstResult.get("type"), secondResult.get("type")))
                    .containsExactlyInAnyOrder("chat", "error");
            Map<String, Object> loser = "error".equals(firstResult.get("type")) ? firstResult : secondResult;
            assertThat(loser).containsEntry("code", "already-taken");
        }
    }

    private void say(String clientMessageId, String text) {
        resident.send("/app/resident/message", Map.of("clientMessageId", clientMessageId, "text", text));
    }

    private Map<String, Object> botSays() {
        return resident.awaitEvent(EVENTS, "message", e -> "BOT".equals(e.get("sender")));
    }

    private StompTestClient residentConnects(String resumeToken) {
        return StompTestClient.resident(port, resumeToken);
    }

    private StompTestClient agentConnects(String username, String password) {
        return StompTestClient.agent(port, username, password, AGENT_EVENTS, ERRORS, QUEUE);
    }

    @SuppressWarnings("unchecked")
    private static List<String> lines(Map<String, Object> message) {
        return (List<String>) message.get("lines");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> links(Map<String, Object> message) {
        return (List<Map<String, Object>>) message.get("links");
    }

    @SuppressWarnings("unchecked")
    private static List<String> waitingIds(Map<String, Object> queue) {
        return ((List<Map<String, Object>>) queue.get("waiting"))
                .stream().map(w -> (String) w.get("conversationId")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> transcriptTexts(Map<String, Object> chat) {
        return ((List<Map<String, Object>>) chat.get("transcript"))
                .stream().map(m -> (String) m.get("text")).toList();
    }
}
