package org.councilchat.chat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.simp.stomp.StompDecoder;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * Answers a frame that is not STOMP at all with a STOMP ERROR frame and closes that one connection, as
 * STOMP requires, logging one line. Spring's own handler would log the failure with a stack trace and
 * part of the payload, and a resident's payload is personal data.
 *
 * <p>Every session is wrapped in a {@link ConcurrentWebSocketSessionDecorator} before Spring sees it, so
 * the ERROR frame sent here and Spring's own frames (heartbeats, replies) never write at the same time.
 *
 * <p>NOTE: each text frame is decoded twice (here and by Spring); frames are small, so the cost is tiny.
 */
class MalformedFrameGuard extends WebSocketHandlerDecorator {

    private static final Logger log = LoggerFactory.getLogger(MalformedFrameGuard.class);
    private static final String ERROR_FRAME = "ERROR\ncontent-type:text/plain\nmessage:Malformed STOMP frame\n\n"
            + "That was not a STOMP frame. Reconnect with your resume-token to carry on; nothing acknowledged"
            + " was lost.\u0000";
    private static final int SEND_TIME_LIMIT_MS = 20_000;
    private static final int SEND_BUFFER_LIMIT_BYTES = 1024 * 1024;

    private final Map<String, WebSocketSession> serialised = new ConcurrentHashMap<>();

    MalformedFrameGuard(WebSocketHandler delegate) {
        super(delegate);
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws Exception {
        WebSocketSession safe =
                new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, SEND_BUFFER_LIMIT_BYTES);
        serialised.put(session.getId(), safe);
        super.afterConnectionEstablished(safe);
    }

    @Override
    public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
        WebSocketSession safe = serialised.getOrDefault(session.getId(), session);
        if (message instanceof TextMessage text && !isStomp(text)) {
            log.info(
                    "Closing chat connection {}: malformed STOMP frame ({} bytes)",
                    session.getId(),
                    text.getPayloadLength());
            safe.sendMessage(new TextMessage(ERROR_FRAME));
            awaitFlushed(safe);
            safe.close(CloseStatus.PROTOCOL_ERROR);
            return;
        }
        super.handleMessage(safe, message);
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) throws Exception {
        super.handleTransportError(serialised.getOrDefault(session.getId(), session), exception);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
        WebSocketSession safe = serialised.remove(session.getId());
        super.afterConnectionClosed(safe == null ? session : safe, closeStatus);
    }

    /**
     * The decorator may have queued the ERROR frame behind a send in progress on another thread; closing
     * before that thread flushes it would lose it. NOTE: waits at most two seconds, and only on this path.
     */
    private static void awaitFlushed(WebSocketSession session) throws InterruptedException {
        if (!(session instanceof ConcurrentWebSocketSessionDecorator concurrent)) {
            return;
        }
        long deadline = System.nanoTime() + 2_000_000_000L;
        while ((concurrent.getBufferSize() > 0 || concurrent.getTimeSinceSendStarted() > 0)
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private static boolean isStomp(TextMessage text) {
        try {
            new StompDecoder().decode(ByteBuffer.wrap(text.getPayload().getBytes(StandardCharsets.UTF_8)));
            return true;
        } catch (RuntimeException notStomp) {
            return false;
        }
    }
}
