package org.councilchat.cli;

import jakarta.servlet.http.HttpServlet;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;

/**
 * The baseline the chat is measured against: a bare STOMP echo server on the same Tomcat WebSocket stack as
 * the chat (on loopback), which answers every SEND at once with a MESSAGE carrying the same body, and does
 * nothing else. What the chat takes beyond this is the chat's own work: checking, storing, understanding
 * and answering.
 */
final class StompEchoServer implements AutoCloseable {

    private static final String PATH = "/echo";

    private final Tomcat tomcat;
    private final Path baseDirectory;

    private StompEchoServer(Tomcat tomcat, Path baseDirectory) {
        this.tomcat = tomcat;
        this.baseDirectory = baseDirectory;
    }

    static StompEchoServer start() {
        try {
            Path baseDirectory = Files.createTempDirectory("council-chat-echo");
            Tomcat tomcat = new Tomcat();
            tomcat.setBaseDir(baseDirectory.toString());
            tomcat.setPort(0);
            tomcat.getConnector().setProperty("address", "127.0.0.1");
            Context context = tomcat.addContext("", baseDirectory.toString());
            // The WebSocket upgrade is a filter, and Tomcat runs filters only for a request some servlet maps.
            Tomcat.addServlet(context, "nothing-else", new HttpServlet() {});
            context.addServletMappingDecoded("/", "nothing-else");
            context.addServletContainerInitializer(new WsSci(), null);
            context.addServletContainerInitializer(
                    (classes, servlets) -> {
                        ServerContainer container =
                                (ServerContainer) servlets.getAttribute(ServerContainer.class.getName());
                        try {
                            container.addEndpoint(ServerEndpointConfig.Builder.create(Echo.class, PATH)
                                    .build());
                        } catch (jakarta.websocket.DeploymentException e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    null);
            tomcat.start();
            return new StompEchoServer(tomcat, baseDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the echo server", e);
        } catch (LifecycleException e) {
            throw new IllegalStateException("Cannot start the echo server", e);
        }
    }

    URI url() {
        return URI.create("ws://127.0.0.1:" + tomcat.getConnector().getLocalPort() + PATH);
    }

    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            // Stopping at the end of a benchmark: nothing is left to protect.
        }
        ChatBenchmark.delete(baseDirectory);
    }

    /** One connection: CONNECTED for CONNECT, and every SEND straight back to the connection's subscription. */
    public static final class Echo extends Endpoint {

        private static final AtomicLong MESSAGE_IDS = new AtomicLong();

        private final Map<String, String> subscriptions = new LinkedHashMap<>();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> answer(session, text));
        }

        private void answer(Session session, String text) {
            RawStompClient.parse(text, frame -> {
                try {
                    switch (frame.command()) {
                        case "CONNECT", "STOMP" ->
                            session.getBasicRemote().sendText("CONNECTED\nversion:1.2\nheart-beat:0,0\n\n\0");
                        case "SUBSCRIBE" ->
                            subscriptions.putIfAbsent(
                                    frame.headers().get("destination"),
                                    frame.headers().get("id"));
                        case "SEND" -> {
                            String destination =
                                    subscriptions.keySet().stream().findFirst().orElse("/echo");
                            session.getBasicRemote()
                                    .sendText("MESSAGE\ndestination:" + destination + "\nsubscription:"
                                            + subscriptions.getOrDefault(destination, "none") + "\nmessage-id:"
                                            + MESSAGE_IDS.incrementAndGet()
                                            + "\ncontent-type:application/json\n\n" + frame.body() + "\0");
                        }
                        default -> {
                            // DISCONNECT, UNSUBSCRIBE, ACK: nothing to say.
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
