package org.councilchat.webchat.assets;

import java.time.Duration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Serves the STOMP client the widget loads, from the {@code @stomp/stompjs} WebJar, at a stable address
 * beside widget.js so council pages never need to know its version.
 */
@Controller
class StompClientScript {

    private static final Resource STOMP_JS =
            new ClassPathResource("META-INF/resources/webjars/stomp__stompjs/7.2.1/bundles/stomp.umd.min.js");

    @GetMapping("/webchat/v1/stomp.js")
    ResponseEntity<Resource> stompClient() {
        return ResponseEntity.ok()
                .contentType(MediaType.valueOf("text/javascript"))
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic())
                .body(STOMP_JS);
    }
}
