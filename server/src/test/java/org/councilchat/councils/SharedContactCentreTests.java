package org.councilchat.councils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.councilchat.journey.StompTestClient.AGENT_EVENTS;
import static org.councilchat.journey.StompTestClient.ERRORS;
import static org.councilchat.journey.StompTestClient.EVENTS;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.councilchat.engine.CaseIntake;
import org.councilchat.handoff.AgentPresence;
import org.councilchat.handoff.CannedResponse;
import org.councilchat.handoff.CannedResponses;
import org.councilchat.handoff.Cases;
import org.councilchat.journey.StompTestClient;
import org.councilchat.journey.TestCouncil;
import org.councilchat.knowledge.Faq;
import org.councilchat.knowledge.FaqDraft;
import org.councilchat.knowledge.KnowledgeBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One contact centre for a district and its county (issue 15): each council's residents come from its own web
 * site, and each agent, supervisor and page shows only the councils that member of staff works for. Real
 * WebSocket handshakes, real STOMP clients and real HTTP, on H2 or (with {@code -Dcouncil-chat.test.database=postgres})
 * PostgreSQL.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "council-chat.councils[0].id=millbrook",
            "council-chat.councils[0].name=Millbrook District Council",
            "council-chat.councils[0].origins=https://www.millbrook.example",
            "council-chat.councils[0].colour=#00703c",
            // A two-tier area: the county mends the district's roads.
            "council-chat.councils[0].services-from.highways=westshire",
            "council-chat.councils[1].id=westshire",
            "council-chat.councils[1].name=Westshire County Council",
            "council-chat.councils[1].origins=https://www.westshire.example",
            "council-chat.councils[1].languages=en",
            "council-chat.councils[1].duty-lines.child-at-risk=01632 960 777",
            // The county's own rules: its pages, for the services it provides on the district's site too.
            "council-chat.councils[1].conversation-rules=classpath:councils/westshire-conversation-rules.yml",
            "council-chat.staff.accounts[0].username=district-agent",
            "council-chat.staff.accounts[0].password={noop}agent-demo",
            "council-chat.staff.accounts[0].display-name=Dana (district)",
            "council-chat.staff.accounts[0].roles=AGENT,SUPERVISOR,EDITOR",
            "council-chat.staff.accounts[0].councils=millbrook",
            "council-chat.staff.accounts[1].username=county-agent",
            "council-chat.staff.accounts[1].password={noop}agent-demo",
            "council-chat.staff.accounts[1].display-name=Casey (county)",
            "council-chat.staff.accounts[1].roles=AGENT",
            "council-chat.staff.accounts[1].councils=westshire",
            "council-chat.staff.accounts[2].username=shared-agent",
            "council-chat.staff.accounts[2].password={noop}agent-demo",
            "council-chat.staff.accounts[2].display-name=Sol (both)",
            "council-chat.staff.accounts[2].roles=AGENT,SUPERVISOR,EDITOR",
            "council-chat.staff.accounts[2].councils=millbrook,westshire"
        })
class SharedContactCentreTests {

    private static final String COUNTY_SITE = "https://www.westshire.example";
    private static final String DISTRICT_SITE = "https://www.millbrook.example";
    private static final String COUNTY_QUEUE = "/topic/agent.queue.westshire";
    private static final String DISTRICT_QUEUE = "/topic/agent.queue.millbrook";

    @LocalServerPort
    int port;

    @Autowired
    Cases cases;

    @Autowired
    AgentPresence presence;

    @Autowired
    KnowledgeBase knowledge;

    @Autowired
    CannedResponses canned;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<StompTestClient> clients = new ArrayList<>();

    @DynamicPropertySource
    static void council(DynamicPropertyRegistry registry) {
        TestCouncil.configure(registry); // queued even before an agent connects
    }

    @AfterEach
    void hangUp() {
        clients.forEach(StompTestClient::close);
    }

