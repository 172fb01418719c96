package org.councilchat.engine;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Working with Rasa ({@code council-chat.rasa.*}): where understanding comes from, how to reach a Rasa server,
 * and how Rasa clients reach this one.
 *
 * @param nlu {@code builtin} (this server's own intent model) or {@code rasa} (a Rasa server's, with the
 *     built-in model answering whenever Rasa is down)
 * @param dialogue {@code builtin} (this server's conversation rules) or {@code rasa} (a Rasa server runs the
 *     conversation through its REST channel; this server keeps the widget, transcripts, handoff and the
 *     safeguarding check, and the built-in bot answers whenever Rasa is down)
 * @param url the Rasa server, e.g. {@code http://rasa:5005}; needed for {@code nlu: rasa}
 * @param token Rasa's {@code --auth-token}, sent as {@code ?token=}; or
 * @param jwt a JSON Web Token sent as {@code Authorization: Bearer}
 * @param timeout how long one request to Rasa may take
 * @param retries extra attempts after a failed request (connection errors and 5xx only)
 * @param failuresBeforePause consecutive failures after which Rasa is left alone for {@code pause}
 * @param pause how long to leave a failing Rasa alone (the circuit breaker's open time)
 * @param server this server's own Rasa-compatible endpoints
 */
@ConfigurationProperties("council-chat.rasa")
public record RasaProperties(
        @DefaultValue("builtin") String nlu,
        @DefaultValue("builtin") String dialogue,
        @DefaultValue("") String url,
        @DefaultValue("") String token,
        @DefaultValue("") String jwt,
        @DefaultValue("2s") Duration timeout,
        @DefaultValue("1") int retries,
        @DefaultValue("3") int failuresBeforePause,
        @DefaultValue("30s") Duration pause,
        @DefaultValue Server server) {

    public boolean usesRasaForUnderstanding() {
        return "rasa".equalsIgnoreCase(nlu);
    }

    public boolean usesRasaForTheConversation() {
        return "rasa".equalsIgnoreCase(dialogue);
    }

    /**
     * The Rasa-compatible endpoints this server offers ({@code council-chat.rasa.server.*}), so tools written
     * for Rasa work against it.
     *
     * @param basePath where they live: a Rasa client pointed at {@code http://host:8080/rasa} just works
     * @param token required as {@code ?token=} when set (as Rasa's {@code --auth-token}); when neither this nor
     *     {@code jwtSecret} is set the endpoints are open in the demo profile, as Rasa's are without auth, and off
     *     outside it
     * @param jwtSecret the HS256 secret that {@code Authorization: Bearer} tokens must be signed with; they must
     *     carry {@code exp}
     */
    public record Server(
            @DefaultValue("/rasa") String basePath,
            @DefaultValue("") String token,
            @DefaultValue("") String jwtSecret) {}
}
