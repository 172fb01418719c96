package org.councilchat.webchat;

import java.security.Principal;

/**
 * A resident's identity on the chat connection: the conversation they hold the resume token for. The name
 * is the conversation id, so {@code /user/queue/...} destinations reach exactly that conversation's tabs.
 *
 * @param resumeToken the secret that resumes this conversation; only ever sent back to its holder
 * @param resumed true when the token came from an earlier connection
 * @param councilId the council whose web site the page is on (checked at the handshake); a conversation resumed is
 *     always one of this council's
 */
public record ResidentPrincipal(String conversationId, String resumeToken, boolean resumed, String councilId)
        implements Principal {

    @Override
    public String getName() {
        return conversationId;
    }

    @Override
    public String toString() {
        // Never print the token: it would let anyone reading a log take over the conversation.
        return "ResidentPrincipal[" + conversationId + "]";
    }
}
