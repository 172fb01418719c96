package org.councilchat.chat;

import java.util.Map;
import java.util.Optional;
import org.councilchat.councils.Council;
import org.councilchat.councils.Councils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.WebUtils;

/**
 * Which council a resident's chat page belongs to: the widget names it ({@code data-council}, sent as
 * {@code ?council=} on the WebSocket address), else the first council. The page must come from one of that
 * council's web sites (or this server's own): Spring's origin check lets in every council's sites, this one only
 * the named council's, so a page on one council's site cannot open chats as another's. A council nobody
 * configured is 404; the wrong site 403, as Spring answers an origin it does not know.
 */
final class ResidentCouncil implements HandshakeInterceptor {

    private final Councils councils;

    ResidentCouncil(Councils councils) {
        this.councils = councils;
    }

    @Override
    public boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            Map<String, Object> attributes) {
        String named = UriComponentsBuilder.fromUri(request.getURI())
                .build()
                .getQueryParams()
                .getFirst("council");
        Optional<Council> council =
                named == null || named.isBlank() ? Optional.of(councils.byDefault()) : councils.find(named);
        if (council.isEmpty()) {
            response.setStatusCode(HttpStatus.NOT_FOUND);
            return false;
        }
        String origin = request.getHeaders().getOrigin();
        if (origin != null && !WebUtils.isSameOrigin(request) && !council.get().allowsOrigin(origin)) {
            response.setStatusCode(HttpStatus.FORBIDDEN);
            return false;
        }
        attributes.put(ChatGate.COUNCIL, council.get().id());
        return true;
    }

    @Override
    public void afterHandshake(
            ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception failure) {}
}
