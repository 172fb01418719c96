package org.councilchat.journey;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.councilchat.journey.StompTestClient.EVENTS;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.councilchat.handoff.Cases;
import org.councilchat.handoff.ResidentCase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Monday 23 November 2026 at 21:00, after the contact centre has closed: a resident who asks for a person is
 * offered to leave a message instead of a wait for no one, and their contact details and the transcript become
 * a case with a reference; a disclosure of risk still gets the emergency contacts, an urgent place in the queue
 * and an urgent case.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(OutOfHoursJourneyTests.MondayEvening.class)
class OutOfHoursJourneyTests {

    @LocalServerPort
    int port;

    @Autowired
    Cases cases;

    @Autowired
    JdbcClient jdbc;

    private StompTestClient resident;

    @DynamicPropertySource
    static void council(DynamicPropertyRegistry registry) {
        TestCouncil.configure(registry);
        // The demo council answers around the clock; these residents write to a council with office hours.
        registry.add("council-chat.engine.contact-centre.hours[0]", () -> "MON-FRI 09:00-17:00");
        registry.add("council-chat.engine.contact-centre.closed-on-bank-holidays", () -> "true");
    }

    @AfterEach
    void hangUp() {
        if (resident != null) {
            resident.close();
        }
        jdbc.sql("DELETE FROM resident_case").update();
    }

    @Test
    void aResidentWhoAsksForAPersonAfterHoursLeavesAMessageThatBecomesACase() {
        resident = residentConnects();
        String conversationId = welcomed();
        say("m-1", "I want to speak to a person");

        Map<String, Object> closed = botSays("Sorry, our advisers aren’t available right now");
        assertThat(lines(closed)).containsExactly("Next available: Tuesday 24 November at 09:00");
        assertThat(buttonTitles(closed)).containsExactly("Leave a message", "Something else");

        say("m-2", payload(closed, "Leave a message"));
        botSays("What’s your name?");
        say("m-3", "Sam Jones");
        botSays("Thanks, Sam Jones.");
        say("m-4", "not sure");
        botSays("Sorry, that doesn’t look like an email address");
        say("m-5", "sam@example.com");
        botSays("What would you like to tell us?");
        say("m-6", "My garden waste wasn't collected and the bin is overflowing");
        String taken = (String) botSays("Thank you, Sam Jones.").get("text");

        List<ResidentCase> inbox = cases.inbox(Set.of("millbrook"));
        assertThat(inbox).hasSize(1);
        ResidentCase left = inbox.getFirst();
        assertThat(taken).contains(left.reference()).contains("sam@example.com");
        assertThat(left.reference()).matches("MSG-[A-HJ-NP-Z2-9]{6}");
        assertThat(left.conversationId()).isEqualTo(conversationId);
        assertThat(left.name()).isEqualTo("Sam Jones");
        assertThat(left.contact()).isEqualTo("sam@example.com");
        assertThat(left.message()).isEqualTo("My garden waste wasn't collected and the bin is overflowing");
        assertThat(left.urgent()).isFalse();
        assertThat(left.transcript())
                .contains("RESIDENT: I want to speak to a person")
                .contains("BOT: What’s your name?")
                .contains("RESIDENT: My garden waste wasn't collected");

        assertThat(resident.unclaimed())
                .as("never queued for an adviser who is not there")
                .noneMatch(r -> "status".equals(r.body().get("type"))
                        && "WAITING".equals(r.body().get("state")));
    }

