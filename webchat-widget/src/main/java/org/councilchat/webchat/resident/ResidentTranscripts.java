package org.councilchat.webchat.resident;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import org.councilchat.webchat.TranscriptByEmail;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A resident asking for their chat by e-mail, from the widget ({@link ResidentRequests} says whose chat it is). The
 * chat is sent as it stands, as stored: card numbers already taken out.
 */
@RestController
class ResidentTranscripts {

    private static final Map<String, HttpStatus> STATUS = Map.of(
            "no-conversation", HttpStatus.NOT_FOUND,
            "email-not-valid", HttpStatus.BAD_REQUEST,
            "transcript-empty", HttpStatus.CONFLICT,
            "transcript-too-many", HttpStatus.TOO_MANY_REQUESTS,
            "transcript-not-offered", HttpStatus.NOT_FOUND);

    private final ResidentRequests residents;
    private final TranscriptByEmail transcripts;

    ResidentTranscripts(ResidentRequests residents, ObjectProvider<TranscriptByEmail> transcripts) {
        this.residents = residents;
        this.transcripts = transcripts.getIfAvailable();
    }

    /**
     * @param council the council whose page this is (the widget's {@code data-council}); none: the first council
     * @param token the chat's resume token, as the widget holds it
     * @param email where to send it, as the resident typed it
     * @param language the language the resident is chatting in: the e-mail's
     */
    @PostMapping("/webchat/v1/transcript-email")
    ResponseEntity<?> send(
            @RequestParam(required = false) String council,
            @RequestParam(required = false) String token,
            @RequestParam(required = false) String email,
            @RequestParam(required = false) String language,
            HttpServletRequest request) {
        ResidentRequests.Chat chat = residents.chat(council, token, request);
        if (chat.wrongSite()) {
            return ResidentRequests.wrongSite();
        }
        if (chat.conversationId().isEmpty()) {
            return refused("no-conversation", chat.answerTo());
        }
        String in = "cy".equals(language) ? "cy" : "en";
        if (transcripts == null || !transcripts.offered(chat.councilId(), in)) {
            return refused("transcript-not-offered", chat.answerTo());
        }
        Optional<String> refusal = transcripts.send(
                chat.conversationId().get(), chat.councilId(), email == null ? "" : email, in, request.getRemoteAddr());
        return refusal.<ResponseEntity<?>>map(code -> refused(code, chat.answerTo()))
                .orElseGet(
                        () -> ResidentRequests.withOrigin(ResponseEntity.status(HttpStatus.ACCEPTED), chat.answerTo())
                                .body(Map.of("sent", true)));
    }

    private static ResponseEntity<?> refused(String code, String origin) {
        return ResidentRequests.withOrigin(
                        ResponseEntity.status(STATUS.getOrDefault(code, HttpStatus.BAD_REQUEST)), origin)
                .body(Map.of("error", code));
    }
}
