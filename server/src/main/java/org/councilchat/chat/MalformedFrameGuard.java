package org.councilchat.chat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.BufferingStompDecoder;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompDecoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * Reads the stream of STOMP frames of each connection before Spring does, and closes that one connection,
 * logging one line without its content, when:
 *
 * <ul>
 *   <li>a frame is not STOMP at all: answered with a STOMP ERROR frame first, as STOMP requires (Spring's own
 *       handler would log the failure with a stack trace and part of the payload, a resident's personal data);
 *   <li>more than {@link #PRE_CONNECT_BYTES} arrive before STOMP CONNECT (a CONNECT frame is a few hundred);
 *   <li>no CONNECT has come within {@link ConnectionLimits#connectTimeout()};
 *   <li>a frame begun has not been finished within {@link ConnectionLimits#frameTimeout()}.
 * </ul>
 *
 * The last three are how a stranger could otherwise hold server memory with connections that never finish.
 *
 * <p>Every session is wrapped in a {@link ConcurrentWebSocketSessionDecorator} before Spring sees it, so
 * the frames sent here and Spring's own frames (heartbeats, replies) never write at the same time.
 *
 * <p>NOTE: each frame is decoded twice (here and by Spring), and a frame split over several WebSocket messages is
 * buffered twice until it is whole; frames are small and the buffers bounded, so the cost is tiny.
 */
class MalformedFrameGuard extends WebSocketHandlerDecorator {

    /** The most a connection may send before STOMP CONNECT. */
    static final int PRE_CONNECT_BYTES = 4 * 1024;

    private static final Logger log = LoggerFactory.getLogger(MalformedFrameGuard.class);
    private static final String ERROR_FRAME = "ERROR\ncontent-type:text/plain\nmessage:Malformed STOMP frame\n\n"
            + "That was not a STOMP frame. Reconnect with your resume-token to carry on; nothing acknowledged"
            + " was lost.\u0000";
    private static final int SEND_TIME_LIMIT_MS = 20_000;
    private static final int SEND_BUFFER_LIMIT_BYTES = 1024 * 1024;
    /** How often unfinished connections are looked for: a timeout is kept to within about this much. */
    private static final Duration SWEEP = Duration.ofSeconds(1);

    static final CloseStatus TOO_BIG_BEFORE_CONNECT =
            CloseStatus.TOO_BIG_TO_PROCESS.withReason("Too much before CONNECT");
    static final CloseStatus NO_CONNECT = CloseStatus.POLICY_VIOLATION.withReason("No STOMP CONNECT in time");
    static final CloseStatus UNFINISHED_FRAME =
            CloseStatus.POLICY_VIOLATION.withReason("STOMP frame not finished in time");

    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final ConnectionLimits limits;
    private final int maxFrameBytes;

    /**
     * @param maxFrameBytes the largest frame Spring buffers, so both decoders refuse the same frames
     * @param sweeper runs the look for unfinished connections every second
     */
    MalformedFrameGuard(WebSocketHandler delegate, ConnectionLimits limits, int maxFrameBytes, TaskScheduler sweeper) {
        super(delegate);
        this.limits = limits;
        this.maxFrameBytes = maxFrameBytes;
        sweeper.scheduleAtFixedRate(this::closeUnfinished, SWEEP);
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws Exception {
        WebSocketSession safe =
                new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, SEND_BUFFER_LIMIT_BYTES);
        connections.put(
                session.getId(), new Connection(safe, new BufferingStompDecoder(new StompDecoder(), maxFrameBytes)));
        super.afterConnectionEstablished(safe);
    }

    @Override
    public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
        Connection connection = connections.get(session.getId());
        if (connection == null) {
            super.handleMessage(session, message);
            return;
        }
        ByteBuffer bytes = switch (message) {
            case TextMessage text -> ByteBuffer.wrap(text.asBytes());
            // A copy of the position, so Spring still reads the whole payload.
            case BinaryMessage binary -> binary.getPayload().duplicate();
            default -> null;
        };
        Reading reading = bytes == null ? Reading.FINE : connection.read(bytes);
        switch (reading) {
            case FINE -> super.handleMessage(connection.safe(), message);
            case MALFORMED -> {
                log.info(
                        "Closing chat connection {}: malformed STOMP frame ({} bytes)",
                        session.getId(),
                        message.getPayloadLength());
                connection.safe().sendMessage(new TextMessage(ERROR_FRAME));
                awaitFlushed(connection.safe());
                connection.safe().close(CloseStatus.PROTOCOL_ERROR);
            }
            case TOO_BIG_BEFORE_CONNECT -> {
                log.info(
                        "Closing chat connection {}: more than {} bytes before CONNECT",
                        session.getId(),
                        PRE_CONNECT_BYTES);
                connection.safe().close(TOO_BIG_BEFORE_CONNECT);
            }
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) throws Exception {
        Connection connection = connections.get(session.getId());
        super.handleTransportError(connection == null ? session : connection.safe(), exception);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
        Connection connection = connections.remove(session.getId());
        super.afterConnectionClosed(connection == null ? session : connection.safe(), closeStatus);
    }

    /**
     * Closes every connection past its time to CONNECT or to finish a frame. NOTE: each close runs on a
     * virtual thread of its own: closing writes a close frame, which to a client that has stopped reading
     * waits for the send time limit, and this runs on the heartbeat thread.
     */
    private void closeUnfinished() {
        long now = System.nanoTime();
        connections.forEach((id, connection) -> {
            CloseStatus overdue = connection.overdue(now, limits);
            if (overdue != null && connection.closing()) {
                log.info("Closing chat connection {}: {}", id, overdue.getReason());
                Thread.startVirtualThread(() -> closeQuietly(connection.safe(), overdue));
            }
        });
    }

    private static void closeQuietly(WebSocketSession session, CloseStatus status) {
        try {
            session.close(status);
        } catch (Exception alreadyGone) {
            log.debug("Chat connection {} was already closing", session.getId(), alreadyGone);
        }
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

    private enum Reading {
        FINE,
        MALFORMED,
        TOO_BIG_BEFORE_CONNECT
    }

    /** One connection's frames so far: whether it has said CONNECT, and since when a frame is unfinished. */
    private static final class Connection {

        private final WebSocketSession safe;
        private final BufferingStompDecoder frames;
        private final long openedAt = System.nanoTime();
        private boolean connected;
        private boolean unfinished;
        private long unfinishedSince;
        private boolean closing;

        Connection(WebSocketSession safe, BufferingStompDecoder frames) {
            this.safe = safe;
            this.frames = frames;
        }

        WebSocketSession safe() {
            return safe;
        }

        synchronized Reading read(ByteBuffer bytes) {
            if (!connected && frames.getBufferSize() + bytes.remaining() > PRE_CONNECT_BYTES) {
                return Reading.TOO_BIG_BEFORE_CONNECT;
            }
            List<Message<byte[]>> decoded;
            try {
                decoded = frames.decode(bytes);
            } catch (RuntimeException notStomp) {
                return Reading.MALFORMED;
            }
            for (Message<byte[]> frame : decoded) {
                StompCommand command = StompHeaderAccessor.wrap(frame).getCommand();
                connected |= command == StompCommand.CONNECT || command == StompCommand.STOMP;
            }
            if (frames.getBufferSize() == 0) {
                unfinished = false;
            } else if (!unfinished) {
                unfinished = true;
                unfinishedSince = System.nanoTime();
            }
            return Reading.FINE;
        }

        /** Why this connection should be closed now, or null. */
        synchronized CloseStatus overdue(long now, ConnectionLimits limits) {
            if (!connected && now - openedAt > limits.connectTimeout().toNanos()) {
                return NO_CONNECT;
            }
            if (unfinished && now - unfinishedSince > limits.frameTimeout().toNanos()) {
                return UNFINISHED_FRAME;
            }
            return null;
        }

        /** True the first time only, so one connection is closed once however many sweeps see it. */
        synchronized boolean closing() {
            boolean first = !closing;
            closing = true;
            return first;
        }
    }
}
