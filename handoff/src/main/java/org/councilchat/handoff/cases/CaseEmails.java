package org.councilchat.handoff.cases;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.councilchat.councils.Council;
import org.councilchat.councils.Councils;
import org.councilchat.handoff.CaseOpened;
import org.councilchat.handoff.ResidentCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Emails the contact centre's shared inbox when a resident leaves a message ({@code council-chat.cases.notify}
 * and {@code spring.mail.*}), so someone sees an urgent one without watching the console; a council of a shared
 * service with an inbox of its own ({@code council-chat.councils[].case-email}) gets its residents' there. Sent
 * once the case is stored; a mail server that is down loses no case, which is still in the console's inbox.
 */
@Component
class CaseEmails {

    private static final Logger log = LoggerFactory.getLogger(CaseEmails.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy HH:mm");

    private final ObjectProvider<JavaMailSender> mail;
    private final String to;
    private final String from;
    private final String consoleUrl;
    private final Councils councils;

    CaseEmails(
            ObjectProvider<JavaMailSender> mail,
            Councils councils,
            @Value("${council-chat.cases.notify:}") String to,
            @Value("${council-chat.cases.from:council-chat@localhost}") String from,
            @Value("${council-chat.cases.console-url:http://localhost:8080/agent/cases}") String consoleUrl) {
        this.mail = mail;
        this.councils = councils;
        this.to = to;
        this.from = from;
        this.consoleUrl = consoleUrl;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void caseOpened(CaseOpened event) {
        JavaMailSender sender = mail.getIfAvailable();
        ResidentCase opened = event.opened();
        Council council = councils.of(opened.councilId());
        String inbox = council.caseEmail().isBlank() ? to : council.caseEmail();
        if (inbox.isBlank() || sender == null) {
            return;
        }
        SimpleMailMessage email = new SimpleMailMessage();
        email.setFrom(from);
        email.setTo(inbox.split("\\s*,\\s*"));
        email.setSubject((opened.urgent() ? "URGENT: " : "") + "Message " + opened.reference() + " left in the chat"
                + (councils.several() ? " – " + council.name() : ""));
        email.setText(text(opened));
        try {
            sender.send(email);
        } catch (MailException unsent) {
            // The reference only: the message itself holds a resident's personal details.
            log.warn("Could not email case {}: {}", opened.reference(), unsent.getMessage());
        }
    }

    private String text(ResidentCase opened) {
        return (opened.urgent()
                        ? "A resident disclosed a risk when no adviser could take the chat. They were shown 999,"
                                + " Samaritans and the emergency duty number.\n\n"
                        : "")
                + "Reference: " + opened.reference() + "\n"
                + "Left: " + WHEN.format(opened.openedAt().atZone(ZoneId.of("Europe/London"))) + "\n"
                + "Name: " + (opened.name() == null ? "not given" : opened.name()) + "\n"
                + "Contact: " + (opened.contact() == null ? "not given" : opened.contact()) + "\n"
                + "Reply in: " + ("cy".equals(opened.language()) ? "Welsh" : "English") + "\n\n"
                + "Their message:\n" + opened.message() + "\n\n"
                + "Read the conversation and close the message when it is dealt with: " + consoleUrl + "/"
                + opened.reference() + "\n";
    }
}
