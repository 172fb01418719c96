package org.councilchat.handoff;

import java.time.Instant;

/**
 * A message a resident left for the contact centre, or an urgent disclosure made out of hours, with a copy of
 * the conversation as it stood. It belongs to the council of the conversation: only that council's staff see it. {@code name} and {@code contact} are null when the resident gave none.
 */
public record ResidentCase(
        String reference,
        String conversationId,
        String councilId,
        String name,
        String contact,
        String message,
        String language,
        boolean urgent,
        Status status,
        String transcript,
        Instant openedAt) {

    /** Where the contact centre is with a case. */
    public enum Status {
        OPEN,
        CLOSED
    }
}
