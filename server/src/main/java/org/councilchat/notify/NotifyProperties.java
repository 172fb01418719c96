package org.councilchat.notify;

import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Texts and e-mails to residents through GOV.UK Notify ({@code council-chat.notify.*}). Without an API key nothing
 * is sent and nothing is offered.
 *
 * @param apiKey the Notify service's API key (a "live" key, or a "team and guest list" one while trying it), from
 *     the environment: never in a file in the repository
 * @param baseUrl Notify's API; another only for a test double
 * @param templates the Notify template for each kind of message, by language ({@code en}, {@code cy}); a kind or a
 *     language without a template is not sent (or offered). Kinds: {@code case-reference-sms} and {@code
 *     case-reference-email}, which get {@code ((reference))}, {@code ((name))} and {@code ((council))}; {@code
 *     transcript-email}, the chat a resident asked for, which gets {@code ((transcript))}, {@code ((date))} and
 *     {@code ((council))}; {@code bin-day-reminder-sms} and {@code bin-day-reminder-email}, the evening before a
 *     collection, which get {@code ((address))}, {@code ((bins))} ("Black bin (general waste) and Green bin
 *     (recycling)"), {@code ((day))} ("Tuesday 29 December"), {@code ((change))} (why it is not the usual day, or
 *     blank), {@code ((council))} and {@code ((stop_link))}; {@code bin-day-reminders-started-sms} and {@code
 *     bin-day-reminders-started-email}, sent at once when a resident sets reminders up, so that whoever owns the
 *     number or address learns of them and can stop them, which get {@code ((address))}, {@code ((until))},
 *     {@code ((council))} and {@code ((stop_link))}.
 * @param serviceUrl this chat service's own address as residents reach it ({@code https://chat.millbrook.gov.uk}):
 *     the links in reminders to stop them start with it; needed once there is a bin-day reminder template
 * @param remindAt when reminders go, the evening before a collection, in the council's time zone; a server down
 *     then sends them when it is back, up to three hours later, and never later than that at night
 * @param remindFor how long reminders last before they stop by themselves (and the resident's number or address
 *     is deleted): a resident who moves house should not be texted about it for ever
 * @param retryAfter the wait before trying again after Notify was down or busy; twice as long each later time
 * @param maxAttempts tries before a message is given up on
 * @param keepFailed how long a message Notify refused (or that was given up on) is kept, with why, before it goes
 */
@ConfigurationProperties("council-chat.notify")
public record NotifyProperties(
        String apiKey,

        @DefaultValue("https://api.notifications.service.gov.uk")
        URI baseUrl,

        @DefaultValue Map<String, Map<String, String>> templates,
        URI serviceUrl,
        @DefaultValue("18:00") LocalTime remindAt,
        @DefaultValue("365d") Duration remindFor,
        @DefaultValue("30s") Duration retryAfter,
        @DefaultValue("6") int maxAttempts,
        @DefaultValue("7d") Duration keepFailed,
        @DefaultValue("2s") Duration checkEvery) {

    /** The kinds of message there can be templates for. */
    public static final List<String> KINDS = List.of(
            "case-reference-sms",
            "case-reference-email",
            "transcript-email",
            "bin-day-reminder-sms",
            "bin-day-reminder-email",
            "bin-day-reminders-started-sms",
            "bin-day-reminders-started-email");

    public NotifyProperties {
        templates = templates == null ? Map.of() : Map.copyOf(templates);
        for (String kind : templates.keySet()) {
            if (!KINDS.contains(kind)) {
                throw new IllegalArgumentException("council-chat.notify.templates." + kind
                        + ": there are templates for " + String.join(", ", KINDS));
            }
        }
        boolean reminders =
                templates.containsKey("bin-day-reminder-sms") || templates.containsKey("bin-day-reminder-email");
        if (reminders && (serviceUrl == null || !serviceUrl.isAbsolute())) {
            throw new IllegalArgumentException("council-chat.notify.service-url: bin-day reminders link to a page"
                    + " that stops them, so they need this service's address as residents reach it"
                    + " (https://chat.your-council.gov.uk)");
        }
        if (apiKey != null && !apiKey.isBlank() && !apiKey.strip().matches(".+-[0-9a-f-]{36}-[0-9a-f-]{36}")) {
            throw new IllegalArgumentException(
                    "council-chat.notify.api-key is not a GOV.UK Notify API key: it ends"
                            + " with the service id and the secret, two UUIDs (copy it whole from Notify's API integration page)");
        }
    }

    /** Whether anything is sent at all. */
    public boolean on() {
        return apiKey != null && !apiKey.isBlank();
    }

    /** The template for this kind of message in this language, if there is one (and a key to send it with). */
    public Optional<String> template(String kind, String language) {
        if (!on()) {
            return Optional.empty();
        }
        // A Welsh speaker gets the Welsh template; where the council has none yet, the English one rather than
        // nothing, since the reference is what they need to follow their message up.
        Map<String, String> byLanguage = templates.getOrDefault(kind, Map.of());
        return Optional.ofNullable(byLanguage.getOrDefault(language, byLanguage.get("en")))
                .filter(id -> !id.isBlank());
    }
}
