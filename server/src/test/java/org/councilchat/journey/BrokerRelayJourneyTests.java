package org.councilchat.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.councilchat.journey.StompTestClient.AGENT_EVENTS;
import static org.councilchat.journey.StompTestClient.ERRORS;
import static org.councilchat.journey.StompTestClient.EVENTS;
import static org.councilchat.journey.StompTestClient.QUEUE;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.councilchat.CouncilChatApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two Council Chat servers in one JVM, sharing one database and one real RabbitMQ (AMQP on
 * {@value #RABBITMQ_HOST}:{@value #RABBITMQ_PORT}), both with {@code council-chat.broker.mode: relay}: what one
 * server sends reaches residents and agents connected to the other, and a server that cannot reach RabbitMQ still
 * serves its own residents.
 *
 * <p>Without a RabbitMQ answering there the tests are skipped with advice on installing one, except when the
 * environment variable {@code CI} is {@code true}: {@code .ci/run} starts it, so there a missing broker is a broken
 * set-up and the tests fail.
 *
 * <p>The agent stays on one server and the resident on the other throughout: every event between them crosses
 * RabbitMQ. Each run has an exchange of its own, so nothing else on the machine's RabbitMQ hears it.
 */
class BrokerRelayJourneyTests {

    static final String RABBITMQ_HOST = "127.0.0.1";
    static final int RABBITMQ_PORT = 5672;
    static final String INSTALL = "The broker relay tests need RabbitMQ on " + RABBITMQ_HOST + ":" + RABBITMQ_PORT
            + ": apt-get install -y rabbitmq-server";
    private static final String EXCHANGE = "council-chat.test." + UUID.randomUUID();

    private static final HttpClient http = HttpClient.newHttpClient();
    private static ConfigurableApplicationContext serverOne;
    private static ConfigurableApplicationContext serverTwo;

    private StompTestClient resident;
    private StompTestClient agent;

    @BeforeAll
    static void twoServersOnOneRabbitMq() {
        requireRabbitMq();
        Map<String, Object> shared = sharedDatabase();
        // One after the other: the first creates the schema, the second finds it made.
        serverOne = server(shared, "one", RABBITMQ_PORT);
        serverTwo = server(shared, "two", RABBITMQ_PORT);
        awaitBroker(serverOne, "UP");
        awaitBroker(serverTwo, "UP");
    }

    @AfterAll
    static void stopServers() {
        for (ConfigurableApplicationContext server : new ConfigurableApplicationContext[] {serverOne, serverTwo}) {
            if (server != null) {
                server.close();
            }
        }
    }

    @AfterEach
    void hangUp() {
        if (resident != null) {
            resident.close();
        }
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void residentOnOneServerAndAgentOnTheOtherChatBothWaysInOrderExactlyOnce() {
        agent = StompTestClient.agent(port(serverTwo), "agent", "agent-demo", AGENT_EVENTS, ERRORS, QUEUE);
        resident = StompTestClient.resident(port(serverOne), null);
        String conversationId =
                (String) resident.awaitEvent(EVENTS, "welcome", e -> true).get("conversationId");

        resident.send("/app/resident/message", Map.of("clientMessageId", "r-0", "text", "I want to speak to a person"));
        resident.awaitEvent(EVENTS, "status", e -> "WAITING".equals(e.get("state")));
        // The queue changed on server one; the agent's console on server two hears of it through RabbitMQ's topic.
        agent.awaitEvent(QUEUE, "queue", queue -> waitingIds(queue).contains(conversationId));

        agent.send("/app/agent/accept", Map.of("conversationId", conversationId));
        agent.awaitEvent(AGENT_EVENTS, "chat", e -> conversationId.equals(e.get("conversationId")));
        Map<String, Object> joined = resident.awaitEvent(EVENTS, "status", e -> "WITH_AGENT".equals(e.get("state")));
        assertThat(joined.get("agentName")).isEqualTo("Sam (demo agent)");

        List<String> residentSays = List.of("My bin was missed", "It is the blue one", "Thank you");
        List<String> agentSays = List.of("Sorry to hear that", "I will book a collection", "Done: Thursday");
        for (int i = 0; i < residentSays.size(); i++) {
            resident.send(
                    "/app/resident/message", Map.of("clientMessageId", "r-" + (i + 1), "text", residentSays.get(i)));
            agent.send(
                    "/app/agent/message",
                    Map.of(
                            "conversationId",
                            conversationId,
                            "clientMessageId",
                            "a-" + (i + 1),
                            "text",
                            agentSays.get(i)));
        }
        // A last message each way: everything sent before it has arrived by the time it does, doubles included.
        resident.send("/app/resident/message", Map.of("clientMessageId", "r-last", "text", "Bye"));
        agent.send(
                "/app/agent/message",
                Map.of("conversationId", conversationId, "clientMessageId", "a-last", "text", "Goodbye"));
        agent.awaitEvent(AGENT_EVENTS, "message", e -> "Bye".equals(e.get("text")));
        resident.awaitEvent(EVENTS, "message", e -> "Goodbye".equals(e.get("text")));

        assertThat(texts(agent.arrivedOn(AGENT_EVENTS), "RESIDENT"))
                .as("the resident's words, on the agent's console on the other server")
                .containsExactly("My bin was missed", "It is the blue one", "Thank you", "Bye");
        assertThat(texts(resident.arrivedOn(EVENTS), "AGENT"))
                .as("the agent's words, on the resident's page on the other server")
                .containsExactly("Sorry to hear that", "I will book a collection", "Done: Thursday", "Goodbye");
    }

    @Test
    void brokerHealthIsDownWhileTheRelayCannotReachRabbitMqButTheServerStaysReady() throws Exception {
        ConfigurableApplicationContext cutOff = server(sharedDatabase(), "cut-off", closedPort());
        try {
            Map<String, Object> health = json("http://localhost:" + port(cutOff) + "/actuator/health");
            @SuppressWarnings("unchecked")
            Map<String, Object> broker =
                    (Map<String, Object>) ((Map<String, Object>) health.get("components")).get("broker");
            assertThat(broker).containsEntry("status", "DOWN");
            @SuppressWarnings("unchecked")
            Map<String, Object> details = (Map<String, Object>) broker.get("details");
            assertThat(details).containsEntry("mode", "relay");
            assertThat((String) details.get("reason")).contains("no connection to RabbitMQ");

            HttpResponse<String> readiness = http.send(
                    HttpRequest.newBuilder(
                                    URI.create("http://localhost:" + port(cutOff) + "/actuator/health/readiness"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(readiness.statusCode())
                    .as("the load balancer keeps sending residents here: their messages are stored and answered")
                    .isEqualTo(200);

            // And they are: a resident of the cut-off server is welcomed, answered and handed to the queue live.
            resident = StompTestClient.resident(port(cutOff), null);
            resident.awaitEvent(EVENTS, "welcome", e -> true);
            resident.send(
                    "/app/resident/message",
                    Map.of("clientMessageId", "r-1", "text", "can I pay my council tax in instalments"));
            resident.awaitEvent(EVENTS, "message", e -> "r-1".equals(e.get("clientMessageId")));
            resident.awaitEvent(EVENTS, "message", e -> "BOT".equals(e.get("sender")));
            resident.send(
                    "/app/resident/message", Map.of("clientMessageId", "r-2", "text", "I want to speak to a person"));
            resident.awaitEvent(EVENTS, "status", e -> "WAITING".equals(e.get("state")));
        } finally {
            cutOff.close();
        }
    }

    /** A fresh database (H2 in memory, or a PostgreSQL schema), named once so every server of a test shares it. */
    private static Map<String, Object> sharedDatabase() {
        Map<String, Object> properties = new HashMap<>();
        TestCouncil.configure((name, value) -> properties.put(name, value.get()));
        return properties;
    }

    private static ConfigurableApplicationContext server(Map<String, Object> shared, String name, int amqpPort) {
        Map<String, Object> properties = new HashMap<>(shared);
        properties.put("server.port", "0");
        properties.put("council-chat.broker.mode", "relay");
        properties.put("council-chat.broker.relay.host", RABBITMQ_HOST);
        properties.put("council-chat.broker.relay.port", String.valueOf(amqpPort));
        properties.put("council-chat.broker.relay.exchange", EXCHANGE);
        // Each server keeps its own Lucene index, as it would on its own machine.
        Path index = Path.of(String.valueOf(shared.get("council-chat.knowledge.index-directory")));
        properties.put(
                "council-chat.knowledge.index-directory",
                index.resolveSibling("index-" + name).toString());
        properties.put("management.endpoint.health.show-details", "always");
        // As command-line arguments: the builder's own properties are defaults, which application.yml would override.
        String[] arguments = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(CouncilChatApplication.class).run(arguments);
    }

    private static int port(ConfigurableApplicationContext server) {
        return Integer.parseInt(server.getEnvironment().getProperty("local.server.port", "0"));
    }

    /** Waits (at most {@link StompTestClient#PATIENCE}) for the relay to connect to RabbitMQ. */
    @SuppressWarnings("unchecked")
    private static void awaitBroker(ConfigurableApplicationContext server, String expected) {
        String url = "http://localhost:" + port(server) + "/actuator/health/broker";
        long deadline = System.nanoTime() + StompTestClient.PATIENCE.toNanos();
        Object status = null;
        while (System.nanoTime() < deadline) {
            status = json(url).get("status");
            if (expected.equals(status)) {
                return;
            }
            Thread.onSpinWait();
        }
        fail("The broker health of " + url + " stayed " + status + ", expected " + expected);
    }

    /** GET, then the JSON body, whatever the status (health answers 503 with a body when something is down). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String url) {
        try {
            HttpResponse<String> response =
                    http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            return JsonMapper.builder().build().readValue(response.body(), Map.class);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void requireRabbitMq() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(RABBITMQ_HOST, RABBITMQ_PORT), 2_000);
        } catch (IOException unreachable) {
            String advice = INSTALL + " (nothing answered: " + unreachable.getMessage() + ")";
            if ("true".equalsIgnoreCase(String.valueOf(System.getenv("CI")).trim())) {
                fail(advice + ". CI must start it: failing rather than skipping the broker relay tests.");
            }
            Assumptions.abort(advice);
        }
    }

    /** A port nothing listens on: taken from the system, then given back. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static List<String> texts(List<Map<String, Object>> events, String sender) {
        return events.stream()
                .filter(e -> "message".equals(e.get("type")) && sender.equals(e.get("sender")))
                .map(e -> (String) e.get("text"))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> waitingIds(Map<String, Object> queue) {
        return ((List<Map<String, Object>>) queue.get("waiting"))
                .stream().map(w -> (String) w.get("conversationId")).toList();
    }
}
