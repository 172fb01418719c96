package org.councilchat.handoff.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.councilchat.journey.TestCouncil;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The managers' figures, from conversations of every kind laid down in the database: answered by the bot,
 * answered by an agent after a wait, a resident who gave up waiting, one who left a message, one who opened
 * the chat and wrote nothing, and one from another week.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@Import(TestCouncil.FixedClock.class)
class ChatReportsPageTests {

    /**
     * A week of its own, far from the other tests' chats (which share the database): Monday 3 March 2031, in
     * GMT, so UTC and London agree.
     */
    private static final String MONDAY = "2031-03-03";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void council(DynamicPropertyRegistry registry) {
        TestCouncil.configure(registry);
    }

    /** Laid down once: the tests read it and never change it. */
    private static boolean laidDown;

    @BeforeEach
    void aWeekOfChats() {
        if (laidDown) {
            return;
        }
        laidDown = true;
        // Answered by the bot alone, at 09:10 and 09:40 on Monday, one rated 5.
        rated(conversation("2031-03-03T09:10:00Z", null, null, null, "CLOSED", false), 5);
        conversation("2031-03-03T09:40:00Z", null, null, null, "BOT", false);
        // Wanted a person at 14:00: waited 2 minutes, answered by an agent, rated 2.
        rated(
                conversation(
                        "2031-03-03T14:00:00Z",
                        "RESIDENT_ASKED",
                        "2031-03-03T14:01:00Z",
                        "2031-03-03T14:03:00Z",
                        "CLOSED",
                        true),
                2);
        // Wanted a person on Tuesday at 14:30 and gave up before an agent came.
        conversation("2031-03-04T14:30:00Z", "RESIDENT_ASKED", "2031-03-04T14:31:00Z", null, "CLOSED", false);
        // Out of hours on Tuesday at 22:00: left a message.
        String leftMessage = conversation("2031-03-04T22:00:00Z", "RESIDENT_ASKED", null, null, "CLOSED", false);
        jdbc.sql("""
                        INSERT INTO resident_case (reference, conversation_id, council_id, name, contact, message,
                          language, urgent, status, transcript, opened_at)
                        VALUES ('MSG-' || ?, ?, 'millbrook', 'Pat', 'pat@example.com', 'call me', 'en', FALSE, 'OPEN',
                          '', ?)""")
                .params(
                        UUID.randomUUID().toString().substring(0, 8),
                        leftMessage,
                        OffsetDateTime.parse("2031-03-04T22:05:00Z"))
                .update();
        // Opened the chat and wrote nothing: not a conversation.
        insertConversation(UUID.randomUUID().toString(), "2031-03-03T10:00:00Z", null, null, null, "BOT");
        // The chat of a council this supervisor does not work for, in the same week and database: not theirs to count.
        String otherCouncils = UUID.randomUUID().toString();
        insertConversation("eastshire", otherCouncils, "2031-03-03T11:00:00Z", null, null, null, "CLOSED");
        message(otherCouncils, 1, "RESIDENT", "2031-03-03T11:00:00Z");
        // The week before: outside the period.
        conversation("2031-02-24T09:00:00Z", null, null, null, "CLOSED", false);
    }

