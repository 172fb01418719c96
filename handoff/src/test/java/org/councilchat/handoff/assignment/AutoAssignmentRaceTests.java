package org.councilchat.handoff.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.councilchat.councils.Council;
import org.councilchat.councils.Councils;
import org.councilchat.councils.CouncilsProperties;
import org.councilchat.handoff.AgentDirectory;
import org.councilchat.handoff.AgentPresence;
import org.councilchat.handoff.AgentSeats;
import org.councilchat.handoff.Conversations;
import org.councilchat.handoff.HandoffProperties;
import org.councilchat.handoff.Handoffs;
import org.councilchat.handoff.Routing;
import org.councilchat.handoff.TestDatabase;
import org.councilchat.handoff.presence.ConsoleConnections;
import org.councilchat.handoff.seats.SeatRepository;
import org.councilchat.handoff.transcript.ChatNoteRepository;
import org.councilchat.handoff.transcript.ConversationRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two servers (nodes) sharing one database, each with its own presence, routing and auto-assignment, run their
 * passes at the same moment over 50 waiting chats and 10 agents whose limits add up to 30, half the agents connected
 * to each node. Real database: H2, or PostgreSQL with {@code -Dcouncil-chat.test.database=postgres}.
 */
class AutoAssignmentRaceTests {

    private static final int CHATS = 50;
    private static final Instant NINE_AM = Instant.parse("2026-11-23T09:00:00Z");

    private final ApplicationEventPublisher nobodyListens = event -> {};
    private final List<AgentDirectory.Agent> agents = IntStream.rangeClosed(1, 10)
            .mapToObj(n -> new AgentDirectory.Agent(
                    "agent" + n, "Agent " + n, Set.of("en"), Set.of(), Set.of(Council.DEFAULT_ID)))
            .toList();
    private final AgentDirectory directory = new AgentDirectory() {
        @Override
        public Optional<String> agentName(Principal principal) {
            return agent(principal.getName()).map(AgentDirectory.Agent::name);
        }

        @Override
        public Set<String> councilsOf(Principal staff) {
            return agent(staff.getName()).map(Agent::councils).orElse(Set.of());
        }

        @Override
        public List<Agent> agents() {
            return agents;
        }
    };

    private Clock clock = Clock.fixed(NINE_AM, ZoneOffset.UTC);
    private ConversationRepository repository;
    private Handoffs handoffs;
    private AgentSeats seats;
    private JdbcClient jdbc;
    private Clock clockSteps;

