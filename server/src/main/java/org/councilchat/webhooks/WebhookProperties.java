package org.councilchat.webhooks;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Signed webhooks to the council's case system ({@code council-chat.webhooks.*}); the scheme is in
 * {@code docs/webhooks.md}.
 *
 * @param endpoints where events go; none by default
 * @param checkEvery how often the outbox is looked at for events to send
 * @param retryAfter the wait before the first retry; each later one waits twice as long as the one before, up to an
 *     hour
 * @param maxAttempts after this many failed attempts an event is kept as failed, to be sent again from
 *     {@code /admin/webhooks}
 * @param timeout for connecting to the receiver and for its answer
 * @param keepDelivered how long a delivered event stays in the outbox (it holds what residents said), for a look at
 *     what was sent
 * @param keepFailed how long an event given up on waits to be sent again before it goes too
 */
@ConfigurationProperties("council-chat.webhooks")
public record WebhookProperties(
        List<Endpoint> endpoints,
        @DefaultValue("2s") Duration checkEvery,
        @DefaultValue("10s") Duration retryAfter,
        @DefaultValue("10") int maxAttempts,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("7d") Duration keepDelivered,
        @DefaultValue("30d") Duration keepFailed) {

    /** The events a receiver can ask for. */
    public static final List<String> EVENTS =
            List.of("case-opened", "case-closed", "chat-closed", "missed-bin-reported");

    public WebhookProperties {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        if (endpoints.stream().map(Endpoint::name).distinct().count() < endpoints.size()) {
            throw new IllegalArgumentException("council-chat.webhooks.endpoints: give each endpoint its own name");
        }
    }

    /**
     * A receiver: the council's case system, say.
     *
     * @param name how the outbox and the admin page name it (kept with each event)
     * @param url where events are POSTed; https, or http to a host on the council's own network
     * @param secret the shared secret the signature is made with: at least 32 characters, from the environment
     *     (never in a file in the repository)
     * @param events which of {@link #EVENTS} it gets; empty: all
     * @param councils whose events it gets: a council's residents' data goes only to that council's systems
     */
    public record Endpoint(String name, URI url, String secret, List<String> events, List<String> councils) {

        public Endpoint {
            if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,49}")) {
                throw new IllegalArgumentException("A webhook endpoint needs a name of lower-case letters, digits and"
                        + " hyphens (council-chat.webhooks.endpoints[].name), not '" + name + "'");
            }
            if (url == null || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
                throw new IllegalArgumentException("Webhook endpoint '" + name + "' needs an http(s) url");
            }
            if (secret == null || secret.length() < 32) {
                throw new IllegalArgumentException("Webhook endpoint '" + name + "' needs a secret of at least 32"
                        + " characters (council-chat.webhooks.endpoints[].secret, from the environment)");
            }
            events = events == null || events.isEmpty() ? EVENTS : List.copyOf(events);
            for (String event : events) {
                if (!EVENTS.contains(event)) {
                    throw new IllegalArgumentException("Webhook endpoint '" + name + "' asks for event '" + event
                            + "': there are " + String.join(", ", EVENTS));
                }
            }
            if (councils == null || councils.isEmpty()) {
                throw new IllegalArgumentException("Webhook endpoint '" + name + "' names no council"
                        + " (council-chat.webhooks.endpoints[].councils): say whose events it may have");
            }
            councils = List.copyOf(councils);
        }

        boolean wants(String event, String councilId) {
            return events.contains(event) && councils.contains(councilId);
        }
    }
}