    @Test
    void theWeeksFiguresCountEachKindOfChatOnce() throws Exception {
        String page = mvc.perform(get("/supervisor/reports")
                        .param("from", MONDAY)
                        .param("to", "2031-03-09")
                        .with(user("supervisor").roles("SUPERVISOR")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(page)
                .contains("3 March 2031 to 9 March 2031")
                .containsPattern("Conversations \\(a resident wrote at least once\\)</th><td>5</td>")
                .containsPattern("containment\\)</th>\\s*<td>2 \\(40%\\)</td>")
                .containsPattern("handoff rate\\)</th>\\s*<td>3 \\(60%\\)</td>")
                .containsPattern("Answered by an agent</th><td>1</td>")
                .containsPattern("Left a message instead</th><td>1</td>")
                .containsPattern("abandonment, of those who wanted a person\\)</th>\\s*<td>1 \\(33%\\)</td>")
                .containsPattern("median</th>\\s*<td>2 min 0 s</td>")
                .contains("2, average 3.5 out of 5, 50% rated 4 or 5")
                .containsPattern("09:00 to 09:59</th>\\s*<td><span[^>]*></span><span>2</span>")
                .containsPattern("14:00 to 14:59</th>\\s*<td><span[^>]*></span><span>2</span>")
                .containsPattern("22:00 to 22:59</th>\\s*<td><span[^>]*></span><span>1</span>");
    }

    @Test
    void eachDaysFiguresDownloadAsCsv() throws Exception {
        String csv = mvc.perform(get("/supervisor/reports.csv")
                        .param("from", MONDAY)
                        .param("to", "2031-03-04")
                        .with(user("supervisor").roles("SUPERVISOR")))
                .andExpect(status().isOk())
                .andExpect(header().string(
                                "Content-Disposition",
                                Matchers.containsString("chat-report-2031-03-03-to-2031-03-04.csv")))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(csv.lines())
                .containsExactly(
                        "date,conversations,answered_by_bot_alone,wanted_a_person,answered_by_an_agent,left_a_message,"
                                + "gave_up_waiting,median_wait_seconds,long_wait_seconds,ratings,average_rating",
                        "2031-03-03,3,2,1,1,0,0,120,120,2,3.50",
                        "2031-03-04,2,0,2,0,1,1,,,0,");
    }

    @Test
    void aPeriodThatMakesNoSenseIsRefusedWithTheReason() throws Exception {
        mvc.perform(get("/supervisor/reports")
                        .param("from", "2031-03-09")
                        .param("to", MONDAY)
                        .with(user("supervisor").roles("SUPERVISOR")))
                .andExpect(status().isOk())
                .andExpect(
                        content().string(Matchers.containsString("The start date must be on or before the end date.")));
        mvc.perform(get("/supervisor/reports")
                        .param("from", "last tuesday")
                        .with(user("supervisor").roles("SUPERVISOR")))
                .andExpect(content().string(Matchers.containsString("The start date must be a date")));
        mvc.perform(get("/supervisor/reports.csv")
                        .param("from", "2024-01-01")
                        .param("to", MONDAY)
                        .with(user("supervisor").roles("SUPERVISOR")))
                .andExpect(status().isBadRequest());
    }

    @Test
    void aSupervisorOfBothCouncilsSeesEachSideBySideAndCanShowOneAlone() throws Exception {
        // A week of its own: one chat on the district's site, two on the county's.
        for (String[] chat : new String[][] {
            {"millbrook", "2031-04-07T10:00:00Z"},
            {"westshire", "2031-04-07T11:00:00Z"},
            {"westshire", "2031-04-08T12:00:00Z"}
        }) {
            String id = UUID.randomUUID().toString();
            insertConversation(chat[0], id, chat[1], null, null, null, "CLOSED");
            message(id, 1, "RESIDENT", chat[1]);
        }

        String page = mvc.perform(get("/supervisor/reports")
                        .param("from", "2031-04-07")
                        .param("to", "2031-04-13")
                        .with(user("supervisor").roles("SUPERVISOR")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("Each council, side by side")
                .containsPattern(
                        "Millbrook District Council \\(fictional demo\\)</th>\\s*<th scope=\"col\">Westshire County"
                                + " Council \\(fictional demo\\)</th>\\s*<th scope=\"col\">Cyngor Glanafon – Glanafon"
                                + " Council \\(fictional demo\\)</th>\\s*<th scope=\"col\">All your councils")
                .containsPattern("Residents who chatted</th>\\s*<td>1</td>\\s*<td>2</td>\\s*<td>0</td>\\s*<td>3</td>");

        String county = mvc.perform(get("/supervisor/reports")
                        .param("from", "2031-04-07")
                        .param("to", "2031-04-13")
                        .param("council", "westshire")
                        .with(user("supervisor").roles("SUPERVISOR")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(county)
                .containsPattern("Conversations \\(a resident wrote at least once\\)</th><td>2</td>")
                .doesNotContain("Each council, side by side");
        assertThat(mvc.perform(get("/supervisor/reports.csv")
                                .param("from", "2031-04-07")
                                .param("to", "2031-04-08")
                                .param("council", "westshire")
                                .with(user("supervisor").roles("SUPERVISOR")))
                        .andExpect(header().string(
                                        "Content-Disposition",
                                        Matchers.containsString("chat-report-westshire-2031-04-07-to-2031-04-08.csv")))
                        .andReturn()
                        .getResponse()
                        .getContentAsString()
                        .lines())
                .contains("2031-04-07,1,1,0,0,0,0,,,0,", "2031-04-08,1,1,0,0,0,0,,,0,");
    }

    @Test
    void onlySupervisorsSeeTheFigures() throws Exception {
        mvc.perform(get("/supervisor/reports").with(user("agent").roles("AGENT")))
                .andExpect(status().isForbidden());
    }

    private String conversation(
            String created, String handoffReason, String waitingSince, String acceptedAt, String state, boolean agent) {
        String id = UUID.randomUUID().toString();
        insertConversation(id, created, handoffReason, waitingSince, acceptedAt, state);
        message(id, 1, "RESIDENT", created);
        if (agent) {
            message(id, 2, "AGENT", acceptedAt);
        }
        return id;
    }

    private void insertConversation(
            String id, String created, String handoffReason, String waitingSince, String acceptedAt, String state) {
        insertConversation("millbrook", id, created, handoffReason, waitingSince, acceptedAt, state);
    }

    private void insertConversation(
            String council,
            String id,
            String created,
            String handoffReason,
            String waitingSince,
            String acceptedAt,
            String state) {
        jdbc.sql("""
                        INSERT INTO conversation (id, council_id, site_council_id, resume_token_hash, state, language,
                          last_seq, created_at, updated_at, waiting_since, handoff_reason, priority, accepted_at)
                        VALUES (?, ?, ?, ?, ?, 'en', 2, ?, ?, ?, ?, 0, ?)""")
                .params(
                        id,
                        council,
                        council,
                        id.replace("-", "") + "00000000000000000000000000000000",
                        state,
                        at(created),
                        at(created),
                        at(waitingSince),
                        handoffReason,
                        at(acceptedAt))
                .update();
    }

    private void message(String conversation, int seq, String sender, String at) {
        jdbc.sql("INSERT INTO chat_message (conversation_id, seq, sender, body, sent_at) VALUES (?, ?, ?, 'words', ?)")
                .params(conversation, seq, sender, at(at))
                .update();
    }

    private void rated(String conversation, int score) {
        jdbc.sql("INSERT INTO conversation_rating (conversation_id, score, rated_at) VALUES (?, ?, ?)")
                .params(conversation, score, OffsetDateTime.now(ZoneOffset.UTC))
                .update();
    }

    private static OffsetDateTime at(String instant) {
        return instant == null ? null : OffsetDateTime.parse(instant);
    }
}
