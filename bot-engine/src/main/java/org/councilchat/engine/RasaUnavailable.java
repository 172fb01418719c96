package org.councilchat.engine;

/** The Rasa server could not be reached, answered an error, or is being left alone after repeated failures. */
public class RasaUnavailable extends RuntimeException {

    public RasaUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
