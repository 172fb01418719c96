package org.councilchat.handoff.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.util.UUID;
import org.councilchat.engine.CaseIntake.NewCase;
import org.councilchat.handoff.Cases;
import org.councilchat.journey.StompTestClient;
import org.councilchat.journey.TestCouncil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A message left in the chat reaches the contact centre's inbox by email, through a real (in-process) SMTP server. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestCouncil.FixedClock.class)
class CaseEmailsTests {

    @RegisterExtension
    static final GreenMailExtension smtp =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    @Autowired
    Cases cases;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void council(DynamicPropertyRegistry registry) {
        TestCouncil.configure(registry);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
        registry.add("council-chat.cases.notify", () -> "contact.centre@millbrook.example");
        registry.add("council-chat.cases.from", () -> "chat@millbrook.example");
    }

    @Test
    void anUrgentMessageIsEmailedWithWhatTheAdviserNeeds() throws Exception {
        String reference = cases.open(new NewCase(
                UUID.randomUUID().toString(),
                "Sam Green",
                "07700 900456",
                "I have nowhere to sleep tonight",
                "en",
                true));

        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage email = received(reference);
        assertThat(email.getSubject())
                .isEqualTo("URGENT: Message " + reference + " left in the chat – Millbrook District Council (fictional"
                        + " demo)");
        assertThat(email.getAllRecipients()[0].toString()).isEqualTo("contact.centre@millbrook.example");
        assertThat(GreenMailUtil.getBody(email))
                .contains("Reference: " + reference)
                .contains("Name: Sam Green")
                .contains("Contact: 07700 900456")
                .contains("I have nowhere to sleep tonight")
                .contains("/agent/cases/" + reference);
    }

    @Test
    void aMessageLeftWithACouncilThatHasItsOwnInboxGoesThere() throws Exception {
        String conversationId;
        try (StompTestClient resident = StompTestClient.resident(port, "glanafon", "http://localhost:" + port, null)) {
            conversationId = (String) resident.awaitEvent(StompTestClient.EVENTS, "welcome", e -> true)
                    .get("conversationId");
        }
        String reference = cases.open(
                new NewCase(conversationId, "Siân", "01632 960 123", "Ffoniwch fi os gwelwch yn dda", "cy", false));

        MimeMessage email = received(reference);
        assertThat(email.getAllRecipients()[0].toString()).isEqualTo("canolfan.gyswllt@glanafon.example");
        assertThat(email.getSubject()).endsWith("Cyngor Glanafon – Glanafon Council (fictional demo)");
        assertThat(GreenMailUtil.getBody(email)).contains("Reply in: Welsh");
    }

    /** The email about this message, once it has come (each test's messages arrive in one shared inbox). */
    private static MimeMessage received(String reference) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (MimeMessage email : smtp.getReceivedMessages()) {
                if (email.getSubject().contains(reference)) {
                    return email;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no email about " + reference);
    }
}
