package org.councilchat.retention;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Residents' conversations go once the retention period has passed since they were last touched: the
 * transcript, what the bot learned, and the messages they left once staff closed them. Not before.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PersonalDataRetentionTests {

    private static final Duration RETENTION = Duration.ofDays(365);

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
    void aConversationAndWhatTheBotLearnedGoOnlyOnceTheRetentionPeriodHasPassed() {
        String conversationId;
        try (StompTestClient resident = StompTestClient.resident(port, null)) {
            conversationId = (String) resident.awaitEvent("/user/queue/events", "welcome", e -> true)
                    .get("conversationId");
            resident.send(
                    "/app/resident/message", Map.of("clientMessageId", "r-1", "text", "when is my bin day? MB1 1AA"));
            resident.awaitEvent(
                    "/user/queue/events",
                    "message",
                    e -> "BOT".equals(e.get("sender"))
                            && String.valueOf(e.get("text")).startsWith("Your next bin collections"));
        }
        String closed = cases.open(
                new CaseIntake.NewCase(conversationId, "Pat", "pat@example.com", "please call me back", "en", false));
        cases.close(closed, "Sam", "Called back");
        String stillOpen =
                cases.open(new CaseIntake.NewCase(conversationId, "Pat", "pat@example.com", "and again", "en", false));
        Instant now = clock.instant();

        retention.purge(now.plus(RETENTION).minus(Duration.ofDays(1)));
        assertThat(rows("conversation", "id", conversationId)).isOne();
        assertThat(rows("dialogue_state", "conversation_id", conversationId)).isOne();
        assertThat(rows("resident_case", "reference", closed)).isOne();

        PersonalDataRetention.Purged purged =
                retention.purge(now.plus(RETENTION).plus(Duration.ofDays(1)));

        assertThat(purged.conversations()).isPositive();
        assertThat(rows("conversation", "id", conversationId)).isZero();
        assertThat(rows("chat_message", "conversation_id", conversationId)).isZero();
        assertThat(rows("dialogue_state", "conversation_id", conversationId)).isZero();
        assertThat(rows("resident_case", "reference", closed)).isZero();
        assertThat(rows("resident_case", "reference", stillOpen))
                .as("an open message is work still to do")
                .isOne();
    }

    private long rows(String table, String column, String value) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?")
                .param(value)
                .query(Long.class)
                .single();
    }
}
