package org.councilchat.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.councilchat.journey.StompTestClient.AGENT_EVENTS;
import static org.councilchat.journey.StompTestClient.ERRORS;
import static org.councilchat.journey.StompTestClient.EVENTS;
import static org.councilchat.journey.StompTestClient.QUEUE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.councilchat.journey.StompTestClient;
import org.councilchat.system.BuiltJar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.web.socket.WebSocketHttpHeaders;

/**
 * Two Council Chat processes (the built jar) on one PostgreSQL schema and a RabbitMQ of the test's own
 * ({@code council-chat.broker.mode: relay}), behind a real HAProxy started by the test with its own
 * configuration: residents and agents on different nodes chat, a node killed with {@code kill -9}
 * mid-conversation loses nobody a message, and nor does RabbitMQ killed and restarted mid-conversation. Runs in
 * {@code integration-test}, after {@code package}.
 *
 * <p>Without PostgreSQL on 127.0.0.1:5432 (database {@code test}, user {@code postgres}), Debian's
 * {@code rabbitmq-server} package or {@code haproxy} on the path, the tests are skipped saying what to install,
 * except when the environment variable {@code CI} is {@code true}: {@code .ci/run} provides all three, so there a
 * missing one is a broken set-up and the tests fail.
 *
 * <p>NOTE: each JVM starts once (node A twice: the restart after the kill), about half a minute each on a
 * shared CI machine; the tests share them and run in order, each leaving both nodes up and no chat open.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final Path JAR = Path.of("target", "council-chat.jar").toAbsolutePath();
    private static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final Duration START_PATIENCE = Duration.ofMinutes(3);
    private static final HttpClient http = HttpClient.newHttpClient();

    private static Path home;
    private static String schema;
    private static BuiltJar nodeA;
    private static BuiltJar nodeB;
    private static Process haproxy;
    private static PrivateRabbitMq rabbit;
    private static int balancerPort;
    private static int statsPort;

    @BeforeAll
    static void twoNodesBehindHaproxy() throws IOException {
        requireParts();
        assertThat(JAR).as("the server jar, built by the package phase").exists();
        home = Path.of("target", "it-data", "cluster-" + UUID.randomUUID()).toAbsolutePath();
        Files.createDirectories(home);
        schema = "cc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        rabbit = PrivateRabbitMq.start(home.resolve("rabbitmq"));
        // One after the other: the first creates the schema, the second finds it made.
        nodeA = startNode("node-a", freePort());
        nodeB = startNode("node-b", freePort());
        balancerPort = freePort();
        statsPort = freePort();
        haproxy = startHaproxy();
        awaitBalancer("node-a", "UP");
        awaitBalancer("node-b", "UP");
    }

    @AfterAll
    static void stopEverything() {
        if (haproxy != null) {
            haproxy.destroyForcibly();
        }
        for (BuiltJar node : new BuiltJar[] {nodeA, nodeB}) {
            if (node != null) {
                node.kill();
            }
        }
        if (rabbit != null) {
            rabbit.kill();
        }
        if (schema != null) {
            try (var db = DriverManager.getConnection(POSTGRES_URL, "postgres", "");
                    var drop = db.createStatement()) {
                drop.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (Exception leftForTheNextRun) {
                // .ci/run drops every cc_ schema before it starts.
            }
        }
    }

    @Test
    @Order(1)
    void residentsAndAnAgentOnDifferentNodesChatBothWaysWithTheQueueUpToDate() {
        assertThat(nodesServingThroughTheBalancer())
                .as("HAProxy spreads requests over both nodes")
                .containsExactlyInAnyOrder("node-a", "node-b");

        try (StompTestClient agent =
                        StompTestClient.agent(nodeB.port(), "agent", "agent-demo", AGENT_EVENTS, ERRORS, QUEUE);
                StompTestClient onA = StompTestClient.resident(nodeA.port(), null);
                StompTestClient throughBalancer = StompTestClient.resident(balancerPort, null)) {
            String first = conversationOf(onA);
            String second = conversationOf(throughBalancer);

            onA.send("/app/resident/message", Map.of("clientMessageId", "r-0", "text", "I want to speak to a person"));
            assertThat(onA.awaitEvent(EVENTS, "status", e -> "WAITING".equals(e.get("state"))))
                    .containsEntry("queuePosition", 1);
            agent.awaitEvent(QUEUE, "queue", queue -> waitingIds(queue).equals(List.of(first)));
            throughBalancer.send(
                    "/app/resident/message", Map.of("clientMessageId", "r-0", "text", "I want to speak to a person"));
            assertThat(throughBalancer.awaitEvent(EVENTS, "status", e -> "WAITING".equals(e.get("state"))))
                    .containsEntry("queuePosition", 2);
            agent.awaitEvent(QUEUE, "queue", queue -> waitingIds(queue).equals(List.of(first, second)));

            agent.send("/app/agent/accept", Map.of("conversationId", first));
            agent.awaitEvent(AGENT_EVENTS, "chat", e -> first.equals(e.get("conversationId")));
            assertThat(onA.awaitEvent(EVENTS, "status", e -> "WITH_AGENT".equals(e.get("state"))))
                    .containsEntry("agentName", "Sam (demo agent)");
            agent.awaitEvent(QUEUE, "queue", queue -> waitingIds(queue).equals(List.of(second)));
            throughBalancer.awaitEvent(
                    EVENTS,
                    "status",
                    e -> "WAITING".equals(e.get("state")) && Integer.valueOf(1).equals(e.get("queuePosition")));

            agent.send("/app/agent/accept", Map.of("conversationId", second));
            agent.awaitEvent(QUEUE, "queue", queue -> waitingIds(queue).isEmpty());
            throughBalancer.awaitEvent(EVENTS, "status", e -> "WITH_AGENT".equals(e.get("state")));

            List<String> residentSays = List.of("My bin was missed", "It is the blue one", "Bye");
            List<String> agentSays = List.of("Sorry to hear that", "I will book a collection", "Goodbye");
            for (int i = 0; i < residentSays.size(); i++) {
                onA.send(
                        "/app/resident/message",
                        Map.of("clientMessageId", "r-" + (i + 1), "text", residentSays.get(i)));
                throughBalancer.send(
                        "/app/resident/message",
                        Map.of("clientMessageId", "r-" + (i + 1), "text", "Second: " + residentSays.get(i)));
                agent.send("/app/agent/message", agentMessage(first, "a-" + (i + 1), agentSays.get(i)));
                agent.send("/app/agent/message", agentMessage(second, "a-" + (i + 1), "Second: " + agentSays.get(i)));
            }
            // The last message each way: everything sent before it has arrived by the time it does, doubles included.
            agent.awaitEvent(AGENT_EVENTS, "message", e -> "Bye".equals(e.get("text")));
            agent.awaitEvent(AGENT_EVENTS, "message", e -> "Second: Bye".equals(e.get("text")));
            onA.awaitEvent(EVENTS, "message", e -> "Goodbye".equals(e.get("text")));
            throughBalancer.awaitEvent(EVENTS, "message", e -> "Second: Goodbye".equals(e.get("text")));

            assertThat(texts(agent.arrivedOn(AGENT_EVENTS), first, "RESIDENT"))
                    .as("the resident on node A, on the agent's console on node B")
                    .containsExactlyElementsOf(residentSays);
            assertThat(texts(agent.arrivedOn(AGENT_EVENTS), second, "RESIDENT"))
                    .as("the resident who came through HAProxy, on the agent's console")
                    .containsExactlyElementsOf(
                            residentSays.stream().map(t -> "Second: " + t).toList());
            assertThat(texts(onA.arrivedOn(EVENTS), first, "AGENT"))
                    .as("the agent's words, on the resident's page on the other node")
                    .containsExactlyElementsOf(agentSays);
            assertThat(texts(throughBalancer.arrivedOn(EVENTS), second, "AGENT"))
                    .containsExactlyElementsOf(
                            agentSays.stream().map(t -> "Second: " + t).toList());

            for (String conversation : List.of(first, second)) {
                agent.send("/app/agent/close", Map.of("conversationId", conversation, "outcome", "RESOLVED"));
            }
            onA.awaitEvent(EVENTS, "status", e -> "CLOSED".equals(e.get("state")));
            throughBalancer.awaitEvent(EVENTS, "status", e -> "CLOSED".equals(e.get("state")));
        }
    }

    @Test
    @Order(2)
    void whenTheNodeOfAResidentAndTheirAgentIsKilledBothCarryOnThroughTheOtherAndNothingIsLostOrDoubled() {
        String conversation;
        String token;
        List<Map<String, Object>> residentSawBefore;
        List<Map<String, Object>> agentSawBefore;
        try (StompTestClient agent = StompTestClient.agent(nodeA.port(), "agent2", "agent-demo", AGENT_EVENTS, ERRORS);
                StompTestClient resident = StompTestClient.resident(nodeA.port(), null)) {
            Map<String, Object> welcome = resident.awaitEvent(EVENTS, "welcome", e -> true);
            conversation = (String) welcome.get("conversationId");
            token = (String) welcome.get("resumeToken");
            resident.send(
                    "/app/resident/message", Map.of("clientMessageId", "r-0", "text", "I want to speak to a person"));
            resident.awaitEvent(EVENTS, "status", e -> "WAITING".equals(e.get("state")));
            agent.send("/app/agent/accept", Map.of("conversationId", conversation));
            agent.awaitEvent(AGENT_EVENTS, "chat", e -> conversation.equals(e.get("conversationId")));
            resident.awaitEvent(EVENTS, "status", e -> "WITH_AGENT".equals(e.get("state")));

            resident.send(
                    "/app/resident/message", Map.of("clientMessageId", "r-1", "text", "My council tax bill is wrong"));
            agent.awaitEvent(AGENT_EVENTS, "message", e -> "r-1".equals(e.get("clientMessageId")));
            agent.send("/app/agent/message", agentMessage(conversation, "a-1", "Let me look"));
            resident.awaitEvent(EVENTS, "message", e -> "a-1".equals(e.get("clientMessageId")));
            // Mid-conversation: sent, and the node dies before anyone can know whether it was stored.
            resident.send("/app/resident/message", Map.of("clientMessageId", "r-2", "text", "It says band H"));
            nodeA.kill();
            assertThat(nodeA.exitCode()).as("killed by SIGKILL").isEqualTo(137);
            residentSawBefore = messages(resident.arrivedOn(EVENTS));
            agentSawBefore = agent.arrivedOn(AGENT_EVENTS).stream()
                    .filter(e -> "message".equals(e.get("type")))
                    .toList();
        }
        awaitBalancer("node-a", "DOWN");
        assertThat(nodesServingThroughTheBalancer())
                .as("HAProxy has only node B now")
                .containsExactly("node-b");

        long lastSeq = highestSeq(residentSawBefore);
        try (StompTestClient agent = StompTestClient.agent(balancerPort, "agent2", "agent-demo", AGENT_EVENTS, ERRORS);
                StompTestClient resident = StompTestClient.connect(
                                "ws://localhost:" + balancerPort + "/webchat/v1/ws",
                                new WebSocketHttpHeaders(),
                                StompTestClient.connectHeaders(token))
                        .subscribe(EVENTS)
                        .subscribe(ERRORS)
                        .hello(Map.of("lastSeq", lastSeq, "language", "en"))) {
            List<Map<String, Object>> held = agent.subscribeForList("/app/agent/chats");
            assertThat(held)
                    .as("the console, reconnected through HAProxy, still has the chat: the grace period decides")
                    .singleElement()
                    .satisfies(chat -> assertThat(chat).containsEntry("conversationId", conversation));
            assertThat(resident.awaitEvent(EVENTS, "welcome", e -> true)).containsEntry("resumed", true);
            assertThat(resident.awaitEvent(EVENTS, "status", e -> true))
                    .as("still with the same agent")
                    .containsEntry("state", "WITH_AGENT")
                    .containsEntry("agentName", "Alex (demo agent)");

            // The widget resends what was never acknowledged, with the same id; then both carry on.
            resident.send("/app/resident/message", Map.of("clientMessageId", "r-2", "text", "It says band H"));
            resident.send("/app/resident/message", Map.of("clientMessageId", "r-3", "text", "We are band C"));
            agent.send("/app/agent/message", agentMessage(conversation, "a-2", "I can see that"));
            agent.send("/app/agent/message", agentMessage(conversation, "a-3", "I have corrected it"));
            resident.send("/app/resident/message", Map.of("clientMessageId", "r-4", "text", "Thank you"));
            agent.awaitEvent(AGENT_EVENTS, "message", e -> "r-4".equals(e.get("clientMessageId")));
            resident.awaitEvent(EVENTS, "message", e -> "a-3".equals(e.get("clientMessageId")));
            // The two sides type at once, so the page's own last echo may still be on its way after the agent's.
            resident.awaitEvent(EVENTS, "message", e -> "r-4".equals(e.get("clientMessageId")));

            @SuppressWarnings("unchecked")
            List<Map<String, Object>> transcript =
                    (List<Map<String, Object>>) held.getFirst().get("transcript");
            List<Map<String, Object>> agentSaw = new ArrayList<>(agentSawBefore);
            agentSaw.addAll(transcript);
            agentSaw.addAll(messages(agent.arrivedOn(AGENT_EVENTS)));
            assertThat(bySender(distinctBySeq(agentSaw), "RESIDENT"))
                    .as("every word of the resident's, once, in order, on the agent's console")
                    .containsExactly(
                            "I want to speak to a person",
                            "My council tax bill is wrong",
                            "It says band H",
                            "We are band C",
                            "Thank you");

            List<Map<String, Object>> residentSawAfter = messages(resident.arrivedOn(EVENTS));
            List<Map<String, Object>> residentSaw = new ArrayList<>(residentSawBefore);
            residentSaw.addAll(residentSawAfter);
            // r-2 may have been stored and echoed before the kill; its resend is echoed again with the same seq.
            assertThat(seqs(residentSaw.stream()
                            .filter(m -> !"r-2".equals(m.get("clientMessageId")))
                            .toList()))
                    .as("the page was shown each message once")
                    .doesNotHaveDuplicates();
            // Arrival order is not seq order when both sides type at once (the widget places each by its seq),
            // but nothing the page had already shown comes again.
            assertThat(seqs(residentSawAfter.stream()
                            .filter(m -> !"r-2".equals(m.get("clientMessageId")))
                            .toList()))
                    .as("the replay starts after lastSeq %d", lastSeq)
                    .allSatisfy(seq -> assertThat(seq).isGreaterThan(lastSeq));
            assertThat(bySender(distinctBySeq(residentSaw), "AGENT"))
                    .as("every word of the agent's, once, in order, on the resident's page")
                    .containsExactly("Let me look", "I can see that", "I have corrected it");
            assertThat(bySender(distinctBySeq(residentSaw), "RESIDENT"))
                    .as("the resent message stored once")
                    .containsExactly(
                            "I want to speak to a person",
                            "My council tax bill is wrong",
                            "It says band H",
                            "We are band C",
                            "Thank you");

            nodeA = startNode("node-a", nodeA.port());
            awaitBalancer("node-a", "UP");
            awaitUntil(
                    "HAProxy sends requests to the restarted node A again",
                    () -> nodesServingThroughTheBalancer().contains("node-a"));

            agent.send("/app/agent/close", Map.of("conversationId", conversation, "outcome", "RESOLVED"));
            resident.awaitEvent(EVENTS, "status", e -> "CLOSED".equals(e.get("state")));
        }
        try (StompTestClient resident = StompTestClient.resident(nodeA.port(), token)) {
            assertThat(resident.awaitEvent(EVENTS, "welcome", e -> true))
                    .as("the rejoined node serves the same conversation from the shared database")
                    .containsEntry("conversationId", conversation);
        }
    }

    @Test
    @Order(3)
    void whenRabbitMqIsKilledAndRestartedMidConversationBothSidesCarryOnAndCatchUpWithNothingLostOrDoubled() {
        try (StompTestClient agent = StompTestClient.agent(nodeB.port(), "agent", "agent-demo", AGENT_EVENTS, ERRORS);
                StompTestClient resident = StompTestClient.resident(nodeA.port(), null)) {
            String conversation = conversationOf(resident);
            resident.send(
                    "/app/resident/message", Map.of("clientMessageId", "r-0", "text", "I want to speak to a person"));
            resident.awaitEvent(EVENTS, "status", e -> "WAITING".equals(e.get("state")));
            agent.send("/app/agent/accept", Map.of("conversationId", conversation));
            agent.awaitEvent(AGENT_EVENTS, "chat", e -> conversation.equals(e.get("conversationId")));
            resident.awaitEvent(EVENTS, "status", e -> "WITH_AGENT".equals(e.get("state")));
            resident.send("/app/resident/message", Map.of("clientMessageId", "r-1", "text", "A street light is out"));
            agent.awaitEvent(AGENT_EVENTS, "message", e -> "r-1".equals(e.get("clientMessageId")));

            rabbit.kill();
            awaitBroker(nodeA, "DOWN");
            awaitBroker(nodeB, "DOWN");
            assertThat(nodesServingThroughTheBalancer())
                    .as("both nodes stay in the load balancer: they still serve their own pages")
                    .containsExactlyInAnyOrder("node-a", "node-b");

            // Both keep typing: each is stored and echoed live by their own node; the other side cannot hear yet.
            resident.send("/app/resident/message", Map.of("clientMessageId", "r-2", "text", "On Mill Lane"));
            agent.send("/app/agent/message", agentMessage(conversation, "a-1", "Which end of Mill Lane?"));
            resident.awaitEvent(EVENTS, "message", e -> "r-2".equals(e.get("clientMessageId")));
            agent.awaitEvent(AGENT_EVENTS, "message", e -> "a-1".equals(e.get("clientMessageId")));
            resident.send("/app/resident/message", Map.of("clientMessageId", "r-3", "text", "By the school"));
            resident.awaitEvent(EVENTS, "message", e -> "r-3".equals(e.get("clientMessageId")));

            rabbit.restart();
            awaitBroker(nodeA, "UP");
            awaitBroker(nodeB, "UP");
            // Each page is told to catch up, and does as the widget and the console do.
            resident.awaitEvent(EVENTS, "resync", e -> true);
            List<Long> shown = seqs(messages(resident.arrivedOn(EVENTS)));
            long upTo = 0;
            while (shown.contains(upTo + 1)) {
                upTo++;
            }
            assertThat(upTo)
                    .as("the page missed the agent's message sent during the outage")
                    .isLessThan(highestSeq(messages(resident.arrivedOn(EVENTS))));
            resident.send(
                    "/app/resident/hello",
                    Map.of(
                            "lastSeq",
                            highestSeq(messages(resident.arrivedOn(EVENTS))),
                            "upTo",
                            upTo,
                            "language",
                            "en"));
            agent.awaitEvent(AGENT_EVENTS, "resync", e -> true);
            List<Map<String, Object>> held = agent.subscribeForList("/app/agent/chats");

            agent.send("/app/agent/message", agentMessage(conversation, "a-2", "Thank you, I have reported it"));
            resident.awaitEvent(EVENTS, "message", e -> "a-2".equals(e.get("clientMessageId")));
            resident.send("/app/resident/message", Map.of("clientMessageId", "r-4", "text", "Thanks"));
            agent.awaitEvent(AGENT_EVENTS, "message", e -> "r-4".equals(e.get("clientMessageId")));
            resident.awaitEvent(EVENTS, "message", e -> "r-4".equals(e.get("clientMessageId")));

            List<Map<String, Object>> agentSaw = new ArrayList<>(messages(agent.arrivedOn(AGENT_EVENTS)));
            held.stream()
                    .filter(chat -> conversation.equals(chat.get("conversationId")))
                    .forEach(chat -> {
                        @SuppressWarnings("unchecked")
                        List<Map<String, Object>> transcript = (List<Map<String, Object>>) chat.get("transcript");
                        agentSaw.addAll(transcript);
                    });
            assertThat(bySender(distinctBySeq(agentSaw), "RESIDENT"))
                    .as("every word of the resident's, once, in order, on the agent's console on the other node")
                    .containsExactly(
                            "I want to speak to a person",
                            "A street light is out",
                            "On Mill Lane",
                            "By the school",
                            "Thanks");
            List<Map<String, Object>> residentSaw = messages(resident.arrivedOn(EVENTS));
            assertThat(bySender(distinctBySeq(residentSaw), "AGENT"))
                    .as("every word of the agent's, once, in order, on the resident's page on the other node")
                    .containsExactly("Which end of Mill Lane?", "Thank you, I have reported it");
            assertThat(bySender(distinctBySeq(residentSaw), "RESIDENT"))
                    .as("the resident's own words stored once each")
                    .containsExactly(
                            "I want to speak to a person",
                            "A street light is out",
                            "On Mill Lane",
                            "By the school",
                            "Thanks");

            agent.send("/app/agent/close", Map.of("conversationId", conversation, "outcome", "RESOLVED"));
            resident.awaitEvent(EVENTS, "status", e -> "CLOSED".equals(e.get("state")));
        }
    }

    /** Waits until a node's {@code broker} health is {@code expected} (UP or DOWN). */
    private static void awaitBroker(BuiltJar node, String expected) {
        String url = "http://127.0.0.1:" + node.port() + "/actuator/health/broker";
        awaitUntil(node.name() + "'s broker health " + expected, () -> {
            try {
                String body = http.send(
                                HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                        .body();
                return body.contains("\"status\":\"" + expected + "\"");
            } catch (IOException notYet) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    private static void requireParts() {
        List<String> missing = new ArrayList<>();
        if (!answers("127.0.0.1", 5432)) {
            missing.add("PostgreSQL on 127.0.0.1:5432 (database test, user postgres, trust authentication)");
        }
        if (PrivateRabbitMq.script().isEmpty()) {
            missing.add("RabbitMQ's server (apt-get install -y rabbitmq-server)");
        }
        if (haproxyCommand() == null) {
            missing.add("haproxy (apt-get install -y haproxy)");
        }
        if (missing.isEmpty()) {
            return;
        }
        String advice = "The cluster test needs " + String.join(", ", missing);
        if ("true".equalsIgnoreCase(String.valueOf(System.getenv("CI")).trim())) {
            fail(advice + ". CI must provide them: failing rather than skipping the cluster test.");
        }
        Assumptions.abort(advice);
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2_000);
            return true;
        } catch (IOException unreachable) {
            return false;
        }
    }

    private static String haproxyCommand() {
        for (String folder : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin").split(":")) {
            Path candidate = Path.of(folder.isEmpty() ? "." : folder, "haproxy");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    /** HAProxy as docs/operations.md describes it, on loopback ports of the test's own. */
    private static Process startHaproxy() throws IOException {
        String config = """
                global
                    maxconn 2000
                defaults
                    mode http
                    timeout connect 2s
                    timeout client 60s
                    timeout server 60s
                    # A WebSocket is a tunnel once upgraded: idle chats must not be cut after timeout client/server.
                    timeout tunnel 1h
                    option redispatch
                    retries 3
                frontend chat
                    bind 127.0.0.1:%d
                    option forwardfor
                    default_backend nodes
                backend nodes
                    balance roundrobin
                    option httpchk GET /actuator/health/readiness
                    http-check expect status 200
                    # Which node answered, for the test to see the spreading (not needed in production).
                    http-response set-header X-Council-Chat-Node %%s
                    server node-a 127.0.0.1:%d check inter 500ms fall 2 rise 2
                    server node-b 127.0.0.1:%d check inter 500ms fall 2 rise 2
                listen stats
                    bind 127.0.0.1:%d
                    stats enable
                    stats uri /stats
                """.formatted(balancerPort, nodeA.port(), nodeB.port(), statsPort);
        Path file = home.resolve("haproxy.cfg");
        Files.writeString(file, config);
        return new ProcessBuilder(haproxyCommand(), "-f", file.toString(), "-db")
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("haproxy.log").toFile())
                .start();
    }

    /** Waits until HAProxy's own health check says {@code server} is {@code expected} (UP or DOWN). */
    private static void awaitBalancer(String server, String expected) {
        awaitUntil("HAProxy to see " + server + " " + expected, () -> expected.equals(balancerStatus(server)));
    }

    private static String balancerStatus(String server) {
        if (!haproxy.isAlive()) {
            fail("HAProxy stopped: " + tail(home.resolve("haproxy.log")));
        }
        try {
            String csv = http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statsPort + "/stats;csv"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            for (String line : csv.split("\n")) {
                String[] fields = line.split(",");
                if (fields.length > 17 && fields[0].equals("nodes") && fields[1].equals(server)) {
                    return fields[17];
                }
            }
            return null;
        } catch (IOException notYet) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Which nodes answer a handful of requests through HAProxy. */
    private static List<String> nodesServingThroughTheBalancer() {
        List<String> nodes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + balancerPort + "/actuator/health/readiness"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                response.headers()
                        .firstValue("X-Council-Chat-Node")
                        .filter(n -> !nodes.contains(n))
                        .ifPresent(nodes::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return nodes;
    }

    private static void awaitUntil(String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + START_PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (done.getAsBoolean()) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        fail("Waited " + START_PATIENCE + " for " + what);
    }

    private static String conversationOf(StompTestClient resident) {
        return (String) resident.awaitEvent(EVENTS, "welcome", e -> true).get("conversationId");
    }

    private static Map<String, Object> agentMessage(String conversation, String clientMessageId, String text) {
        return Map.of("conversationId", conversation, "clientMessageId", clientMessageId, "text", text);
    }

    private static List<Map<String, Object>> messages(List<Map<String, Object>> events) {
        return events.stream().filter(e -> "message".equals(e.get("type"))).toList();
    }

    private static List<String> texts(List<Map<String, Object>> events, String conversation, String sender) {
        return events.stream()
                .filter(e -> "message".equals(e.get("type"))
                        && conversation.equals(e.get("conversationId"))
                        && sender.equals(e.get("sender")))
                .map(e -> (String) e.get("text"))
                .toList();
    }

    /**
     * The messages in {@code seq} order, each number once: a console that reconnects is sent the transcript it
     * had partly seen live, and an echo of a resent message repeats its stored number. Two different texts
     * under one number would be a doubled or lost message, and fail.
     */
    private static List<Map<String, Object>> distinctBySeq(List<Map<String, Object>> messages) {
        Map<Long, Map<String, Object>> bySeq = new java.util.TreeMap<>();
        for (Map<String, Object> message : messages) {
            long seq = ((Number) message.get("seq")).longValue();
            Map<String, Object> earlier = bySeq.putIfAbsent(seq, message);
            if (earlier != null) {
                assertThat(message.get("text")).as("message " + seq).isEqualTo(earlier.get("text"));
            }
        }
        return List.copyOf(bySeq.values());
    }

    private static List<String> bySender(List<Map<String, Object>> messages, String sender) {
        return messages.stream()
                .filter(m -> sender.equals(m.get("sender")))
                .map(m -> (String) m.get("text"))
                .toList();
    }

    private static List<Long> seqs(List<Map<String, Object>> messages) {
        return messages.stream().map(m -> ((Number) m.get("seq")).longValue()).toList();
    }

    private static long highestSeq(List<Map<String, Object>> messages) {
        return seqs(messages).stream().mapToLong(Long::longValue).max().orElse(0);
    }

    @SuppressWarnings("unchecked")
    private static List<String> waitingIds(Map<String, Object> queue) {
        return ((List<Map<String, Object>>) queue.get("waiting"))
                .stream().map(w -> (String) w.get("conversationId")).toList();
    }

    private static int freePort() throws IOException {
        return BuiltJar.freePort();
    }

    private static String tail(Path log) {
        return BuiltJar.tail(log);
    }

    /** One Council Chat process: the demo council on the shared PostgreSQL schema and RabbitMQ. */
    private static BuiltJar startNode(String name, int port) {
        Path folder = home.resolve(name);
        return BuiltJar.start(
                name,
                folder,
                port,
                List.of("-Xmx512m"),
                List.of(
                        // The demo's sign-ins and hours, on a production database.
                        "--spring.profiles.active=demo",
                        "--spring.datasource.url=" + POSTGRES_URL + "?currentSchema=" + schema,
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=",
                        "--spring.datasource.hikari.maximum-pool-size=5",
                        "--spring.flyway.schemas=" + schema,
                        "--spring.flyway.create-schemas=true",
                        "--council-chat.broker.mode=relay",
                        "--council-chat.broker.relay.port=" + rabbit.port(),
                        "--council-chat.handoff.node-id=" + name,
                        "--council-chat.knowledge.index-directory=" + folder.resolve("index"),
                        "--council-chat.engine.model-directory=" + folder.resolve("models"),
                        "--management.endpoint.health.show-details=always"),
                // Ready for the load balancer, and hearing the other node's events through RabbitMQ.
                List.of("/actuator/health/readiness", "/actuator/health/broker"));
    }
}
