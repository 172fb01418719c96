package org.councilchat.webchat.resident;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.councilchat.councils.Council;
import org.councilchat.councils.Councils;
import org.councilchat.handoff.ChatEvents.MessageEvent;
import org.councilchat.handoff.ChatRejected;
import org.councilchat.handoff.Conversations;
import org.councilchat.handoff.PhotoResponse;
import org.councilchat.handoff.Photos;
import org.councilchat.webchat.ResidentConnections;
import org.councilchat.webchat.WebchatProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.util.WebUtils;

/**
 * A resident's photo for the adviser, sent from the widget on the council's own site. The resume token, a form
 * field, says whose chat it is (there is no session: the page is another site's); a form post with no custom header
 * needs no CORS preflight, and the answer is readable only by pages of the council's own sites. The photo is shown
 * back by its unguessable id.
 */
@RestController
class ResidentPhotos {

    private static final Map<String, HttpStatus> STATUS = Map.ofEntries(
            Map.entry("no-conversation", HttpStatus.NOT_FOUND),
            Map.entry("photo-needs-a-person", HttpStatus.CONFLICT),
            Map.entry("photo-too-big", HttpStatus.PAYLOAD_TOO_LARGE),
            Map.entry("photo-too-many", HttpStatus.TOO_MANY_REQUESTS),
            Map.entry("photo-not-an-image", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
            Map.entry("photo-heic-unsupported", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
            Map.entry("photo-unreadable", HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry("photo-too-many-pixels", HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry("photo-infected", HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry("photo-not-checked", HttpStatus.SERVICE_UNAVAILABLE),
            Map.entry("photo-busy", HttpStatus.SERVICE_UNAVAILABLE),
            Map.entry("bad-client-message-id", HttpStatus.BAD_REQUEST));

    private final Photos photos;
    private final Conversations conversations;
    private final Councils councils;
    private final WebchatProperties properties;

    ResidentPhotos(Photos photos, Conversations conversations, Councils councils, WebchatProperties properties) {
        this.photos = photos;
        this.conversations = conversations;
        this.councils = councils;
        this.properties = properties;
    }

    /**
     * @param council the council whose page this is (the widget's {@code data-council}); none: the first council
     * @param token the chat's resume token, as the widget holds it
     * @param clientMessageId the widget's id for this photo: a resend after a lost answer is kept once
     */
    @PostMapping("/webchat/v1/photos")
    ResponseEntity<?> send(
            @RequestParam(required = false) String council,
            @RequestParam("token") String token,
            @RequestParam(required = false) String clientMessageId,
            @RequestParam("photo") MultipartFile photo,
            HttpServletRequest request)
            throws IOException {
        Optional<Council> site =
                council == null || council.isBlank() ? Optional.of(councils.byDefault()) : councils.find(council);
        if (site.isEmpty()) {
            return refused("no-conversation", null);
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        boolean ownSite = origin == null || WebUtils.isSameOrigin(new ServletServerHttpRequest(request));
        if (!ownSite && !site.get().allowsOrigin(origin)) {
            // As the chat's WebSocket answers a page from a site that is not the council's.
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", "wrong-site"));
        }
        String answerTo = ownSite ? null : origin;
        Optional<String> conversation = conversations.idForResumeTokenHash(
                ResidentConnections.hash(token), site.get().id(), properties.resumeEndedChatFor());
        if (conversation.isEmpty()) {
            return refused("no-conversation", answerTo);
        }
        try {
            var posted = photos.attach(conversation.get(), photo.getBytes(), clientMessageId);
            return withOrigin(ResponseEntity.status(posted.duplicate() ? HttpStatus.OK : HttpStatus.CREATED), answerTo)
                    .body(MessageEvent.of(posted.message()));
        } catch (ChatRejected rejected) {
            return refused(rejected.code(), answerTo);
        }
    }

    /** The photo, to whoever has its id: the resident's own page, which got it in the message. */
    @GetMapping("/webchat/v1/photos/{id}")
    ResponseEntity<byte[]> photo(@PathVariable String id) {
        return PhotoResponse.of(photos.jpeg(id));
    }

    /** A file over the servlet's own limit never reaches {@link #send}: the same refusal as one over ours. */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<?> tooBig(HttpServletRequest request) {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        return refused("photo-too-big", origin != null && allowedSomewhere(origin) ? origin : null);
    }

    private boolean allowedSomewhere(String origin) {
        return councils.all().stream().anyMatch(council -> council.allowsOrigin(origin));
    }

    private static ResponseEntity<?> refused(String code, String origin) {
        return withOrigin(ResponseEntity.status(STATUS.getOrDefault(code, HttpStatus.BAD_REQUEST)), origin)
                .body(Map.of("error", code));
    }

    /** Lets the council's page read the answer: it says whether the photo went, or why not. */
    private static ResponseEntity.BodyBuilder withOrigin(ResponseEntity.BodyBuilder response, String origin) {
        return origin == null
                ? response
                : response.header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                        .header(HttpHeaders.VARY, "Origin");
    }
}
