package org.councilchat.handoff;

import java.time.Duration;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A stored photo as every page that shows one serves it: the resident's widget and the agent console alike. */
public final class PhotoResponse {

    private PhotoResponse() {}

    /**
     * The JPEG, which the viewer's own browser may keep for an hour and no shared cache may; 404 when there is
     * none (or none this viewer may see: the same answer, so its existence is not given away).
     */
    public static ResponseEntity<byte[]> of(Optional<byte[]> jpeg) {
        return jpeg.map(bytes -> ResponseEntity.ok()
                        .contentType(MediaType.IMAGE_JPEG)
                        .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePrivate())
                        .header("X-Content-Type-Options", "nosniff")
                        .body(bytes))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }
}