    @Test
    void aDisclosureAfterHoursStillShowsTheContactsQueuesAsUrgentAndLeavesAnUrgentCase() {
        resident = residentConnects();
        String conversationId = welcomed();
        say("s-1", "I have nowhere to sleep tonight");

        Map<String, Object> contacts = botSays("Thank you for telling us");
        assertThat(lines(contacts))
                .as("the lines for someone homeless tonight, and the council's housing line out of hours")
                .contains(
                        "Shelter’s housing advice helpline, free: 0808 800 4444",
                        "Our housing options out-of-hours line: 01632 960 999");
        String outOfHours =
                (String) botSays("Our advisers may not be available").get("text");
        botSays("If you would like our team to contact you");
        resident.awaitEvent(EVENTS, "status", e -> "WAITING".equals(e.get("state")));

        List<ResidentCase> inbox = cases.inbox(Set.of("millbrook"));
        assertThat(inbox).hasSize(1);
        assertThat(inbox.getFirst().urgent()).isTrue();
        assertThat(inbox.getFirst().conversationId()).isEqualTo(conversationId);
        assertThat(outOfHours).contains(inbox.getFirst().reference());
        assertThat(inbox.getFirst().contact()).isNull();

        // Waiting as urgent, the resident gives the way to reach them the bot asked for: it goes onto the case.
        say("s-2", "you can ring me on 07700 900123");
        assertThat((String) botSays("Thank you. Our team will use").get("text")).contains("07700900123");
        assertThat(cases.inbox(Set.of("millbrook")))
                .singleElement()
                .satisfies(urgent -> assertThat(urgent.contact()).isEqualTo("07700900123"));
        assertThat(jdbc.sql("SELECT priority FROM conversation WHERE id = ?")
                        .param(conversationId)
                        .query(Integer.class)
                        .single())
                .isPositive();
    }

