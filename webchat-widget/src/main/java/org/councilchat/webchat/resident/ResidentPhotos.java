package org.councilchat.webchat.resident;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import org.councilchat.handoff.CaseOpened;
import org.councilchat.handoff.ChatEvents.MessageEvent;
import org.councilchat.handoff.ChatRejected;
import org.councilchat.handoff.PhotoResponse;
import org.councilchat.handoff.Photos;
import org.councilchat.handoff.ResidentCase;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartFile;

/**
 * A resident's photo for the adviser, or for the message they left, sent from the widget on the council's own site
 * ({@link ResidentRequests} says whose chat it is). The photo is shown back by its unguessable id.
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
    private final ResidentRequests residents;
    private final SimpMessagingTemplate clients;

    ResidentPhotos(Photos photos, ResidentRequests residents, SimpMessagingTemplate clients) {
        this.photos = photos;
        this.residents = residents;
        this.clients = clients;
    }

    /**
     * The message the resident just left can take photos: the widget offers "Add a photo to your message". Sent once
     * the case is committed, so a photo sent at once finds it.
     */
    @TransactionalEventListener(fallbackExecution = true)
    void offerPhotosWithMessage(CaseOpened opened) {
        ResidentCase left = opened.opened();
        clients.convertAndSendToUser(
                left.conversationId(),
                ResidentDesk.EVENTS,
                new MessageLeft("messageLeft", left.conversationId(), left.reference()));
    }

    /** A message the resident left, which photos can be added to for a while. */
    record MessageLeft(String type, String conversationId, String reference) {}

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
        ResidentRequests.Chat chat = residents.chat(council, token, request);
        if (chat.wrongSite()) {
            return ResidentRequests.wrongSite();
        }
        if (chat.conversationId().isEmpty()) {
            return refused("no-conversation", chat.answerTo());
        }
        try {
            var posted = photos.attach(chat.conversationId().get(), photo.getBytes(), clientMessageId);
            return ResidentRequests.withOrigin(
                            ResponseEntity.status(posted.duplicate() ? HttpStatus.OK : HttpStatus.CREATED),
                            chat.answerTo())
                    .body(MessageEvent.of(posted.message()));
        } catch (ChatRejected rejected) {
            return refused(rejected.code(), chat.answerTo());
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
        return refused("photo-too-big", origin != null && residents.allowedSomewhere(origin) ? origin : null);
    }

    private static ResponseEntity<?> refused(String code, String origin) {
        return ResidentRequests.withOrigin(
                        ResponseEntity.status(STATUS.getOrDefault(code, HttpStatus.BAD_REQUEST)), origin)
                .body(Map.of("error", code));
    }
}
