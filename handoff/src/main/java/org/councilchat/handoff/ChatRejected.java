package org.councilchat.handoff;

/**
 * A client asked for something the chat cannot do. The {@code code} is part of the protocol
 * (docs/chat-protocol.md) and selects the friendly message the sender sees; nothing was stored.
 */
public class ChatRejected extends RuntimeException {

    private final String code;

    public ChatRejected(String code) {
        super(code, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
