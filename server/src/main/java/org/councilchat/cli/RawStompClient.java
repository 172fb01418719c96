package org.councilchat.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The least a STOMP client can be, over the JDK's own WebSocket: frames written and read as text, no library
 * between the measurement and the wire. The chat benchmark uses it against the chat and against a bare echo
 * server alike, so the two are measured the same way.
 */
final class RawStompClient implements AutoCloseable {

    /** One STOMP frame as received. */
    record Frame(String command, Map<String, String> headers, String body) {}

    private final WebSocket socket;
    private final LinkedBlockingQueue<Frame> received;
    private int subscriptions;

    private RawStompClient(WebSocket socket, LinkedBlockingQueue<Frame> received) {
        this.socket = socket;
        this.received = received;
    }

    /** Opens the WebSocket and says CONNECT (no heart-beats); returns once CONNECTED comes back. */
    static RawStompClient connect(HttpClient http, URI url, Duration patience) {
        LinkedBlockingQueue<Frame> received = new LinkedBlockingQueue<>();
        WebSocket socket = http.newWebSocketBuilder()
                .connectTimeout(patience)
                .buildAsync(url, new Listener(received))
                .orTimeout(patience.toMillis(), TimeUnit.MILLISECONDS)
                .join();
        RawStompClient client = new RawStompClient(socket, received);
        client.frame("CONNECT", Map.of("accept-version", "1.2", "host", url.getHost(), "heart-beat", "0,0"), "");
        Frame connected = client.next(patience);
        if (!"CONNECTED".equals(connected.command())) {
            throw new IllegalStateException("The server answered CONNECT with " + connected.command());
        }
        return client;
    }

    void subscribe(String destination) {
        frame("SUBSCRIBE", Map.of("id", "sub-" + subscriptions++, "destination", destination), "");
    }

    void send(String destination, String json) {
        frame("SEND", Map.of("destination", destination, "content-type", "application/json"), json);
    }

    /** The next frame received, waiting at most {@code patience}. */
    Frame next(Duration patience) {
        try {
            Frame frame = received.poll(patience.toNanos(), TimeUnit.NANOSECONDS);
            if (frame == null) {
                throw new IllegalStateException("Nothing came back within " + patience.toSeconds() + " s");
            }
            if ("ERROR".equals(frame.command())) {
                throw new IllegalStateException(
                        "The server sent a STOMP ERROR: " + frame.headers().get("message"));
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the server", e);
        }
    }

    private void frame(String command, Map<String, String> headers, String body) {
        StringBuilder frame = new StringBuilder(command).append('\n');
        headers.forEach(
                (name, value) -> frame.append(name).append(':').append(value).append('\n'));
        frame.append('\n').append(body).append('\0');
        socket.sendText(frame, true).join();
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "")
                .orTimeout(2, TimeUnit.SECONDS)
                .exceptionally(e -> null)
                .join();
    }

    /** Parses the frames in one WebSocket message (a server may pack several, each ending in NUL). */
    static void parse(String text, Consumer<Frame> frames) {
        for (String raw : text.split("\0")) {
            String frame = raw.stripLeading();
            if (frame.isEmpty()) {
                continue; // a heart-beat
            }
            int end = frame.indexOf("\n\n");
            String head = end < 0 ? frame : frame.substring(0, end);
            String body = end < 0 ? "" : frame.substring(end + 2);
            String[] lines = head.split("\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.putIfAbsent(lines[i].substring(0, colon), lines[i].substring(colon + 1));
                }
            }
            frames.accept(new Frame(lines[0].strip(), headers, body));
        }
    }

    private static final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();
        private final LinkedBlockingQueue<Frame> received;

        Listener(LinkedBlockingQueue<Frame> received) {
            this.received = received;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                parse(text, received::add);
            }
            socket.request(1);
            return null;
        }
    }
}
