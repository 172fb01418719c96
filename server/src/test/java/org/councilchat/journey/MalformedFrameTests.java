package org.councilchat.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * Connections that are not a chat: a client that sends something that is not STOMP gets a STOMP ERROR frame
 * and loses only its own connection, and the log gets one line, not a stack trace with their words; a
 * connection that never says CONNECT, sends too much before it, or leaves a frame half sent is closed; one
 * address cannot hold more than its share of connections (counted by the proxy's X-Forwarded-For). Residents
 * chatting meanwhile carry on.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "council-chat.chat.connect-timeout=2s",
            "council-chat.chat.frame-timeout=2s",
            "council-chat.chat.max-connections-per-address=3",
            "server.forward-headers-strategy=native"
        })
@ExtendWith(OutputCaptureExtension.class)
class MalformedFrameTests {

    private static final String CONNECT = "CONNECT\naccept-version:1.2\nhost:localhost\n\n\u0000";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void council(DynamicPropertyRegistry registry) {
        TestCouncil.configure(registry);
    }

    @Test
    void garbageFrameGetsAnErrorFrameAndOtherChatsCarryOn(CapturedOutput log) throws Exception {
        try (StompTestClient bystander = resident("192.0.2.1")) {
            Raw raw = Raw.open(port, null);
            raw.session.sendMessage(new TextMessage(CONNECT));
            assertThat(raw.frames.poll(15, TimeUnit.SECONDS)).startsWith("CONNECTED");

            raw.session.sendMessage(new TextMessage("MY CARD NUMBER IS 4111 1111 1111 1111\n\n\u0000"));
            assertThat(raw.frames.poll(15, TimeUnit.SECONDS))
                    .startsWith("ERROR")
                    .contains("Malformed STOMP frame");
            assertThat(raw.closeStatus().getCode()).isEqualTo(CloseStatus.PROTOCOL_ERROR.getCode());

            chatsOn(bystander, "b-1");
        }
        assertThat(log.getAll()).doesNotContain("4111").doesNotContain("\tat org.springframework.messaging");
    }

    @Test
    void halfAFrameAndNothingElseIsClosedWhileAResidentCarriesOn(CapturedOutput log) throws Exception {
        try (StompTestClient bystander = resident("192.0.2.2")) {
            Raw raw = Raw.open(port, "192.0.2.3");
            raw.session.sendMessage(new TextMessage(CONNECT));
            assertThat(raw.frames.poll(15, TimeUnit.SECONDS)).startsWith("CONNECTED");

            raw.session.sendMessage(new TextMessage("SEND\ndestination:/app/resident/message\n"
                    + "content-type:application/json\n\n{\"clientMessageId\":\"h-1\",\"text\":\"my address is 2 Mi"));

            assertThat(raw.closeStatus())
                    .isEqualTo(CloseStatus.POLICY_VIOLATION.withReason("STOMP frame not finished in time"));
            // Closed after the frame timeout: the resident connected before it, silent all that time, is not.
            assertThat(bystander.isConnected()).isTrue();
            chatsOn(bystander, "b-2");
        }
        assertThat(log.getAll()).doesNotContain("2 Mi");
    }

    @Test
    void aConnectionThatNeverSaysConnectIsClosed() throws Exception {
        try (StompTestClient bystander = resident("192.0.2.4")) {
            Raw silent = Raw.open(port, "192.0.2.5");

            assertThat(silent.closeStatus())
                    .isEqualTo(CloseStatus.POLICY_VIOLATION.withReason("No STOMP CONNECT in time"));
            assertThat(silent.frames).isEmpty();
            chatsOn(bystander, "b-3");
        }
    }

    @Test
    void moreThanACoupleOfKilobytesBeforeConnectIsClosed() throws Exception {
        Raw raw = Raw.open(port, "192.0.2.6");
        raw.session.sendMessage(new TextMessage("CONNECT\naccept-version:1.2\nx-padding:" + "x".repeat(5 * 1024)));

        assertThat(raw.closeStatus().getCode()).isEqualTo(CloseStatus.TOO_BIG_TO_PROCESS.getCode());
        assertThat(raw.frames).isEmpty();
    }

