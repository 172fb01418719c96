package org.councilchat.engine;

/** A retraining was asked for while another was still running; the running one carries on. */
public class RetrainingAlreadyRunning extends IllegalStateException {

    public RetrainingAlreadyRunning(String source) {
        super("The intent model is already being retrained from " + source);
    }
}
