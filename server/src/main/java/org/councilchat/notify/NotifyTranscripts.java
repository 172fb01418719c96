package org.councilchat.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.councilchat.councils.Councils;
import org.councilchat.handoff.ChatMessage;
import org.councilchat.handoff.Conversations;
import org.councilchat.knowledge.ContactDetails;
import org.councilchat.webchat.TranscriptByEmail;
import org.springframework.stereotype.Component;

/**
 * A resident's chat by e-mail through GOV.UK Notify, when the council has a {@code transcript-email} template: the
 * chat as stored (card numbers already out), each message with its time and who said it, in the personalisation
 * {@code ((transcript))}. At most {@value #PER_DAY} a day for one chat, so the widget cannot be made to send a
 * stranger e-mail after e-mail.
 */
@Component
class NotifyTranscripts implements TranscriptByEmail {

    static final int PER_DAY = 3;

    /** Chats one client address may have e-mailed a day: a household or an office shares one. */
    static final int PER_ADDRESS_PER_DAY = 20;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DATE_EN = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter DATE_CY =
            DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag("cy"));

    private final NotifyProperties properties;
    private final ResidentNotifications notifications;
    private final Conversations conversations;
    private final Councils councils;
    private final Clock clock;
    private final ZoneId councilTime;

    NotifyTranscripts(
            NotifyProperties properties,
            ResidentNotifications notifications,
            Conversations conversations,
            Councils councils,
            Clock clock,
            org.councilchat.engine.EngineProperties engine) {
        this.properties = properties;
        this.notifications = notifications;
        this.conversations = conversations;
        this.councils = councils;
        this.clock = clock;
        this.councilTime = ZoneId.of(engine.timeZone());
    }

    @Override
    public boolean offered(String councilId, String language) {
        return properties.template("transcript-email", language).isPresent();
    }

    @Override
    public Optional<String> send(
            String conversationId, String councilId, String email, String language, String requester) {
        Optional<String> template = properties.template("transcript-email", language);
        if (template.isEmpty()) {
            return Optional.of("transcript-not-offered");
        }
        String address = email.strip();
        if (address.length() > 320) {
            // The longest an address can be (RFC 5321): anything longer is not one, and is not searched.
            return Optional.of("email-not-valid");
        }
        Optional<ContactDetails.Found> found = ContactDetails.preferredIn(address)
                .filter(contact -> contact.kind() == ContactDetails.Kind.EMAIL)
                .filter(contact -> contact.start() == 0 && contact.end() == address.length());
        if (found.isEmpty()) {
            return Optional.of("email-not-valid");
        }
        List<ChatMessage> chat = conversations.transcriptAfter(conversationId, 0);
        if (chat.isEmpty()) {
            return Optional.of("transcript-empty");
        }
        // Limits, so that the widget cannot be made to send a stranger the council's e-mails: per chat (a place of
        // the day's three, taken atomically), per address sent to and per address asking, over any chats.
        Instant dayAgo = clock.instant().minus(Duration.ofDays(1));
        long sentForTheChat = notifications.sentFor("transcript", conversationId, dayAgo);
        if (sentForTheChat >= PER_DAY
                || notifications.sentTo("transcript", found.get().value(), dayAgo) >= PER_DAY
                || notifications.askedFrom("transcript", requester, dayAgo) >= PER_ADDRESS_PER_DAY) {
            return Optional.of("transcript-too-many");
        }
        boolean welsh = "cy".equals(language);
        Map<String, Object> personalisation = new LinkedHashMap<>();
        personalisation.put(
                "council",
                councils.find(councilId).map(council -> council.name()).orElse(councilId));
        personalisation.put(
                "date",
                (welsh ? DATE_CY : DATE_EN).format(chat.getFirst().sentAt().atZone(councilTime)));
        personalisation.put("transcript", transcript(chat, welsh));
        String slot = LocalDate.now(clock.withZone(councilTime)) + "#" + (sentForTheChat + 1);
        boolean queued = notifications.waiting(
                councilId,
                "transcript",
                "EMAIL",
                found.get().value(),
                template.get(),
                personalisation,
                conversationId,
                slot,
                requester);
        return queued ? Optional.empty() : Optional.of("transcript-too-many");
    }

    /** Plain text, one message after another: Notify's e-mails are plain text with a little markdown. */
    private String transcript(List<ChatMessage> chat, boolean welsh) {
        StringBuilder text = new StringBuilder();
        for (ChatMessage message : chat) {
            if (!text.isEmpty()) {
                text.append("\n\n");
            }
            String who = switch (message.sender()) {
                case RESIDENT -> welsh ? "Chi" : "You";
                default -> message.senderName() == null ? "" : message.senderName();
            };
            text.append(TIME.format(message.sentAt().atZone(councilTime)))
                    .append(' ')
                    .append(who)
                    .append(": ");
            text.append(message.photo() != null ? (welsh ? "(llun)" : "(a photo)") : message.text());
            message.lines().forEach(line -> text.append("\n- ").append(line));
            message.links()
                    .forEach(link ->
                            text.append("\n").append(link.title()).append(": ").append(link.url()));
        }
        return text.toString();
    }
}