    @Test
    void theConnectionOverTheLimitFromOneAddressIsRefusedWhileItsOthersKeepWorking() throws Exception {
        List<StompTestClient> sharingAnAddress = new ArrayList<>();
        try {
            for (int n = 0; n < 3; n++) {
                sharingAnAddress.add(resident("203.0.113.7"));
            }

            Raw fourth = Raw.open(port, "203.0.113.7");
            // The server refuses it as soon as it opens, so the CONNECT may find it already closed.
            if (fourth.session.isOpen()) {
                try {
                    fourth.session.sendMessage(new TextMessage(CONNECT));
                } catch (IllegalStateException | IOException alreadyClosed) {
                    // Refused before the frame went: what the test is about.
                }
            }
            CloseStatus refused = fourth.closeStatus();
            assertThat(refused.getCode()).isEqualTo(CloseStatus.POLICY_VIOLATION.getCode());
            assertThat(refused.getReason()).contains("Too many chat connections");
            assertThat(fourth.frames).as("never connected").isEmpty();

            try (StompTestClient elsewhere = resident("203.0.113.8")) {
                chatsOn(elsewhere, "e-1");
            }
            for (int n = 0; n < sharingAnAddress.size(); n++) {
                chatsOn(sharingAnAddress.get(n), "s-" + n);
            }
        } finally {
            sharingAnAddress.forEach(StompTestClient::close);
        }
    }

    @Test
    void aMalformedOriginIsForbiddenNotAnError() throws Exception {
        assertThat(handshakeStatus("/webchat/v1/ws", "http://exa mple.com")).isEqualTo(403);
        assertThat(handshakeStatus("/webchat/v1/ws", "http://[::1")).isEqualTo(403);
        assertThat(handshakeStatus("/webchat/v1/ws", "http://localhost:" + port))
                .as("a well-formed origin still opens")
                .isEqualTo(101);
    }

    /** A resident connected through the council's proxy from {@code address}, welcomed. */
    private StompTestClient resident(String address) {
        WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
        handshake.add("X-Forwarded-For", address);
        StompTestClient resident = StompTestClient.connect(
                        "ws://localhost:" + port + "/webchat/v1/ws", handshake, StompTestClient.connectHeaders(null))
                .subscribe(StompTestClient.EVENTS)
                .hello(Map.of("lastSeq", 0));
        resident.awaitEvent(StompTestClient.EVENTS, "welcome", e -> true);
        return resident;
    }

    private static void chatsOn(StompTestClient resident, String clientMessageId) {
        resident.send("/app/resident/message", Map.of("clientMessageId", clientMessageId, "text", "hello"));
        resident.awaitEvent(StompTestClient.EVENTS, "message", e -> "BOT".equals(e.get("sender")));
    }

    /** The status line's code of a WebSocket handshake with this Origin, sent byte for byte. */
    private int handshakeStatus(String path, String origin) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout((int) StompTestClient.PATIENCE.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nUpgrade: websocket\r\n"
                            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                            + "Sec-WebSocket-Version: 13\r\nOrigin: " + origin + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String status = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
                    .readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    /** A WebSocket with nothing of STOMP on top: what it is sent and how it was closed. */
    private record Raw(
            WebSocketSession session, LinkedBlockingQueue<String> frames, CompletableFuture<CloseStatus> closed) {

        static Raw open(int port, String forwardedFor) throws Exception {
            LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
            CompletableFuture<CloseStatus> closed = new CompletableFuture<>();
            WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
            if (forwardedFor != null) {
                handshake.add("X-Forwarded-For", forwardedFor);
            }
            WebSocketSession session = new StandardWebSocketClient()
                    .execute(
                            new TextWebSocketHandler() {
                                @Override
                                protected void handleTextMessage(WebSocketSession session, TextMessage message) {
                                    frames.add(message.getPayload());
                                }

                                @Override
                                public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
                                    closed.complete(status);
                                }
                            },
                            handshake,
                            URI.create("ws://localhost:" + port + "/webchat/v1/ws"))
                    .get(15, TimeUnit.SECONDS);
            return new Raw(session, frames, closed);
        }

        CloseStatus closeStatus() throws Exception {
            return closed.get(StompTestClient.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
    }
}