    @Test
    void aResidentAddsAPhotoOfTheFlyTippingToTheMessageTheyLeftAndItIsKeptWithTheCase() {
        resident = residentConnects();
        Map<String, Object> welcome = resident.awaitEvent(EVENTS, "welcome", e -> true);
        String conversationId = (String) welcome.get("conversationId");
        String token = (String) welcome.get("resumeToken");
        assertThat(welcome.get("photosWithMessage")).isNull();
        PhotoUpload upload = new PhotoUpload(port);
        assertThat(PhotoUpload.error(upload.send(token, "b-0", PhotoUpload.smallPng(), "tip.png")))
                .as("with the bot, and no message left, nobody would see it")
                .isEqualTo("photo-needs-a-person");

        say("f-1", "I want to speak to a person");
        say("f-2", payload(botSays("Sorry, our advisers aren’t available right now"), "Leave a message"));
        botSays("What’s your name?");
        say("f-3", "Sam Jones");
        botSays("Thanks, Sam Jones.");
        say("f-4", "sam@example.com");
        botSays("What would you like to tell us?");
        say("f-5", "Someone has dumped a mattress and bags of rubbish in the lane behind Mill Street");
        botSays("Thank you, Sam Jones.");
        String reference =
                (String) resident.awaitEvent(EVENTS, "messageLeft", e -> true).get("reference");
        assertThat(cases.find(reference))
                .get()
                .extracting(ResidentCase::conversationId)
                .isEqualTo(conversationId);

        Map<String, Object> sent = PhotoUpload.stored(upload.send(token, "b-1", PhotoUpload.smallPng(), "tip.png"));
        assertThat(sent)
                .containsEntry("sender", "RESIDENT")
                .containsEntry("text", "Sent a photo with my message " + reference);
        @SuppressWarnings("unchecked")
        String photoId = (String) ((Map<String, Object>) sent.get("photo")).get("id");
        assertThat(resident.awaitEvent(EVENTS, "message", e -> "b-1".equals(e.get("clientMessageId"))))
                .containsKey("photo");

        // The case's page shows it to the council's agents; the photo is theirs to see, not another council's.
        String page = new String(
                upload.get("/agent/cases/" + reference, "agent:agent-demo").body(), UTF_8);
        assertThat(page)
                .contains("Photos sent with the message", "/agent/photos/" + photoId, "alt=\"Photo 1, sent 21:00\"");
        assertThat(upload.get("/agent/photos/" + photoId, "agent:agent-demo").statusCode())
                .isEqualTo(200);
        assertThat(upload.get("/agent/photos/" + photoId, "agent3:agent-demo").statusCode())
                .as("Rhys serves Glanafon only")
                .isEqualTo(404);
        assertThat(upload.get("/webchat/v1/photos/" + photoId, null).statusCode())
                .isEqualTo(200);

        // A page opened again offers the same message for photos.
        StompTestClient again = StompTestClient.resident(port, token);
        try {
            assertThat(again.awaitEvent(EVENTS, "welcome", e -> true)).containsEntry("photosWithMessage", reference);
        } finally {
            again.close();
        }

        // The transcript's retention purge leaves the case its photo; closing the case stops more photos, and the
        // purge of closed cases deletes it with the case.
        jdbc.sql("DELETE FROM conversation WHERE id = ?").param(conversationId).update();
        assertThat(upload.get("/agent/photos/" + photoId, "agent:agent-demo").statusCode())
                .isEqualTo(200);
        cases.close(reference, "Sam", "Passed to street cleansing");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM case_photo WHERE case_reference = ?")
                        .param(reference)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        cases.forgetClosedBefore(Instant.parse("2026-11-24T21:00:00Z"));
        assertThat(upload.get("/agent/photos/" + photoId, "agent:agent-demo").statusCode())
                .isEqualTo(404);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM case_photo")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void aPhotoCannotBeAddedToAMessageSomeoneHasClosed() {
        resident = residentConnects();
        String token =
                (String) resident.awaitEvent(EVENTS, "welcome", e -> true).get("resumeToken");
        say("c-1", "I want to speak to a person");
        say("c-2", payload(botSays("Sorry, our advisers aren’t available right now"), "Leave a message"));
        botSays("What’s your name?");
        say("c-3", "Sam Jones");
        botSays("Thanks, Sam Jones.");
        say("c-4", "sam@example.com");
        botSays("What would you like to tell us?");
        say("c-5", "Fly-tipping in the lane behind Mill Street");
        String reference =
                (String) resident.awaitEvent(EVENTS, "messageLeft", e -> true).get("reference");
        cases.close(reference, "Sam", "Passed to street cleansing");

        PhotoUpload upload = new PhotoUpload(port);
        assertThat(PhotoUpload.error(upload.send(token, "c-6", PhotoUpload.smallPng(), "tip.png")))
                .isEqualTo("photo-needs-a-person");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM case_photo")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    private String welcomed() {
        return (String) resident.awaitEvent(EVENTS, "welcome", e -> true).get("conversationId");
    }

    private void say(String id, String text) {
        resident.send("/app/resident/message", Map.of("clientMessageId", id, "text", text));
    }

    private Map<String, Object> botSays(String start) {
        return resident.awaitEvent(
                EVENTS,
                "message",
                e -> "BOT".equals(e.get("sender"))
                        && String.valueOf(e.get("text")).startsWith(start));
    }

    private StompTestClient residentConnects() {
        return StompTestClient.resident(port, null);
    }

    @SuppressWarnings("unchecked")
    private static List<String> lines(Map<String, Object> message) {
        return (List<String>) message.get("lines");
    }

    @SuppressWarnings("unchecked")
    private static List<String> buttonTitles(Map<String, Object> message) {
        return ((List<Map<String, String>>) message.get("buttons"))
                .stream().map(b -> b.get("title")).toList();
    }

    @SuppressWarnings("unchecked")
    private static String payload(Map<String, Object> message, String title) {
        return ((List<Map<String, String>>) message.get("buttons"))
                .stream()
                        .filter(b -> title.equals(b.get("title")))
                        .findFirst()
                        .orElseThrow()
                        .get("payload");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class MondayEvening {
        @Bean
        @Primary
        Clock mondayEvening() {
            return Clock.fixed(Instant.parse("2026-11-23T21:00:00Z"), ZoneOffset.UTC);
        }
    }
}