    @BeforeEach
    void oneDatabase() {
        DataSource database = TestDatabase.fresh();
        jdbc = JdbcClient.create(database);
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(database));
        repository = new ConversationRepository(jdbc, transactions);
        HandoffProperties properties = properties("setting-up");
        Clock steps = new Clock() { // chats queue a second apart, so first come first served is unambiguous
                    @Override
                    public Instant instant() {
                        return clock.instant();
                    }

                    @Override
                    public ZoneId getZone() {
                        return ZoneOffset.UTC;
                    }

                    @Override
                    public Clock withZone(ZoneId zone) {
                        return this;
                    }
                };
        seats = new AgentSeats(directory, new SeatRepository(jdbc), properties, nobodyListens, steps);
        StaticMessageSource messages = new StaticMessageSource();
        messages.setUseCodeAsDefaultMessage(true);
        handoffs = new Handoffs(
                repository,
                new ChatNoteRepository(jdbc),
                new Conversations(repository, nobodyListens, transactions, properties, steps),
                directory,
                seats,
                properties,
                messages,
                nobodyListens,
                steps,
                new Councils(new CouncilsProperties(List.of())));
        this.clockSteps = steps;
    }

    @Test
    void twoServersRacingGiveEachChatOnceNobodyOverTheirLimitFirstComeFirstServed() throws Exception {
        Map<String, Integer> limits = new HashMap<>();
        for (int n = 1; n <= 10; n++) {
            int limit = 1 + (n - 1) % 5; // 1 to 5, twice over: 30 chats in all
            seats.change("agent" + n, Set.of("en"), Set.of(), limit, "test");
            limits.put("agent" + n, limit);
        }
        List<String> queued = new ArrayList<>();
        for (int n = 0; n < CHATS; n++) {
            clock = Clock.fixed(NINE_AM.plusSeconds(n), ZoneOffset.UTC);
            String id = "chat-%02d".formatted(n);
            repository.create(id, Council.DEFAULT_ID, "hash-" + id, "en", clockSteps.instant());
            // Every tenth chat a safeguarding disclosure: it goes before all the others.
            handoffs.requestAgent(
                    id, "asked", Map.of(), n % 10 == 9 ? Handoffs.Priority.URGENT : Handoffs.Priority.NORMAL);
            queued.add(id);
        }
        List<String> firstComeFirstServed = queued.stream()
                .sorted(Comparator.comparing((String id) -> Integer.parseInt(id.substring(5)) % 10 == 9 ? 0 : 1)
                        .thenComparing(id -> id))
                .toList();

        AutoAssignment serverA = server("node-a", agents.subList(0, 5));
        AutoAssignment serverB = server("node-b", agents.subList(5, 10));
        CyclicBarrier together = new CyclicBarrier(2);
        CompletableFuture<Integer> givenByA = CompletableFuture.supplyAsync(() -> passWhenBothReady(serverA, together));
        CompletableFuture<Integer> givenByB = CompletableFuture.supplyAsync(() -> passWhenBothReady(serverB, together));
        int given = givenByA.get() + givenByB.get();

        List<String> withAgents = handoffs.chatsWithAgents().stream()
                .map(chat -> chat.id())
                .sorted(Comparator.comparingInt(firstComeFirstServed::indexOf))
                .toList();
        assertThat(given).as("every assignment a chat of its own").isEqualTo(withAgents.size());
        assertThat(withAgents)
                .as("the first 30 in the queue, urgent first")
                .isEqualTo(firstComeFirstServed.subList(0, 30));
        Map<String, Integer> held = repository.heldCounts();
        assertThat(held).as("every agent full, nobody over").isEqualTo(limits);
        assertThat(handoffs.queue()).hasSize(CHATS - 30);
    }

    @Test
    void twoTransfersAtOnceToAColleagueWithOneFreePlaceGiveThemExactlyOne() throws Exception {
        seats.change("agent3", Set.of("en"), Set.of(), 2, "test");
        for (String[] chat : new String[][] {{"chat-a", "agent1"}, {"chat-b", "agent2"}, {"chat-c", "agent3"}}) {
            repository.create(chat[0], Council.DEFAULT_ID, "hash-" + chat[0], "en", clockSteps.instant());
            handoffs.requestAgent(chat[0], "asked", Map.of(), Handoffs.Priority.NORMAL);
            assertThat(repository.assign(chat[0], chat[1], chat[1], clockSteps.instant(), 5))
                    .isTrue();
        }

        CyclicBarrier together = new CyclicBarrier(2);
        CompletableFuture<Boolean> fromAgent1 =
                CompletableFuture.supplyAsync(() -> transferWhenBothReady("chat-a", "agent1", together));
        CompletableFuture<Boolean> fromAgent2 =
                CompletableFuture.supplyAsync(() -> transferWhenBothReady("chat-b", "agent2", together));
        List<Boolean> passed = List.of(fromAgent1.get(), fromAgent2.get());

        assertThat(passed).as("one transfer taken, one refused").containsExactlyInAnyOrder(true, false);
        assertThat(repository.heldCounts())
                .as("the colleague at their limit, not over it; the refused chat stays where it was")
                .isEqualTo(Map.of("agent3", 2, passed.get(0) ? "agent2" : "agent1", 1));
    }

    @Test
    void theAgentIdleLongestGetsTheChatWhicheverServerSawThemBusy() {
        AgentPresence onA = new AgentPresence(
                new ConsoleConnections(jdbc), directory, handoffs, properties("node-a"), nobodyListens, clock);
        // agent1 comes online before agent2, so has been idle longer...
        for (String agent : List.of("agent1", "agent2")) {
            onA.connected(agent, "console-of-" + agent);
            onA.listening("console-of-" + agent);
        }
        // ...until they come back from a break, on node A: now agent2 has waited longest for a chat.
        onA.setAway("agent1", true);
        onA.setAway("agent1", false);

        AgentPresence onB = new AgentPresence(
                new ConsoleConnections(jdbc), directory, handoffs, properties("node-b"), nobodyListens, clock);
        Routing routingOnB = new Routing(seats, onB, repository, properties("node-b"));
        repository.create("chat-idle", Council.DEFAULT_ID, "hash-idle", "en", clockSteps.instant());
        handoffs.requestAgent("chat-idle", "asked", Map.of(), Handoffs.Priority.NORMAL);
        assertThat(routingOnB
                        .assigneeFor(repository.find("chat-idle").orElseThrow())
                        .orElseThrow()
                        .username())
                .as("node B, which saw neither come online, still gives it to the agent idle longest")
                .isEqualTo("agent2");
    }

    /** True when the transfer went through, false when the colleague was at capacity. */
    private boolean transferWhenBothReady(String chat, String from, CyclicBarrier together) {
        try {
            together.await();
        } catch (Exception interrupted) {
            throw new IllegalStateException(interrupted);
        }
        try {
            handoffs.transferToAgent(chat, () -> from, "agent3", null);
            return true;
        } catch (org.councilchat.handoff.ChatRejected refused) {
            assertThat(refused.code()).isEqualTo("colleague-at-capacity");
            return false;
        }
    }

    private static int passWhenBothReady(AutoAssignment server, CyclicBarrier together) {
        try {
            together.await();
        } catch (Exception interrupted) {
            throw new IllegalStateException(interrupted);
        }
        return server.assignWaitingChats();
    }

    /** One server: its own presence (with these agents' consoles connected to it), routing and auto-assignment. */
    private AutoAssignment server(String node, List<AgentDirectory.Agent> connectedHere) {
        HandoffProperties properties = properties(node);
        AgentPresence presence = new AgentPresence(
                new ConsoleConnections(jdbc), directory, handoffs, properties, nobodyListens, clockSteps);
        for (AgentDirectory.Agent agent : connectedHere) {
            presence.connected(agent.username(), "console-of-" + agent.username());
            presence.listening("console-of-" + agent.username());
        }
        Routing routing = new Routing(seats, presence, repository, properties);
        return new AutoAssignment(handoffs, routing, repository, properties);
    }

    private static HandoffProperties properties(String node) {
        return new HandoffProperties(
                2000,
                3,
                Duration.ofSeconds(60),
                List.of("waste"),
                HandoffProperties.Assignment.AUTO,
                Duration.ofSeconds(5),
                node,
                Duration.ofMinutes(2),
                Duration.ofMinutes(2));
    }
}
