package org.councilchat.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.socket.WebSocketHttpHeaders;

/**
 * Christmas week 2026 in England: Christmas Day on Friday 25 December and the Boxing Day substitute on
 * Monday 28 December. A resident asking on Monday 21 December is told which collections move, and why.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ChristmasBinDaysJourneyTests.MondayBeforeChristmas.class)
class ChristmasBinDaysJourneyTests {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void council(DynamicPropertyRegistry registry) {
        TestCouncil.configure(registry);
    }

    @Test
    void binDayAnswerSaysWhichCollectionsMoveForChristmasAndBoxingDay() {
        try (StompTestClient resident = StompTestClient.connect(
                        "ws://localhost:" + port + "/webchat/v1/ws",
                        new WebSocketHttpHeaders(),
                        StompTestClient.connectHeaders(null))
                .subscribe("/user/queue/events")) {
            resident.hello(Map.of("lastSeq", 0, "language", "en"));
            resident.awaitEvent("/user/queue/events", "welcome", e -> true);
            resident.send("/app/resident/message", Map.of("clientMessageId", "x-1", "text", "bin day for MB1 2BD"));
            Map<String, Object> answer =
                    resident.awaitEvent("/user/queue/events", "message", e -> "BOT".equals(e.get("sender")));
            @SuppressWarnings("unchecked")
            List<String> lines = (List<String>) answer.get("lines");
            assertThat(lines)
                    .containsExactly(
                            "Black bin (general waste): tomorrow, Tuesday 22 December, then Tuesday 5 January",
                            "Food caddy: tomorrow, Tuesday 22 December, then Wednesday 30 December",
                            "Purple box (glass): Saturday 26 December, then Friday 8 January"
                                    + " (moved from Friday 25 December: Christmas Day)",
                            "Blue bin (recycling): Wednesday 30 December, then Tuesday 12 January"
                                    + " (moved from Tuesday 29 December: Boxing Day)");
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class MondayBeforeChristmas {
        @Bean
        @Primary
        Clock mondayBeforeChristmas() {
            return Clock.fixed(Instant.parse("2026-12-21T09:00:00Z"), ZoneOffset.UTC);
        }
    }
}