    @Test
    void aCouncilsChatOpensOnlyFromItsOwnSite() throws Exception {
        assertThat(handshake("westshire", COUNTY_SITE)).isEqualTo(101);
        assertThat(handshake("westshire", DISTRICT_SITE))
                .as("the district's page naming the county")
                .isEqualTo(403);
        assertThat(handshake("millbrook", COUNTY_SITE)).isEqualTo(403);
        assertThat(handshake(null, DISTRICT_SITE))
                .as("no council named: the first, Millbrook")
                .isEqualTo(101);
        assertThat(handshake(null, COUNTY_SITE)).isEqualTo(403);
        assertThat(handshake("eastshire", COUNTY_SITE))
                .as("a council nobody configured")
                .isEqualTo(404);
        assertThat(handshake("westshire", "https://evil.example")).isEqualTo(403);
    }

    @Test
    void theWelcomeNamesTheCouncilAndAResumeTokenNeverCrossesToAnotherCouncil() {
        StompTestClient resident = resident("westshire", COUNTY_SITE, null);
        Map<String, Object> welcome = resident.awaitEvent(EVENTS, "welcome", e -> true);
        @SuppressWarnings("unchecked")
        Map<String, Object> council = (Map<String, Object>) welcome.get("council");
        assertThat(council)
                .containsEntry("id", "westshire")
                .containsEntry("name", "Westshire County Council")
                .containsEntry("languages", List.of("en"));
        String token = (String) welcome.get("resumeToken");
        String conversationId = (String) welcome.get("conversationId");

        StompTestClient sameCouncil = resident("westshire", COUNTY_SITE, token);
        assertThat(sameCouncil.awaitEvent(EVENTS, "welcome", e -> true))
                .containsEntry("conversationId", conversationId)
                .containsEntry("resumed", true);

        StompTestClient otherCouncil = resident("millbrook", DISTRICT_SITE, token);
        Map<String, Object> fresh = otherCouncil.awaitEvent(EVENTS, "welcome", e -> true);
        assertThat(fresh.get("conversationId")).isNotEqualTo(conversationId);
        assertThat(fresh).containsEntry("resumed", false);
    }

    @Test
    void anAgentSeesTakesAndIsPassedOnlyTheirCouncilsChats() {
        StompTestClient resident = resident("westshire", COUNTY_SITE, null);
        String countyChat =
                (String) resident.awaitEvent(EVENTS, "welcome", e -> true).get("conversationId");
        resident.send("/app/resident/message", Map.of("clientMessageId", "r-1", "text", "I want to speak to a person"));
        resident.awaitEvent(EVENTS, "status", e -> "WAITING".equals(e.get("state")));

        // The district's agent: the county's queue topic is refused, its chat is in no snapshot and cannot be taken.
        StompTestClient dana = agent("district-agent", ERRORS, AGENT_EVENTS, DISTRICT_QUEUE);
        dana.subscribe(COUNTY_QUEUE);
        assertThat(dana.awaitEvent(ERRORS, "error", e -> COUNTY_QUEUE.equals(e.get("destination"))))
                .containsEntry("code", "unknown-destination");
        assertThat(waitingIn(dana.subscribe("/app/agent/queue").awaitEvent("/app/agent/queue", "queue", e -> true)))
                .doesNotContain(countyChat);
        dana.send("/app/agent/accept", Map.of("conversationId", countyChat));
        assertThat(dana.awaitEvent(ERRORS, "error", e -> true)).containsEntry("code", "unknown-conversation");

        // The county's agent hears of it on the county's topic, marked with its council, and takes it.
        StompTestClient casey = agent("county-agent", ERRORS, AGENT_EVENTS, COUNTY_QUEUE);
        Map<String, Object> snapshot =
                casey.subscribe("/app/agent/queue").awaitEvent("/app/agent/queue", "queue", e -> true);
        assertThat(waitingIn(snapshot)).contains(countyChat);
        assertThat(entry(snapshot, countyChat)).containsEntry("councilId", "westshire");
        casey.send("/app/agent/accept", Map.of("conversationId", countyChat));
        assertThat(casey.awaitEvent(AGENT_EVENTS, "chat", e -> countyChat.equals(e.get("conversationId"))))
                .containsEntry("councilId", "westshire");
        assertThat(casey.awaitEvent(COUNTY_QUEUE, "queue", e -> !waitingIn(e).contains(countyChat)))
                .containsEntry("council", "westshire");

        // Passing it on: not to the district's agent, who does not work for the county; to a colleague who does.
        StompTestClient sol = agent("shared-agent", ERRORS, AGENT_EVENTS);
        // A connection's frames are handled in order: the snapshot's answer means its queue subscription is live.
        sol.subscribe("/app/agent/queue").awaitEvent("/app/agent/queue", "queue", e -> true);
        TestCouncil.awaitPresence(presence, "shared-agent", AgentPresence.Status.ONLINE);
        TestCouncil.awaitPresence(presence, "district-agent", AgentPresence.Status.ONLINE);
        casey.send("/app/agent/transfer", Map.of("conversationId", countyChat, "toAgent", "district-agent"));
        assertThat(casey.awaitEvent(ERRORS, "error", e -> true)).containsEntry("code", "colleague-other-council");
        casey.send("/app/agent/transfer", Map.of("conversationId", countyChat, "toAgent", "shared-agent"));
        assertThat(sol.awaitEvent(AGENT_EVENTS, "chat", e -> countyChat.equals(e.get("conversationId"))))
                .containsEntry("councilId", "westshire");
        assertThat(dana.arrivedOn(AGENT_EVENTS)).noneMatch(event -> countyChat.equals(event.get("conversationId")));
    }

