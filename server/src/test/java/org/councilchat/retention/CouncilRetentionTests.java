package org.councilchat.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.councilchat.engine.CaseIntake;
import org.councilchat.handoff.Cases;
import org.councilchat.journey.StompTestClient;
import org.councilchat.journey.TestCouncil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * In a shared service each council keeps its residents' chats for its own retention period: Glanafon's go after
 * 30 days while Millbrook's stay for the deployment's 365, and each council's privacy notice says how long. Real
 * chats over STOMP, a real database (H2, or PostgreSQL with {@code -Dcouncil-chat.test.database=postgres}).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "council-chat.councils[0].id=millbrook",
            "council-chat.councils[0].name=Millbrook District Council",
            "council-chat.councils[0].origins=https://www.millbrook.example",
            // The demo's councils (its staff work for them), Glanafon with a shorter schedule than the demo's.
            "council-chat.councils[1].id=westshire",
            "council-chat.councils[1].name=Westshire County Council",
            "council-chat.councils[2].id=glanafon",
            "council-chat.councils[2].name=Glanafon Council",
            "council-chat.councils[2].origins=https://www.glanafon.example",
            "council-chat.councils[2].languages=cy,en",
            "council-chat.councils[2].data-controller=Glanafon Joint Services Committee",
            "council-chat.councils[2].retention=30d",
            "council-chat.retention.conversations=365d"
        })
class CouncilRetentionTests {

    @LocalServerPort
    int port;

    @Autowired
    PersonalDataRetention retention;

    @Autowired
    Cases cases;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @DynamicPropertySource
    static void council(DynamicPropertyRegistry registry) {
        TestCouncil.configure(registry);
    }

    @Test
    void eachCouncilsChatsGoOnItsOwnSchedule() {
        String millbrook = chat("millbrook", "https://www.millbrook.example");
        String glanafon = chat("glanafon", "https://www.glanafon.example");
        String glanafonCase =
                cases.open(new CaseIntake.NewCase(glanafon, "Siân", "sian@example.com", "ffoniwch fi", "cy", false));
        cases.close(glanafonCase, "Rhys", "Called back");
        Instant now = clock.instant();

        retention.purge(now.plus(Duration.ofDays(29)));
        assertThat(rows("conversation", "id", glanafon)).isOne();

        retention.purge(now.plus(Duration.ofDays(31)));
        assertThat(rows("conversation", "id", glanafon))
                .as("Glanafon keeps chats 30 days")
                .isZero();
        assertThat(rows("dialogue_state", "conversation_id", glanafon)).isZero();
        assertThat(rows("resident_case", "reference", glanafonCase)).isZero();
        assertThat(rows("conversation", "id", millbrook))
                .as("Millbrook keeps them 365")
                .isOne();

        retention.purge(now.plus(Duration.ofDays(366)));
        assertThat(rows("conversation", "id", millbrook)).isZero();
    }

    @Test
    void eachCouncilsPrivacyNoticeNamesItsDataControllerAndRetentionPeriod() throws Exception {
        String glanafon = page("/privacy?council=glanafon");
        assertThat(glanafon)
                .contains("lang=\"cy\"")
                .as("Welsh first, as Glanafon's usual language")
                .contains("Glanafon Joint Services Committee")
                .contains("am 30 diwrnod");
        assertThat(page("/privacy?council=glanafon&lang=en"))
                .contains("for 30 days")
                .contains("Darllenwch yr hysbysiad hwn yn Gymraeg");
        assertThat(page("/privacy?council=millbrook"))
                .contains("for 365 days")
                .contains("The data controller for the chat is <strong>Millbrook District Council</strong>");
        assertThat(page("/privacy?council=eastshire"))
                .as("an old link: the first council's")
                .contains("Millbrook");
    }

    private String chat(String council, String site) {
        try (StompTestClient resident = StompTestClient.resident(port, council, site, null)) {
            String conversationId = (String) resident.awaitEvent("/user/queue/events", "welcome", e -> true)
                    .get("conversationId");
            resident.send("/app/resident/message", Map.of("clientMessageId", "r-1", "text", "hello"));
            resident.awaitEvent("/user/queue/events", "message", e -> "BOT".equals(e.get("sender")));
            return conversationId;
        }
    }

    private String page(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private long rows(String table, String column, String value) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?")
                .param(value)
                .query(Long.class)
                .single();
    }
}
