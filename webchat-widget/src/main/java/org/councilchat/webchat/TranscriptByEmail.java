package org.councilchat.webchat;

import java.util.Optional;

/**
 * Sends a resident their chat by e-mail, where the deployment can (GOV.UK Notify, in the server). The widget offers
 * it only when {@link #offered} says so; without an implementation nothing is offered.
 */
public interface TranscriptByEmail {

    /** Whether residents of this council, chatting in this language, are offered their chat by e-mail. */
    boolean offered(String councilId, String language);

    /**
     * Queues the chat as it stands to go to {@code email}; empty when queued, else why not, as a code the widget
     * explains: {@code email-not-valid}, {@code transcript-empty}, {@code transcript-too-many}, {@code
     * transcript-not-offered}.
     *
     * @param requester the address the request came from, for a limit on how many one address may send
     */
    Optional<String> send(String conversationId, String councilId, String email, String language, String requester);
}
