package org.councilchat.chat;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.WebUtils;

/**
 * Answers a handshake whose {@code Origin} header is not a URL with 403, as for an origin not allowed. Runs
 * before Spring's origin check, which would fail on it with a 500.
 */
final class WellFormedOrigin implements HandshakeInterceptor {

    @Override
    public boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            Map<String, Object> attributes) {
        try {
            // The same parsing Spring's origin check does: whatever it cannot read is refused here.
            WebUtils.isSameOrigin(request);
            return true;
        } catch (RuntimeException malformed) {
            response.setStatusCode(HttpStatus.FORBIDDEN);
            return false;
        }
    }

    @Override
    public void afterHandshake(
            ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception failure) {}
}
