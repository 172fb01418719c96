package org.councilchat.journey;

import static org.assertj.core.api.Assertions.assertThat;

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
 * A client that sends something that is not STOMP gets a STOMP ERROR frame and loses only its own
 * connection; other residents carry on, and the log gets one line, not a stack trace with their words.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class MalformedFrameTests {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void council(DynamicPropertyRegistry registry) {
        TestCouncil.configure(registry);
    }

    @Test
    void garbageFrameGetsAnErrorFrameAndOtherChatsCarryOn(CapturedOutput log) throws Exception {
        try (StompTestClient bystander = StompTestClient.connect(
                        "ws://localhost:" + port + "/webchat/v1/ws",
                        new WebSocketHttpHeaders(),
                        StompTestClient.connectHeaders(null))
                .subscribe("/user/queue/events")) {
            bystander.hello(Map.of("lastSeq", 0));
            bystander.awaitEvent("/user/queue/events", "welcome", e -> true);

            LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
            CompletableFuture<CloseStatus> closed = new CompletableFuture<>();
            WebSocketSession raw = new StandardWebSocketClient()
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
                            "ws://localhost:" + port + "/webchat/v1/ws")
                    .get(15, TimeUnit.SECONDS);
            raw.sendMessage(new TextMessage("CONNECT\naccept-version:1.2\nhost:localhost\n\n\u0000"));
            assertThat(frames.poll(15, TimeUnit.SECONDS)).startsWith("CONNECTED");

            raw.sendMessage(new TextMessage("MY CARD NUMBER IS 4111 1111 1111 1111\n\n\u0000"));
            assertThat(frames.poll(15, TimeUnit.SECONDS)).startsWith("ERROR").contains("Malformed STOMP frame");
            assertThat(closed.get(15, TimeUnit.SECONDS).getCode()).isEqualTo(CloseStatus.PROTOCOL_ERROR.getCode());

            bystander.send("/app/resident/message", Map.of("clientMessageId", "b-1", "text", "hello"));
            bystander.awaitEvent("/user/queue/events", "message", e -> "BOT".equals(e.get("sender")));
        }
        assertThat(log.getAll()).doesNotContain("4111").doesNotContain("\tat org.springframework.messaging");
    }
}
