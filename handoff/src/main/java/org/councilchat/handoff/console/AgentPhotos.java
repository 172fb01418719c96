package org.councilchat.handoff.console;

import java.security.Principal;
import org.councilchat.handoff.PhotoResponse;
import org.councilchat.handoff.Photos;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A resident's photo on the agent console: only to an agent who serves the council of the chat it was sent in.
 * A photo of another council's chat is, to this agent, no photo at all: the same 404 as an id nobody has.
 */
@RestController
class AgentPhotos {

    private final Photos photos;

    AgentPhotos(Photos photos) {
        this.photos = photos;
    }

    @GetMapping("/agent/photos/{id}")
    ResponseEntity<byte[]> photo(@PathVariable String id, Principal agent) {
        return PhotoResponse.of(photos.jpegFor(id, agent));
    }
}
