package org.councilchat.chat;

import java.security.Principal;
import java.util.Locale;
import org.councilchat.handoff.ChatEvents.ErrorEvent;
import org.councilchat.handoff.Conversations;
import org.councilchat.webchat.ResidentPrincipal;
import org.springframework.context.MessageSource;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;

/**
 * Tells one client connection what was wrong with what it sent, on its {@code /user/queue/errors}, in
 * words from the message bundle. Never an exception's own message: that could leak internals.
 */
@Component
class ChatErrors {

    static final String ERRORS = "/queue/errors";

    private final SimpMessagingTemplate clients;
    private final MessageSource messages;
    private final Conversations conversations;

    ChatErrors(SimpMessagingTemplate clients, MessageSource messages, Conversations conversations) {
        this.clients = clients;
        this.messages = messages;
        this.conversations = conversations;
    }

    /** The error in the words of the user's language: a resident's chat may be in Welsh, staff work in English. */
    ErrorEvent event(String code, String destination, String clientMessageId, Principal user) {
        Locale locale = language(user);
        String text = messages.getMessage(
                "chat.error." + code, null, messages.getMessage("chat.error.server-error", null, locale), locale);
        return ErrorEvent.of(code, text, destination, clientMessageId);
    }

    private Locale language(Principal user) {
        if (user instanceof ResidentPrincipal resident) {
            try {
                return conversations
                        .find(resident.conversationId())
                        .map(conversation -> Locale.forLanguageTag(conversation.language()))
                        .orElse(Locale.UK);
            } catch (RuntimeException unavailable) {
                return Locale.UK; // the database is down: an error in English beats no error at all
            }
        }
        return Locale.UK;
    }

    /** Sends to the one session that made the mistake, not to every tab of the same user. */
    void send(Principal user, String sessionId, String code, String destination) {
        if (user == null || sessionId == null) {
            return;
        }
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        headers.setSessionId(sessionId);
        headers.setLeaveMutable(true);
        MessageHeaders messageHeaders = headers.getMessageHeaders();
        clients.convertAndSendToUser(user.getName(), ERRORS, event(code, destination, null, user), messageHeaders);
    }
}
