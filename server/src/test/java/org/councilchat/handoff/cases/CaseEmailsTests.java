package org.councilchat.handoff.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.util.UUID;
import org.councilchat.engine.CaseIntake.NewCase;
import org.councilchat.handoff.Cases;
import org.councilchat.journey.TestCouncil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
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
        MimeMessage email = smtp.getReceivedMessages()[0];
        assertThat(email.getSubject()).isEqualTo("URGENT: Message " + reference + " left in the chat");
        assertThat(email.getAllRecipients()[0].toString()).isEqualTo("contact.centre@millbrook.example");
        assertThat(GreenMailUtil.getBody(email))
                .contains("Reference: " + reference)
                .contains("Name: Sam Green")
                .contains("Contact: 07700 900456")
                .contains("I have nowhere to sleep tonight")
                .contains("/agent/cases/" + reference);
    }
}
