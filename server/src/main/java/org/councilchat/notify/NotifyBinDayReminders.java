package org.councilchat.notify;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.councilchat.councils.Council;
import org.councilchat.councils.Councils;
import org.councilchat.engine.BinDayReminders;
import org.councilchat.engine.EngineProperties;
import org.councilchat.knowledge.BinCollections;
import org.councilchat.knowledge.ContactDetails;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Bin-day reminders through GOV.UK Notify, offered where there is a {@code bin-day-reminder-sms} or {@code
 * bin-day-reminder-email} template in the chat's language: a text to a UK mobile or an e-mail, the evening before
 * each collection, sent by {@link BinDayReminderRound}. A resident may be setting them up for someone else's number,
 * so a {@code bin-day-reminders-started} message (where the council has its template) goes at once, with the link
 * to stop them, and one number or address can have at most {@value #PER_RECIPIENT} addresses reminded of.
 */
@Component
class NotifyBinDayReminders implements BinDayReminders {

    /** A resident's own address, an elderly parent's and one more: more than that is not one person's. */
    static final int PER_RECIPIENT = 3;

    /** Addresses one chat may set reminders up for, so the widget cannot be made to text stranger after stranger. */
    static final int PER_CONVERSATION = 3;

    private static final SecureRandom TOKENS = new SecureRandom();

    private final NotifyProperties properties;
    private final JdbcClient jdbc;
    private final ResidentNotifications notifications;
    private final BinCollections bins;
    private final Councils councils;
    private final Clock clock;
    private final ZoneId councilTime;

    NotifyBinDayReminders(
            NotifyProperties properties,
            JdbcClient jdbc,
            ResidentNotifications notifications,
            BinCollections bins,
            Councils councils,
            Clock clock,
            EngineProperties engine) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.bins = bins;
        this.councils = councils;
        this.clock = clock;
        this.councilTime = ZoneId.of(engine.timeZone());
    }

    @Override
    public Optional<Offer> offered(String councilId, String language) {
        Set<ContactDetails.Kind> channels = EnumSet.noneOf(ContactDetails.Kind.class);
        if (properties.template("bin-day-reminder-sms", language).isPresent()) {
            channels.add(ContactDetails.Kind.PHONE);
        }
        if (properties.template("bin-day-reminder-email", language).isPresent()) {
            channels.add(ContactDetails.Kind.EMAIL);
        }
        return channels.isEmpty()
                ? Optional.empty()
                : Optional.of(new Offer(channels, properties.remindAt(), monthsFor()));
    }

    @Override
    public Subscribed subscribe(Subscription asked) {
        Optional<Offer> offer = offered(asked.councilId(), asked.language());
        if (offer.isEmpty()) {
            return new Subscribed.NotOffered();
        }
        Optional<ContactDetails.Found> found = ContactDetails.preferredIn(asked.contact());
        if (found.isEmpty() || !reachable(found.get(), offer.get())) {
            return new Subscribed.CannotReach(offer.get());
        }
        ContactDetails.Found contact = found.get();
        String key = ResidentNotifications.digest(contact.value());
        if (count("recipient_key = ? AND uprn = ?", key, asked.uprn()) > 0) {
            return new Subscribed.AlreadyStarted(contact.asWritten());
        }
        if (count("recipient_key = ?", key) >= PER_RECIPIENT
                || (asked.conversationId() != null
                        && count("conversation_id = ?", asked.conversationId()) >= PER_CONVERSATION)) {
            return new Subscribed.TooMany();
        }
        // The council that collects there: a neighbour's, for a postcode of the shared service's other district.
        String councilId = bins.councilCollectingAt(asked.uprn()).orElse(asked.councilId());
        String channel = contact.kind() == ContactDetails.Kind.PHONE ? "SMS" : "EMAIL";
        String token = newToken();
        Instant now = clock.instant();
        Instant ends = now.plus(properties.remindFor());
        // Two chats setting up the same reminder at the same moment: the unique index refuses the second, whose turn
        // then fails as a whole (on PostgreSQL the bot's transaction cannot go on after it) and the resident tries
        // again.
        jdbc.sql("""
                            INSERT INTO bin_day_reminder (token, council_id, uprn, address, channel, recipient,
                              recipient_key, language, conversation_id, subscribed_at, ends_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        token,
                        councilId,
                        asked.uprn(),
                        asked.address(),
                        channel,
                        contact.value(),
                        key,
                        asked.language(),
                        asked.conversationId(),
                        now.atOffset(ZoneOffset.UTC),
                        ends.atOffset(ZoneOffset.UTC))
                .update();
        long id = jdbc.sql("SELECT id FROM bin_day_reminder WHERE token = ?")
                .param(token)
                .query(Long.class)
                .single();
        String started = channel.equals("SMS") ? "bin-day-reminders-started-sms" : "bin-day-reminders-started-email";
        properties.template(started, asked.language()).ifPresent(template -> {
            Map<String, Object> personalisation = new LinkedHashMap<>();
            personalisation.put("address", asked.address());
            personalisation.put(
                    "until",
                    ends.atZone(councilTime)
                            .format(DateTimeFormatter.ofPattern(
                                    "d MMMM yyyy", Locale.forLanguageTag(asked.language()))));
            personalisation.put("council", councilName(councilId));
            personalisation.put("stop_link", stopLink(properties, token));
            notifications.waiting(
                    councilId,
                    "bin-day-reminders-started",
                    channel,
                    contact.value(),
                    template,
                    personalisation,
                    "bin-day-reminder-" + id);
        });
        return new Subscribed.Started(contact.asWritten(), channel.equals("SMS"), monthsFor());
    }

    /** As the bot and the privacy notice say it: whole months, at least one. */
    private int monthsFor() {
        return (int) Math.max(1, Math.round(properties.remindFor().toDays() / 30.44));
    }

    /** The page that stops them: its token is its only key. */
    static String stopLink(NotifyProperties properties, String token) {
        return properties.serviceUrl().toString().replaceAll("/+$", "") + "/reminders/" + token;
    }

    private String councilName(String councilId) {
        return councils.find(councilId).map(Council::name).orElse(councilId);
    }

    /** Notify texts mobiles only; and only by the channels the council has templates for. */
    private static boolean reachable(ContactDetails.Found contact, Offer offer) {
        return contact.kind() == ContactDetails.Kind.EMAIL
                ? offer.channels().contains(ContactDetails.Kind.EMAIL)
                : offer.channels().contains(ContactDetails.Kind.PHONE)
                        && contact.value().startsWith("+447");
    }

    private long count(String where, Object... values) {
        return jdbc.sql("SELECT COUNT(*) FROM bin_day_reminder WHERE " + where)
                .params(values)
                .query(Long.class)
                .single();
    }

    private static String newToken() {
        byte[] random = new byte[32];
        TOKENS.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
