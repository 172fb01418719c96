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

    /**
     * The contact details as a link an agent can use at once: {@code mailto:} for an email address, {@code tel:}
     * for a phone number (so a softphone or a phone beside the screen dials it); null when none was given. The
     * bot checked them as one or the other when they were given.
     */
    public String contactLink() {
        if (contact == null || contact.isBlank()) {
            return null;
        }
        String given = contact.strip();
        if (given.matches("[^\\s@<>\"]+@[^\\s@<>\"]+\\.[^\\s@<>\"]+")) {
            return "mailto:" + given;
        }
        String digits = given.replaceAll("[\\s().-]", "");
        return digits.matches("\\+?[0-9]{6,15}") ? "tel:" + digits : null;
    }

    /** Where the contact centre is with a case. */
    public enum Status {
        OPEN,
        CLOSED
    }
}
