package org.councilchat.chat;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Refuses a resident connection beyond {@link ConnectionLimits#maxConnectionsPerAddress()} open from one client
 * address, closing it with {@link #TOO_MANY} before anything else sees it; the address's other connections carry
 * on. Agents' connections are signed in and not counted: a contact centre shares one address.
 *
 * <p>The address is the servlet request's, so behind the council's proxy it is the resident's only when the
 * proxy's headers are honoured ({@code server.forward-headers-strategy: native} or {@code framework}).
 */
class ConnectionsPerAddress extends WebSocketHandlerDecorator {

    static final String CLIENT_ADDRESS = "council-chat.client-address";
    /** NOTE: not 1013 (try again later), which some WebSocket clients, Tomcat's among them, take as a protocol error. */
    static final CloseStatus TOO_MANY =
            CloseStatus.POLICY_VIOLATION.withReason("Too many chat connections from your address; try again later");

    private static final Logger log = LoggerFactory.getLogger(ConnectionsPerAddress.class);

    private final int max;
    private final Map<String, Integer> openByAddress = new ConcurrentHashMap<>();
    private final Map<String, String> addressBySession = new ConcurrentHashMap<>();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();

    ConnectionsPerAddress(WebSocketHandler delegate, int max) {
        super(delegate);
        this.max = max;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws Exception {
        String address = (String) session.getAttributes().get(CLIENT_ADDRESS);
        if (address == null) {
            super.afterConnectionEstablished(session);
            return;
        }
        AtomicBoolean full = new AtomicBoolean();
        openByAddress.compute(address, (key, open) -> {
            int now = open == null ? 0 : open;
            if (now >= max) {
                full.set(true);
                return open;
            }
            return now + 1;
        });
        if (full.get()) {
            // Not the address: it is personal data, and the count says enough to an operator.
            log.info("Refusing chat connection {}: {} already open from its address", session.getId(), max);
            refused.add(session.getId());
            session.close(TOO_MANY);
            return;
        }
        addressBySession.put(session.getId(), address);
        super.afterConnectionEstablished(session);
    }

    @Override
    public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
        if (!refused.contains(session.getId())) {
            super.handleMessage(session, message);
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) throws Exception {
        if (!refused.contains(session.getId())) {
            super.handleTransportError(session, exception);
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
        if (refused.remove(session.getId())) {
            return; // never passed on, so nothing behind this knows it
        }
        String address = addressBySession.remove(session.getId());
        if (address != null) {
            openByAddress.computeIfPresent(address, (key, open) -> open <= 1 ? null : open - 1);
        }
        super.afterConnectionClosed(session, closeStatus);
    }

    /** Records the client's address at the handshake, as the servlet container (and proxy headers) give it. */
    static final class ClientAddress implements HandshakeInterceptor {

        private final AtomicBoolean warned = new AtomicBoolean();

        @Override
        public boolean beforeHandshake(
                ServerHttpRequest request,
                ServerHttpResponse response,
                WebSocketHandler handler,
                Map<String, Object> attributes) {
            if (request instanceof ServletServerHttpRequest servlet) {
                attributes.put(CLIENT_ADDRESS, servlet.getServletRequest().getRemoteAddr());
            }
            // Honoured proxy headers are consumed (by Tomcat's RemoteIpValve or Spring's ForwardedHeaderFilter).
            if (request.getHeaders().containsHeader("X-Forwarded-For") && warned.compareAndSet(false, true)) {
                log.warn("Chat connections come through a proxy whose X-Forwarded-For this server does not honour:"
                        + " connections are counted per proxy, not per resident. Set server.forward-headers-strategy"
                        + " (and the proxy's address, if it is not on a private network).");
            }
            return true;
        }

        @Override
        public void afterHandshake(
                ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception failure) {}
    }
}
