package org.councilchat.chat;

import org.councilchat.handoff.ChatEvents.ErrorEvent;
import org.councilchat.handoff.ChatRejected;
import org.councilchat.knowledge.LoggedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.support.MethodArgumentNotValidException;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.annotation.SendToUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns what went wrong with a STOMP message into an error event on the sender's own error queue. Client
 * mistakes are expected and logged briefly at DEBUG; only our own failures are logged with a stack trace.
 */
@ControllerAdvice
class ChatErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(ChatErrorAdvice.class);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ChatErrors errors;

    ChatErrorAdvice(ChatErrors errors) {
        this.errors = errors;
    }

    @MessageExceptionHandler
    @SendToUser(destinations = ChatErrors.ERRORS, broadcast = false)
    ErrorEvent rejected(ChatRejected rejected, SimpMessageHeaderAccessor headers, Message<?> message) {
        log.debug("Rejected a chat message to {}: {}", LoggedValue.of(headers.getDestination()), rejected.code());
        return errors.event(rejected.code(), headers.getDestination(), clientMessageId(message), headers.getUser());
    }

    @MessageExceptionHandler({MessageConversionException.class, MethodArgumentNotValidException.class})
    @SendToUser(destinations = ChatErrors.ERRORS, broadcast = false)
    ErrorEvent unreadable(Exception unreadable, SimpMessageHeaderAccessor headers, Message<?> message) {
        log.debug(
                "Unreadable chat message to {}: {}",
                LoggedValue.of(headers.getDestination()),
                unreadable.getClass().getSimpleName());
        return errors.event("bad-json", headers.getDestination(), clientMessageId(message), headers.getUser());
    }

    @MessageExceptionHandler
    @SendToUser(destinations = ChatErrors.ERRORS, broadcast = false)
    ErrorEvent failed(Exception failure, SimpMessageHeaderAccessor headers, Message<?> message) {
        log.error("Could not handle a chat message to {}", LoggedValue.of(headers.getDestination()), failure);
        return errors.event("server-error", headers.getDestination(), clientMessageId(message), headers.getUser());
    }

    /**
     * The rejected message's own id, if it has a readable one, so the client knows which of its unsent
     * messages failed.
     */
    private static String clientMessageId(Message<?> message) {
        if (!(message.getPayload() instanceof byte[] body)
                || body.length > ChatMessagingConfiguration.MAX_FRAME_BYTES) {
            return null;
        }
        try {
            JsonNode id = JSON.readTree(body).get("clientMessageId");
            return id != null && id.isString() ? id.asString() : null;
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
