package org.councilchat.notify;

import java.net.URI;
import java.time.Duration;
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
 *     {@code ((council))}.
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
        @DefaultValue("30s") Duration retryAfter,
        @DefaultValue("6") int maxAttempts,
        @DefaultValue("7d") Duration keepFailed,
        @DefaultValue("2s") Duration checkEvery) {

    /** The kinds of message there can be templates for. */
    public static final List<String> KINDS = List.of("case-reference-sms", "case-reference-email", "transcript-email");

    public NotifyProperties {
        templates = templates == null ? Map.of() : Map.copyOf(templates);
        for (String kind : templates.keySet()) {
            if (!KINDS.contains(kind)) {
                throw new IllegalArgumentException("council-chat.notify.templates." + kind
                        + ": there are templates for " + String.join(", ", KINDS));
            }
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
