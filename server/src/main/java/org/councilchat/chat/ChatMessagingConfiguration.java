package org.councilchat.chat;

import java.util.Map;
import org.councilchat.councils.Councils;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * STOMP over WebSocket: {@code /webchat/v1/ws} for residents (anonymous, from their council's web sites) and
 * {@code /agent/ws} for signed-in agents (same origin). Spring's in-memory broker carries the events to this
 * server's connections; with {@code council-chat.broker.mode: relay} the servers of a cluster also pass each other
 * their events through RabbitMQ ({@link NodeRelay}). The database, not the broker, is the record of every
 * conversation.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
@ConditionalOnWebApplication
class ChatMessagingConfiguration implements WebSocketMessageBrokerConfigurer, DisposableBean {

    /**
     * Frames up to this size are parsed and then checked, so a too-long message gets a friendly error: a chat
     * message of 2,000 characters is at most 8 KB. NOTE: the servlet container sets aside a buffer this size
     * (twice over for text, held as characters) for every open connection, whether it sends anything or not.
     */
    static final int MAX_FRAME_BYTES = 32 * 1024;

    private final Councils councils;
    private final ChatGate gate;
    private final ConnectionLimits limits;

    /**
     * Heartbeats are how the server notices a phone losing signal; the same thread looks for connections left
     * unfinished each second ({@link MalformedFrameGuard}). NOTE: deliberately not a bean: a lone
     * executor bean would be picked up by Spring Boot as the executor of every chat channel, funnelling all
     * chat traffic through this one thread.
     */
    private final ThreadPoolTaskScheduler heartbeats = new ThreadPoolTaskScheduler();

    /** Each connection's frames in the order sent; see {@link ConnectionOrder} for why not Spring's own flag. */
    private final ConnectionOrder inOrder = new ConnectionOrder();

    ChatMessagingConfiguration(Councils councils, ChatGate gate, ConnectionLimits limits) {
        this.councils = councils;
        this.gate = gate;
        this.limits = limits;
        heartbeats.setPoolSize(1);
        heartbeats.setThreadNamePrefix("stomp-heartbeat-");
        heartbeats.initialize();
    }

    @Override
    public void destroy() {
        heartbeats.shutdown();
        inOrder.shutdown();
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        registry.addEndpoint("/webchat/v1/ws")
                .setAllowedOrigins(councils.allOrigins().toArray(String[]::new))
                .setHandshakeHandler(new ResidentHandshake())
                .addInterceptors(
                        new WellFormedOrigin(),
                        new ResidentCouncil(councils),
                        new EndpointMarker(ChatGate.RESIDENT),
                        new ConnectionsPerAddress.ClientAddress());
        registry.addEndpoint("/agent/ws").addInterceptors(new WellFormedOrigin(), new EndpointMarker(ChatGate.AGENT));
        // One resident's messages must be handled in the order they were sent: done by ConnectionOrder, not by
        // setPreserveReceiveOrder, which silences every connection of a user but one (see ConnectionOrder).
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        // One server or several, each serves its own connections; a cluster's servers pass each other their events
        // through RabbitMQ (NodeRelay), which therefore never holds a resident's connection.
        registry.enableSimpleBroker("/queue", "/topic")
                .setHeartbeatValue(new long[] {10_000, 10_000})
                .setTaskScheduler(heartbeats);
        registry.setApplicationDestinationPrefixes("/app");
        registry.setUserDestinationPrefix("/user");
        // Safe on its own: the broker builds a fresh message per subscription, so every connection gets its events in
        // the order they were published.
        registry.setPreservePublishOrder(true);
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(gate).executor(inOrder);
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration
                .setMessageSizeLimit(MAX_FRAME_BYTES)
                .setSendBufferSizeLimit(1024 * 1024)
                .setSendTimeLimit(20_000)
                // The last decorator is the outermost: a connection over its address's limit is refused first.
                .addDecoratorFactory(handler -> new MalformedFrameGuard(handler, limits, MAX_FRAME_BYTES, heartbeats))
                .addDecoratorFactory(handler -> new ConnectionsPerAddress(handler, limits.maxConnectionsPerAddress()));
    }

    /** The servlet container must accept whole frames up to our limit before STOMP ever sees them. */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(MAX_FRAME_BYTES);
        container.setMaxBinaryMessageBufferSize(MAX_FRAME_BYTES);
        return container;
    }

    /** Residents are identified by their conversation at STOMP CONNECT, never by a staff cookie. */
    static final class ResidentHandshake extends DefaultHandshakeHandler {
        @Override
        protected java.security.Principal determineUser(
                ServerHttpRequest request, WebSocketHandler handler, Map<String, Object> attributes) {
            return null;
        }
    }

    /** Records which endpoint a session came through, so the gate knows whether it is a resident or agent. */
    record EndpointMarker(String endpoint) implements HandshakeInterceptor {
        @Override
        public boolean beforeHandshake(
                ServerHttpRequest request,
                ServerHttpResponse response,
                WebSocketHandler handler,
                Map<String, Object> attributes) {
            attributes.put(ChatGate.ENDPOINT, endpoint);
            return true;
        }

        @Override
        public void afterHandshake(
                ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception failure) {}
    }
}
