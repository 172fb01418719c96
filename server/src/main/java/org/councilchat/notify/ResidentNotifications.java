package org.councilchat.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.councilchat.councils.Councils;
import org.councilchat.engine.CaseReferenceNotices;
import org.councilchat.handoff.CaseOpened;
import org.councilchat.handoff.ResidentCase;
import org.councilchat.knowledge.ContactDetails;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * What residents are sent through GOV.UK Notify, written to the {@code resident_notification} table in the
 * transaction of what it is about, for {@link NotifyDelivery} to send once that has committed: a message left for
 * the contact centre gets its reference by text (to a UK mobile) or by e-mail, whichever the resident gave, so they
 * have it after the chat window is closed. A landline gets nothing: Notify texts mobiles only.
 */
@Component
class ResidentNotifications implements CaseReferenceNotices {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final NotifyProperties properties;
    private final JdbcClient jdbc;
    private final Councils councils;
    private final Clock clock;

    ResidentNotifications(NotifyProperties properties, JdbcClient jdbc, Councils councils, Clock clock) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.councils = councils;
        this.clock = clock;
    }

    @Override
    public Optional<ContactDetails.Kind> sentBy(String contact, String language) {
        return routeFor(contact, language).map(route -> route.contact().kind());
    }

    @EventListener
    void caseOpened(CaseOpened opened) {
        ResidentCase left = opened.opened();
        String language = left.language() == null ? "en" : left.language();
        routeFor(left.contact(), language).ifPresent(route -> {
            Map<String, Object> personalisation = new LinkedHashMap<>();
            personalisation.put("reference", left.reference());
            personalisation.put("name", left.name() == null ? "" : left.name());
            personalisation.put(
                    "council",
                    councils.find(left.councilId())
                            .map(council -> council.name())
                            .orElse(left.councilId()));
            waiting(
                    left.councilId(),
                    "case-reference",
                    route.contact().kind() == ContactDetails.Kind.EMAIL ? "EMAIL" : "SMS",
                    route.contact().value(),
                    route.template(),
                    personalisation,
                    left.reference());
        });
    }

    /**
     * Where a case's reference goes, one rule for sending it and for the bot saying so: an e-mail address with the
     * e-mail template, a UK mobile (Notify texts no landline) with the text one, in the resident's language or
     * else English.
     */
    private Optional<Route> routeFor(String given, String language) {
        if (!properties.on() || given == null) {
            return Optional.empty();
        }
        return ContactDetails.preferredIn(given).flatMap(contact -> {
            if (contact.kind() == ContactDetails.Kind.EMAIL) {
                return properties.template("case-reference-email", language).map(id -> new Route(contact, id));
            }
            return contact.value().startsWith("+447")
                    ? properties.template("case-reference-sms", language).map(id -> new Route(contact, id))
                    : Optional.empty();
        });
    }

    private record Route(ContactDetails.Found contact, String template) {}

    /** Queues one message for {@link NotifyDelivery}, in the current transaction where there is one. */
    void waiting(
            String councilId,
            String kind,
            String channel,
            String recipient,
            String template,
            Map<String, Object> personalisation,
            String reference) {
        waiting(councilId, kind, channel, recipient, template, personalisation, reference, null, null);
    }

    /**
     * As {@link #waiting(String, String, String, String, String, Map, String)}, taking the day's place {@code
     * dailySlot} among this reference's messages of the kind; false when another request took it first.
     */
    boolean waiting(
            String councilId,
            String kind,
            String channel,
            String recipient,
            String template,
            Map<String, Object> personalisation,
            String reference,
            String dailySlot,
            String requester) {
        Instant now = clock.instant();
        try {
            jdbc.sql("""
                            INSERT INTO resident_notification (council_id, kind, channel, recipient, template_id,
                              personalisation, reference, recipient_key, requester_key, daily_slot, created_at,
                              attempts, next_attempt_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)""")
                    .params(
                            councilId,
                            kind,
                            channel,
                            recipient,
                            template,
                            JSON.writeValueAsString(personalisation),
                            reference,
                            digest(recipient),
                            requester == null ? null : digest(requester),
                            dailySlot,
                            now.atOffset(ZoneOffset.UTC),
                            now.atOffset(ZoneOffset.UTC))
                    .update();
            return true;
        } catch (DuplicateKeyException anotherRequestFirst) {
            return false;
        }
    }

    /** How many messages of this kind went (or wait to go) to this recipient since then, from any chat. */
    long sentTo(String kind, String recipient, Instant since) {
        return jdbc.sql(
                        "SELECT COUNT(*) FROM resident_notification WHERE kind = ? AND recipient_key = ? AND created_at > ?")
                .params(kind, digest(recipient), since.atOffset(ZoneOffset.UTC))
                .query(Long.class)
                .single();
    }

    /** How many messages of this kind one address asked for since then. */
    long askedFrom(String kind, String requester, Instant since) {
        return jdbc.sql(
                        "SELECT COUNT(*) FROM resident_notification WHERE kind = ? AND requester_key = ? AND created_at > ?")
                .params(kind, digest(requester), since.atOffset(ZoneOffset.UTC))
                .query(Long.class)
                .single();
    }

    /** How many messages of this kind about this reference (a chat's id, a case's) were queued since then. */
    long sentFor(String kind, String reference, Instant since) {
        return jdbc.sql(
                        "SELECT COUNT(*) FROM resident_notification WHERE kind = ? AND reference = ? AND created_at > ?")
                .params(kind, reference, since.atOffset(ZoneOffset.UTC))
                .query(Long.class)
                .single();
    }

    static String digest(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(value.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException everyJavaHasIt) {
            throw new IllegalStateException(everyJavaHasIt);
        }
    }
}
