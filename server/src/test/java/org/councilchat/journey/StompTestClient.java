package org.councilchat.journey;

import static org.assertj.core.api.Assertions.fail;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * A real STOMP-over-WebSocket client for tests: connects like the widget or the agent console would and
 * collects every JSON event it receives, per destination, so a test can wait for the one it expects.
 */
public final class StompTestClient implements AutoCloseable {

    /** A resident's events: welcome, messages, status. */
    public static final String EVENTS = "/user/queue/events";
    /** What was wrong with what a client sent, on either side. */
    public static final String ERRORS = "/user/queue/errors";
    /** An agent's own events: chats given, taken and closed. */
    public static final String AGENT_EVENTS = "/user/queue/agent";
    /** The waiting chats every agent sees. */
    /** The demo council's agent queue. */
    public static final String QUEUE = "/topic/agent.queue.millbrook";

    /** Long enough for a slow CI machine; a test only waits this long when something is broken. */
    public static final Duration PATIENCE = Duration.ofSeconds(15);

    private final WebSocketStompClient client;
    private final StompSession session;
    private final LinkedBlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
    private final List<Received> seen = new ArrayList<>();
    /** Everything received, in the order it arrived, whether or not a test has waited for it. */
    private final List<Received> arrived = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** One JSON event and the destination it came from. */
    public record Received(String destination, Map<String, Object> body) {}

    private StompTestClient(WebSocketStompClient client, StompSession session) {
        this.client = client;
        this.session = session;
    }

    public static StompTestClient connect(String url, WebSocketHttpHeaders handshake, StompHeaders connect) {
        WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
        client.setMessageConverter(new JacksonJsonMessageConverter());
        try {
            StompSession session = client.connectAsync(url, handshake, connect, new StompSessionHandlerAdapter() {})
                    .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            return new StompTestClient(client, session);
        } catch (Exception e) {
            throw new IllegalStateException("Could not connect to " + url, e);
        }
    }

    public StompTestClient subscribe(String destination) {
        session.subscribe(destination, new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return Map.class;
            }

            @Override
            @SuppressWarnings("unchecked")
            public void handleFrame(StompHeaders headers, Object payload) {
                Received received = new Received(destination, (Map<String, Object>) payload);
                arrived.add(received);
                inbox.add(received);
            }
        });
        return this;
    }

    /**
     * Subscribes to a destination that answers once with a JSON array (such as {@code /app/agent/chats}) and
     * waits for that answer.
     */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> subscribeForList(String destination) {
        LinkedBlockingQueue<List<Map<String, Object>>> answers = new LinkedBlockingQueue<>();
        session.subscribe(destination, new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return List.class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                answers.add((List<Map<String, Object>>) payload);
            }
        });
        try {
            List<Map<String, Object>> answer = answers.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            return answer != null ? answer : fail("No answer on " + destination);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("Interrupted waiting on " + destination);
        }
    }

    public void send(String destination, Object body) {
        session.send(destination, body);
    }

    /** Sends a raw text body, e.g. something that is not JSON. */
    public void sendRaw(String destination, String body) {
        StompHeaders headers = new StompHeaders();
        headers.setDestination(destination);
        headers.setContentType(org.springframework.util.MimeTypeUtils.APPLICATION_JSON);
        session.send(headers, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * A resident on the chat page: connected (resuming the conversation when {@code resumeToken} is given),
     * subscribed to their events and errors, and welcomed.
     */
    public static StompTestClient resident(int port, String resumeToken) {
        return connect(
                        "ws://localhost:" + port + "/webchat/v1/ws",
                        new WebSocketHttpHeaders(),
                        connectHeaders(resumeToken))
                .subscribe(EVENTS)
                .subscribe(ERRORS)
                .hello(Map.of("lastSeq", 0, "language", "en"));
    }

    /** A resident on a page of this council's web site ({@code origin}), as the widget with {@code data-council}. */
    public static StompTestClient resident(int port, String council, String origin, String resumeToken) {
        WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
        handshake.setOrigin(origin);
        return connect(
                        "ws://localhost:" + port + "/webchat/v1/ws?council=" + council,
                        handshake,
                        connectHeaders(resumeToken))
                .subscribe(EVENTS)
                .subscribe(ERRORS)
                .hello(Map.of("lastSeq", 0, "language", "en"));
    }

    /** A signed-in agent (HTTP Basic, from the server's own origin) subscribed to these destinations. */
    public static StompTestClient agent(int port, String username, String password, String... destinations) {
        WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
        handshake.setBasicAuth(username, password);
        handshake.setOrigin("http://localhost:" + port);
        StompTestClient agent = connect("ws://localhost:" + port + "/agent/ws", handshake, connectHeaders(null));
        for (String destination : destinations) {
            agent.subscribe(destination);
        }
        return agent;
    }

    /**
     * Says hello as the widget does, and again if no welcome comes within a few seconds. The server handles a
     * SUBSCRIBE and the SEND right behind it on different threads, so now and then the first welcome goes out
     * before the subscription exists (the widget resends its hello for the same reason). The welcome is kept
     * for a later {@code awaitEvent(..., "welcome", ...)}.
     */
    public StompTestClient hello(Map<String, Object> hello) {
        for (int attempt = 0; attempt < 3; attempt++) {
            send("/app/resident/hello", hello);
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            try {
                while (System.nanoTime() < deadline) {
                    Received next = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    seen.add(next);
                    if ("welcome".equals(next.body().get("type"))) {
                        return this;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return fail("Never welcomed after three hellos; received: " + seen);
    }

    /** Waits for the next event (already received or still to come) that matches, and returns it. */
    public Map<String, Object> await(String description, Predicate<Received> wanted) {
        for (Received earlier : seen) {
            if (wanted.test(earlier)) {
                seen.remove(earlier);
                return earlier.body();
            }
        }
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                Received next = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (next == null) {
                    break;
                }
                if (wanted.test(next)) {
                    return next.body();
                }
                seen.add(next);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return fail("Never received " + description + "; received instead: " + seen);
    }

    public Map<String, Object> awaitEvent(String destination, String type, Predicate<Map<String, Object>> wanted) {
        return await(
                type + " on " + destination,
                received -> received.destination().equals(destination)
                        && type.equals(received.body().get("type"))
                        && wanted.test(received.body()));
    }

    /** Everything received so far that nobody has waited for. */
    /** Forgets everything received so far, so the next wait sees only what comes after this moment. */
    public void forgetEarlier() {
        inbox.drainTo(seen);
        seen.clear();
    }

    /** Every event received on {@code destination} so far, in the order it arrived (waited for or not). */
    public List<Map<String, Object>> arrivedOn(String destination) {
        return arrived.stream()
                .filter(received -> received.destination().equals(destination))
                .map(Received::body)
                .toList();
    }

    public List<Received> unclaimed() {
        inbox.drainTo(seen);
        return List.copyOf(seen);
    }

    public boolean isConnected() {
        return session.isConnected();
    }

    @Override
    public void close() {
        try {
            if (session.isConnected()) {
                session.disconnect();
            }
        } catch (MessageDeliveryException serverGone) {
            // The server went first (a test killed it): there is nobody to say goodbye to.
        } finally {
            client.stop();
        }
    }

    public static StompHeaders connectHeaders(String resumeToken) {
        StompHeaders headers = new StompHeaders();
        if (resumeToken != null) {
            headers.add("resume-token", resumeToken);
        }
        return headers;
    }
}
