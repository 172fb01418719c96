package org.councilchat.knowledge;

/** The collection source could not answer just now; the resident should be told, not shown an error. */
public class CollectionSourceUnavailable extends RuntimeException {

    public CollectionSourceUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