    @Test
    void staffPagesShowOnlyTheirCouncilsCasesAndLiveChats() throws Exception {
        StompTestClient resident = resident("westshire", COUNTY_SITE, null);
        String countyChat =
                (String) resident.awaitEvent(EVENTS, "welcome", e -> true).get("conversationId");
        resident.send("/app/resident/message", Map.of("clientMessageId", "r-1", "text", "I want to speak to a person"));
        resident.awaitEvent(EVENTS, "status", e -> "WAITING".equals(e.get("state")));
        String reference = cases.open(
                new CaseIntake.NewCase(countyChat, "Pat", "pat@example.com", "Please call me back", "en", false));

        assertThat(get("/agent/cases/" + reference, "district-agent").statusCode())
                .isEqualTo(404);
        assertThat(get("/agent/cases", "district-agent").body()).doesNotContain(reference);
        assertThat(get("/agent/cases/" + reference, "county-agent").body()).contains("Please call me back");
        HttpResponse<String> sharedInbox = get("/agent/cases", "shared-agent");
        assertThat(sharedInbox.body())
                .as("staff of both councils see which council each message is for")
                .contains(reference)
                .contains("Westshire County Council");

        assertThat(get("/supervisor/live", "district-agent").body()).doesNotContain(countyChat);
        assertThat(get("/supervisor/live?council=westshire", "district-agent").body())
                .as("asking for another council's shows one's own")
                .doesNotContain(countyChat);
        assertThat(get("/supervisor/live", "shared-agent").body())
                .contains(countyChat)
                .contains("\"severalCouncils\":true")
                .contains("\"name\":\"Westshire County Council\",\"colour\"")
                .contains("\"name\":\"Millbrook District Council\",\"colour\"");
        assertThat(get("/supervisor/live?council=millbrook", "shared-agent").body())
                .as("one council alone: the county's chat is not among its waiting")
                .doesNotContain("\"conversationId\":\"" + countyChat)
                .contains("\"severalCouncils\":false");
        assertThat(get("/supervisor/live?council=westshire", "shared-agent").body())
                .contains("\"conversationId\":\"" + countyChat + "\",\"councilId\":\"westshire\"");
        assertThat(get("/supervisor?council=westshire", "shared-agent").body())
                .contains("<option value=\"westshire\" selected=\"selected\">Westshire County Council</option>");
    }

