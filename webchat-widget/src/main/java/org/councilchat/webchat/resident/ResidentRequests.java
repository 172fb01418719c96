package org.councilchat.webchat.resident;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import org.councilchat.councils.Council;
import org.councilchat.councils.Councils;
import org.councilchat.handoff.Conversations;
import org.councilchat.webchat.ResidentConnections;
import org.councilchat.webchat.WebchatProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.util.WebUtils;

/**
 * Whose chat a plain HTTP request from the widget is about. The widget runs on the council's own site, so there is
 * no session: the chat's resume token, a form field, says whose it is, and the request must come from a page of
 * that council's sites (or ours). A form post with no custom header needs no CORS preflight; the answer is readable
 * only by the council's pages, which get {@code Access-Control-Allow-Origin}.
 */
@Component
class ResidentRequests {

    private final Conversations conversations;
    private final Councils councils;
    private final WebchatProperties properties;

    ResidentRequests(Conversations conversations, Councils councils, WebchatProperties properties) {
        this.conversations = conversations;
        this.councils = councils;
        this.properties = properties;
    }

    /**
     * The chat of this request.
     *
     * @param conversationId empty when the token names no chat of this council (or none recent enough)
     * @param answerTo the page's origin to let read the answer; null for our own pages
     * @param wrongSite set when the page is not one of the council's sites: answer 403 and nothing else
     */
    record Chat(Optional<String> conversationId, String councilId, String answerTo, boolean wrongSite) {}

    Chat chat(String council, String token, HttpServletRequest request) {
        Optional<Council> site =
                council == null || council.isBlank() ? Optional.of(councils.byDefault()) : councils.find(council);
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        boolean ownSite = origin == null || WebUtils.isSameOrigin(new ServletServerHttpRequest(request));
        if (site.isEmpty()) {
            return new Chat(Optional.empty(), null, ownSite || !allowedSomewhere(origin) ? null : origin, false);
        }
        if (!ownSite && !site.get().allowsOrigin(origin)) {
            // As the chat's WebSocket answers a page from a site that is not the council's.
            return new Chat(Optional.empty(), site.get().id(), null, true);
        }
        Optional<String> conversation = token == null || token.isBlank()
                ? Optional.empty()
                : conversations.idForResumeTokenHash(
                        ResidentConnections.hash(token), site.get().id(), properties.resumeEndedChatFor());
        return new Chat(conversation, site.get().id(), ownSite ? null : origin, false);
    }

    /** Whether any council's pages may read our answers: for refusals made before the council is known. */
    boolean allowedSomewhere(String origin) {
        return councils.all().stream().anyMatch(council -> council.allowsOrigin(origin));
    }

    static ResponseEntity<?> wrongSite() {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", "wrong-site"));
    }

    /** Lets the council's page read the answer: it says whether what was sent went, or why not. */
    static ResponseEntity.BodyBuilder withOrigin(ResponseEntity.BodyBuilder response, String origin) {
        return origin == null
                ? response
                : response.header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                        .header(HttpHeaders.VARY, "Origin");
    }
}
