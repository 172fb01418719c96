package org.councilchat.engine.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class DialogueStateStoreTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);

    private final DataSource dataSource =
            new DriverManagerDataSource("jdbc:h2:mem:state-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");

    @Test
    void everyFieldComesBackAsItWasSaved() {
        migrate(null);
        DialogueStateStore store = new DialogueStateStore(JdbcClient.create(dataSource), CLOCK);
        DialogueState state = DialogueState.NEW
                .postcode("MB1 1AA")
                .property("101", "2 Mill Lane, Millbrook")
                .awaiting(DialogueState.Awaiting.FEEDBACK)
                .task(DialogueState.Task.MISSED_BIN)
                .wanting("recycling")
                .intent("bin_day", 0.91)
                .topic("bin_day")
                .service("waste")
                .contactName("Sam Jones")
                .contactDetails("sam@example.org")
                .disclosed("self-harm")
                .failed();

        store.save("c-1", state);
        store.save("c-1", state.helped());

        assertThat(store.load("c-1")).isEqualTo(state.helped());
        assertThat(store.load("c-2"))
                .as("a conversation the bot knows nothing of")
                .isEqualTo(DialogueState.NEW);
    }

    @Test
    void aConversationUnderWayWhenTheCouncilUpgradesCarriesOnWhereItWas() {
        migrate("2026.12.06.44");
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("""
                        INSERT INTO dialogue_state (conversation_id, awaiting, task, postcode, uprn, address, last_intent,
                          last_confidence, consecutive_failures, contact_name, service, topic, updated_at)
                        VALUES ('c-1', 'ADDRESS', 'MISSED_BIN', 'MB1 1AA', NULL, NULL, 'missed_bin', 0.88, 1, 'Sam',
                          'waste', 'missed_bin', TIMESTAMP WITH TIME ZONE '2026-12-01 09:00:00+00')""").update();

        migrate(null);

        DialogueState carriedOn = new DialogueStateStore(jdbc, CLOCK).load("c-1");
        assertThat(carriedOn.awaiting()).isEqualTo(DialogueState.Awaiting.ADDRESS);
        assertThat(carriedOn.task()).isEqualTo(DialogueState.Task.MISSED_BIN);
        assertThat(carriedOn.postcode()).isEqualTo("MB1 1AA");
        assertThat(carriedOn.uprn()).isNull();
        assertThat(carriedOn.lastIntent()).isEqualTo("missed_bin");
        assertThat(carriedOn.lastConfidence()).isEqualTo(0.88);
        assertThat(carriedOn.consecutiveFailures()).isEqualTo(1);
        assertThat(carriedOn.contactName()).isEqualTo("Sam");
        assertThat(carriedOn.service()).isEqualTo("waste");
        assertThat(carriedOn.topic()).isEqualTo("missed_bin");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dialogue_state WHERE updated_at < ?")
                        .param(Instant.parse("2026-12-02T00:00:00Z").atOffset(ZoneOffset.UTC))
                        .query(Long.class)
                        .single())
                .as("its last-touched time is kept, for the retention purge")
                .isOne();
    }

    private void migrate(String upTo) {
        var flyway = Flyway.configure()
                .placeholders(Map.of("first_council", "default"))
                .dataSource(dataSource)
                .locations("classpath:db/migration/knowledge", "classpath:db/migration/engine");
        if (upTo != null) {
            flyway = flyway.target(upTo);
        }
        flyway.load().migrate();
    }
}