    @Test
    void eachCouncilsResidentsAreAnsweredFromItsOwnFaqsWhichOnlyItsEditorsSee() throws Exception {
        countyPotholeFaq();

        assertThat(botAnswers("westshire", COUNTY_SITE, "How do I report a pothole?"))
                .contains("Westshire County Council mends the county's roads")
                .as("the county's own residents are not told who looks after it")
                .doesNotContain("looks after this");
        assertThat(botAnswers("millbrook", DISTRICT_SITE, "How do I sign up for garden waste collections?"))
                .as("the district's own service, from the district's own FAQs")
                .contains("We will deliver your bin and a permit sticker");
        assertThat(botAnswers("westshire", COUNTY_SITE, "How do I sign up for garden waste collections?"))
                .as("the district's FAQs are not the county's (its conversation rules are still shared)")
                .doesNotContain("We will deliver your bin and a permit sticker");

        assertThat(get("/editor/faqs/westshire-report-a-pothole", "district-agent")
                        .statusCode())
                .isEqualTo(404);
        assertThat(get("/editor", "district-agent").body()).doesNotContain("westshire-report-a-pothole");
        assertThat(get("/editor/faqs/westshire-report-a-pothole/history", "district-agent")
                        .statusCode())
                .isEqualTo(404);
        HttpResponse<String> shared = get("/editor", "shared-agent");
        assertThat(shared.body())
                .as("an editor of both councils sees both, each named")
                .contains("westshire-report-a-pothole")
                .contains("Westshire County Council");
        assertThat(get("/editor/faqs/westshire-report-a-pothole", "shared-agent")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void aDistrictsResidentAskingAboutACountyServiceIsAnsweredThenHandedOverByTheCounty() {
        countyPotholeFaq();
        StompTestClient resident = resident("millbrook", DISTRICT_SITE, null);
        Map<String, Object> welcome = resident.awaitEvent(EVENTS, "welcome", e -> true);
        String chat = (String) welcome.get("conversationId");

        resident.send("/app/resident/message", Map.of("clientMessageId", "q-1", "text", "How do I report a pothole?"));
        Map<String, Object> said = resident.awaitEvent(EVENTS, "message", e -> "BOT".equals(e.get("sender")));
        assertThat((String) said.get("text"))
                .isEqualTo("Westshire County Council looks after this, so here is their answer.");
        assertThat(resident.awaitEvent(EVENTS, "message", e -> "BOT".equals(e.get("sender")))
                        .toString())
                .contains("Westshire County Council mends the county's roads");

        resident.send("/app/resident/message", Map.of("clientMessageId", "q-2", "text", "I want to speak to a person"));
        assertThat(resident.awaitEvent(EVENTS, "message", e -> "SYSTEM".equals(e.get("sender"))))
                .containsEntry(
                        "text",
                        "Westshire County Council looks after this, so one of their advisers will answer you. They"
                                + " will see everything said so far.");
        resident.awaitEvent(EVENTS, "status", e -> "WAITING".equals(e.get("state")));

        StompTestClient dana = agent("district-agent", ERRORS, AGENT_EVENTS);
        assertThat(waitingIn(dana.subscribe("/app/agent/queue").awaitEvent("/app/agent/queue", "queue", e -> true)))
                .as("the district's agent: not theirs")
                .doesNotContain(chat);
        StompTestClient casey = agent("county-agent", ERRORS, AGENT_EVENTS);
        Map<String, Object> queue =
                casey.subscribe("/app/agent/queue").awaitEvent("/app/agent/queue", "queue", e -> true);
        assertThat(entry(queue, chat)).containsEntry("councilId", "westshire").containsEntry("service", "highways");
        casey.send("/app/agent/accept", Map.of("conversationId", chat));
        assertThat(casey.awaitEvent(AGENT_EVENTS, "chat", e -> chat.equals(e.get("conversationId")))
                        .get("transcript")
                        .toString())
                .contains("How do I report a pothole?");
        assertThat(resident.awaitEvent(EVENTS, "status", e -> "WITH_AGENT".equals(e.get("state"))))
                .containsEntry("agentName", "Casey (county)");

        // Still the resident's chat on the district's pages: a reload there resumes it.
        StompTestClient reloaded = resident("millbrook", DISTRICT_SITE, (String) welcome.get("resumeToken"));
        assertThat(reloaded.awaitEvent(EVENTS, "welcome", e -> true))
                .containsEntry("conversationId", chat)
                .containsEntry("resumed", true);
    }

    @Test
    void aCountyServiceTheCountysFaqsDoNotAnswerIsGivenTheCountysOwnRuleOnTheDistrictsSite() {
        String district = botAnswersSaying(
                "millbrook", DISTRICT_SITE, "the street light outside my house is broken", "street light");
        assertThat(district)
                .as("a county service: the county's page")
                .contains("https://www.westshire.example/report/street-light");
        String bins = botAnswersSaying("millbrook", DISTRICT_SITE, "how do I get a garden waste bin", "garden");
        assertThat(bins).as("the district's own service: its own rules").doesNotContain("westshire.example");
    }

    @Test
    void aResidentWhoDisclosesARiskIsGivenTheirOwnCouncilsDutyLine() {
        String county = botAnswers("westshire", COUNTY_SITE, "I think a child is in danger next door");
        assertThat(county).contains("01632 960 777");
        String district = botAnswers("millbrook", DISTRICT_SITE, "I think a child is in danger next door");
        assertThat(district)
                .as("the district has no line of its own: the deployment's")
                .doesNotContain("01632 960 777");
    }

    @Test
    void eachCouncilsCannedResponsesGoToItsOwnAgentsAndSupervisors() throws Exception {
        canned.add("District closing", "Thank you for contacting Millbrook.", "millbrook", "shared-agent");
        CannedResponse county =
                canned.add("County closing", "Thank you for contacting Westshire.", "westshire", "shared-agent");

        StompTestClient casey = agent("county-agent", ERRORS, AGENT_EVENTS);
        assertThat(casey.subscribeForList("/app/agent/canned-responses"))
                .extracting(response -> response.get("title"))
                .contains("County closing")
                .doesNotContain("District closing");

        assertThat(get("/supervisor/canned-responses/" + county.id(), "district-agent")
                        .statusCode())
                .isEqualTo(404);
        assertThat(get("/supervisor/canned-responses", "district-agent").body())
                .contains("District closing")
                .doesNotContain("County closing");
        assertThat(get("/supervisor/canned-responses", "shared-agent").body()).contains("County closing");
    }

    /** The county's answer about potholes, which the district's residents get too (the county mends its roads). */
    private void countyPotholeFaq() {
        if (knowledge.find("westshire-report-a-pothole").isPresent()) {
            return;
        }
        knowledge.save(
                new FaqDraft(
                                "westshire-report-a-pothole",
                                "highways",
                                "How do I report a pothole?",
                                List.of("a pothole damaged my car"),
                                "<p>Westshire County Council mends the county's roads: report it at westshire.example.</p>",
                                null,
                                Faq.FaqStatus.PUBLISHED,
                                "en")
                        .forCouncil("westshire"),
                "county-editor");
    }

    /** Everything the bot says to a new resident of this council who asks this. */
    /** The bot's first message that says this, after the question. */
    private String botAnswersSaying(String council, String site, String question, String saying) {
        StompTestClient resident = resident(council, site, null);
        resident.send("/app/resident/message", Map.of("clientMessageId", "q-1", "text", question));
        return resident.awaitEvent(
                        EVENTS,
                        "message",
                        e -> "BOT".equals(e.get("sender"))
                                && e.toString()
                                        .toLowerCase(java.util.Locale.ROOT)
                                        .contains(saying))
                .toString();
    }

    private String botAnswers(String council, String site, String question) {
        StompTestClient resident = resident(council, site, null);
        resident.send("/app/resident/message", Map.of("clientMessageId", "q-1", "text", question));
        return resident.awaitEvent(EVENTS, "message", e -> "BOT".equals(e.get("sender")))
                .toString();
    }

    private StompTestClient resident(String council, String origin, String token) {
        StompTestClient resident = StompTestClient.resident(port, council, origin, token);
        clients.add(resident);
        return resident;
    }

    private StompTestClient agent(String username, String... destinations) {
        StompTestClient agent = StompTestClient.agent(port, username, "agent-demo", destinations);
        clients.add(agent);
        return agent;
    }

    @SuppressWarnings("unchecked")
    private static List<String> waitingIn(Map<String, Object> queue) {
        return ((List<Map<String, Object>>) queue.get("waiting"))
                .stream().map(chat -> (String) chat.get("conversationId")).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> entry(Map<String, Object> queue, String conversationId) {
        return ((List<Map<String, Object>>) queue.get("waiting"))
                .stream()
                        .filter(chat -> conversationId.equals(chat.get("conversationId")))
                        .findFirst()
                        .orElseThrow();
    }

    private int handshake(String council, String origin) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            String path = "/webchat/v1/ws" + (council == null ? "" : "?council=" + council);
            String request = "GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nOrigin: " + origin
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String statusLine = new java.io.BufferedReader(
                            new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    private HttpResponse<String> get(String path, String username) throws Exception {
        String credentials = username + ":agent-demo";
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
