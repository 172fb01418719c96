package org.councilchat.engine.triggers;

/** The handoff trigger phrase file could not be used; the message names the file and the problem. */
public class TriggerPhrasesInvalid extends RuntimeException {

    public TriggerPhrasesInvalid(String message) {
        super(message);
    }
}
