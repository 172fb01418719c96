package org.councilchat.engine;

/**
 * Where a message a resident leaves for the contact centre goes when no adviser can take the chat: it
 * becomes a case with the conversation's transcript. Implemented by the handoff module, which owns
 * transcripts; called inside the bot's transaction, so a case and the reply that quotes its reference are
 * stored together or not at all.
 */
public interface CaseIntake {

    /** Stores the case and returns the reference the resident is given. */
    String open(NewCase newCase);

    /**
     * Adds the way to reach the resident that they gave after the case was opened (an urgent disclosure out of
     * hours is stored at once, and the bot asks for a phone number or e-mail address after). A case that
     * already has one keeps it.
     *
     * @param contact a checked e-mail address or phone number
     */
    void addContact(String reference, String contact);

    /**
     * A message for the contact centre.
     *
     * @param name the resident's name, or null (an urgent disclosure out of hours may come without one)
     * @param contact a checked email address or phone number, or null likewise
     * @param message the resident's own words
     * @param language {@code en} or {@code cy}, the language to reply in
     * @param urgent a safeguarding disclosure: first in the inbox
     * @param councilId the council whose team it is for: the resident's, or the one providing the service it is
     *     about (the county's, for a county service); null: the conversation's council, or for a channel that keeps
     *     no conversation of ours the first council's
     */
    record NewCase(
            String conversationId,
            String name,
            String contact,
            String message,
            String language,
            boolean urgent,
            String councilId) {

        /** A message whose council is its conversation's (or, without one, the first council's). */
        public NewCase(
                String conversationId, String name, String contact, String message, String language, boolean urgent) {
            this(conversationId, name, contact, message, language, urgent, null);
        }
    }
}
