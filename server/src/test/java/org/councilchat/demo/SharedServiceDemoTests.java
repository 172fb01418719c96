package org.councilchat.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.councilchat.journey.StompTestClient.AGENT_EVENTS;
import static org.councilchat.journey.StompTestClient.ERRORS;
import static org.councilchat.journey.StompTestClient.EVENTS;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.councilchat.journey.StompTestClient;
import org.councilchat.journey.TestCouncil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The demo's shared service as a newcomer tries it: Glanafon, Millbrook's Welsh neighbour, answers in Welsh from its
 * own FAQs and bin rounds; a Millbrook resident giving a Glanafon postcode is given Glanafon's days and told whose
 * they are; and a Glanafon chat handed over reaches Glanafon's adviser, not Millbrook's. Real STOMP clients against
 * the demo configuration.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SharedServiceDemoTests {

    @LocalServerPort
    int port;

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
    void aGlanafonResidentIsAnsweredInWelshFromGlanafonsOwnFaqsAndBins() {
        StompTestClient resident = resident("glanafon");
        resident.send(
                "/app/resident/message",
                Map.of("clientMessageId", "q-1", "text", "Sut ydw i’n talu fy nhreth gyngor i’r cyngor?"));
        assertThat(botSays(resident, "treth-gyngor")).contains("www.glanafon.example/treth-gyngor/talu");

        resident.send("/app/resident/message", Map.of("clientMessageId", "q-2", "text", "pryd mae fy min? GN2 3CC"));
        assertThat(botSays(resident, "Lôn yr Afon"))
                .doesNotContain("Millbrook")
                .as("Glanafon's own Welsh names for its bins")
                .contains("Bin du (gwastraff cyffredinol)", "Bocs glas (ailgylchu)", "Cadi bwyd")
                .doesNotContain("Black bin", "Blue box");
    }

    @Test
    void aGlanafonResidentIsGivenGlanafonsOwnLinksAndNumbersWhereItsFaqsSayNothing() {
        StompTestClient resident = resident("glanafon");
        resident.send(
                "/app/resident/message",
                Map.of("clientMessageId", "q-1", "text", "there is a pothole in the road outside my house"));
        assertThat(botSays(resident, "pothole"))
                .contains("01632 960 400")
                .contains("https://www.glanafon.example/en/report/pothole")
                .doesNotContain("millbrook");

        StompTestClient millbrook = resident("millbrook");
        millbrook.send(
                "/app/resident/message",
                Map.of("clientMessageId", "q-1", "text", "there is a pothole in the road outside my house"));
        assertThat(botSays(millbrook, "pothole")).doesNotContain("glanafon");
    }

    @Test
    void aMillbrookResidentGivingAGlanafonPostcodeIsGivenGlanafonsDaysAndWhoseTheyAre() {
        StompTestClient resident = resident("millbrook");
        resident.send("/app/resident/message", Map.of("clientMessageId", "q-1", "text", "when is my bin day? GN1 1AA"));
        assertThat(botSays(resident, "GN1 1AA is in"))
                .contains("GN1 1AA is in Cyngor Glanafon – Glanafon Council (fictional demo)’s area")
                .contains("collects the bins there");
        assertThat(botSays(resident, "Stryd y Bont")).contains("Your next bin collections");
    }

    @Test
    void theCountysChatOpensWithTheCountysOwnServicesAndEachIsAnsweredFromItsFaqs() {
        StompTestClient resident = resident("westshire");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> greetings = (Map<String, Map<String, Object>>)
                resident.awaitEvent(EVENTS, "welcome", e -> true).get("greetings");
        @SuppressWarnings("unchecked")
        List<Map<String, String>> topics =
                (List<Map<String, String>>) greetings.get("en").get("buttons");
        assertThat(topics)
                .as("a county collects no bins and no council tax")
                .extracting(topic -> topic.get("title"))
                .containsExactly(
                        "Apply for a school place",
                        "School transport",
                        "Care and support",
                        "Children’s services",
                        "Talk to a person");
        assertThat(greetings).as("Westshire chats in English only").containsOnlyKeys("en");

        int n = 0;
        for (Map<String, String> topic : topics.subList(0, 4)) {
            String id = "t-" + n++;
            resident.send("/app/resident/message", Map.of("clientMessageId", id, "text", topic.get("payload")));
            Map<String, Object> answer = resident.awaitEvent(EVENTS, "message", e -> "BOT".equals(e.get("sender")));
            assertThat(answer.get("answer"))
                    .as("the county's FAQ, for '%s'", topic.get("title"))
                    .isNotNull();
            assertThat(answer.toString()).contains("westshire.example");
            resident.awaitEvent(EVENTS, "message", e -> "Did this answer your question?".equals(e.get("text")));
        }
    }

    @Test
    void aGlanafonChatGoesToGlanafonsAdviserOnly() {
        StompTestClient resident = resident("glanafon");
        String chat = (String) resident.awaitEvent(EVENTS, "welcome", e -> true).get("conversationId");
        resident.send("/app/resident/message", Map.of("clientMessageId", "q-1", "text", "I want to speak to a person"));
        resident.awaitEvent(EVENTS, "status", e -> "WAITING".equals(e.get("state")));

        StompTestClient sam = agent("agent");
        assertThat(waitingIn(sam.subscribe("/app/agent/queue").awaitEvent("/app/agent/queue", "queue", e -> true)))
                .as("Sam works for Millbrook only")
                .doesNotContain(chat);
        StompTestClient rhys = agent("agent3");
        assertThat(waitingIn(rhys.subscribe("/app/agent/queue").awaitEvent("/app/agent/queue", "queue", e -> true)))
                .contains(chat);
    }

    /** The bot's next message that says this (other messages of its answer before it are passed over). */
    private String botSays(StompTestClient resident, String saying) {
        return resident.awaitEvent(
                        EVENTS,
                        "message",
                        e -> "BOT".equals(e.get("sender")) && e.toString().contains(saying))
                .toString();
    }

    private StompTestClient resident(String council) {
        StompTestClient resident = StompTestClient.resident(port, council, "http://localhost:" + port, null);
        clients.add(resident);
        return resident;
    }

    private StompTestClient agent(String username) {
        StompTestClient agent = StompTestClient.agent(port, username, "agent-demo", ERRORS, AGENT_EVENTS);
        clients.add(agent);
        return agent;
    }

    @SuppressWarnings("unchecked")
    private static List<String> waitingIn(Map<String, Object> queue) {
        return ((List<Map<String, Object>>) queue.get("waiting"))
                .stream().map(chat -> (String) chat.get("conversationId")).toList();
    }
}
