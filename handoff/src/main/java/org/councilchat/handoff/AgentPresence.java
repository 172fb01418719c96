package org.councilchat.handoff;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.councilchat.engine.AdvisersAvailable;
import org.councilchat.handoff.presence.ConsoleConnections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Which agents are online, from their consoles' WebSocket connections (whose STOMP heartbeats notice a
 * connection that died silently), on this server or any other sharing the database. An agent is online while at
 * least one console tab is connected to some server, unless they set themselves away. When an agent's last
 * connection drops, their chats wait out a grace period (a page reload, a moment without Wi-Fi, their server dying
 * and the console reconnecting to another), then go back to the front of the queue and their residents are told.
 *
 * <p>The facts live in the database ({@code presence.ConsoleConnections}): each connection with its node and a
 * heartbeat the node rewrites every {@code console-heartbeat}, and each agent's away flag. A connection whose
 * heartbeat is older than three heartbeats belongs to a server that stopped, and counts for nothing; the grace
 * period then runs from the agent's last heartbeat ({@code presence.OrphanedChats}). Kept in memory, because they
 * are this node's alone or only order ties: which connections are this node's, and how long each agent has been
 * idle as this node saw it.
 *
 * <p>NOTE: every status question is one small query over the live connections; routing asks once per decision
 * ({@link #roll}), not once per agent.
 */
@Service
public class AgentPresence implements AdvisersAvailable, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AgentPresence.class);

    /** How an agent appears to colleagues and to routing. */
    public enum Status {
        ONLINE,
        AWAY,
        OFFLINE
    }

    /**
     * Every agent with a live console connection, on any server, read at one moment.
     *
     * @param statuses each such agent's status; an agent not listed is offline
     * @param receiving the online agents with a console listening for chats given to them
     */
    public record Roll(Map<String, Status> statuses, Set<String> receiving) {

        public Roll {
            statuses = Map.copyOf(statuses);
            receiving = Set.copyOf(receiving);
        }

        public Status status(String agentUsername) {
            return statuses.getOrDefault(agentUsername, Status.OFFLINE);
        }

        /** True when the agent is online and a console of theirs is listening for chats given to them. */
        public boolean receivingChats(String agentUsername) {
            return receiving.contains(agentUsername);
        }
    }

    /** This node's console connections, by session id: only this node can say when one of them closes. */
    private final Map<String, String> agentBySession = new ConcurrentHashMap<>();

    private final ConsoleConnections connections;
    private final AgentDirectory agents;
    private final Handoffs handoffs;
    private final HandoffProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final String node;
    private final ScheduledExecutorService graceTimer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "agent-grace-period");
        thread.setDaemon(true);
        return thread;
    });

    public AgentPresence(
            ConsoleConnections connections,
            AgentDirectory agents,
            Handoffs handoffs,
            HandoffProperties properties,
            ApplicationEventPublisher events,
            Clock clock) {
        this.connections = connections;
        this.agents = agents;
        this.handoffs = handoffs;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
        this.node = properties.nodeId() == null || properties.nodeId().isBlank()
                ? madeUpNodeId()
                : properties.nodeId().strip();
        log.info("This server is node {}", node);
    }

    private static String madeUpNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException | RuntimeException unnamed) {
            host = "host";
        }
        String random = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
        return host + "-" + ProcessHandle.current().pid() + "-" + random;
    }

    /** This server's name among the servers sharing the database. */
    public String node() {
        return node;
    }

    /** An agent's console connected (a new tab, or a reconnect within the grace period, to any server). */
    public void connected(String agentUsername, String sessionId) {
        boolean first = roll().status(agentUsername) == Status.OFFLINE;
        agentBySession.put(sessionId, agentUsername);
        connections.connected(node, sessionId, agentUsername, clock.instant());
        if (first) {
            busy(agentUsername);
            events.publishEvent(new AgentStatusChanged(agentUsername, status(agentUsername)));
        }
    }

    /**
     * A console connection is now subscribed to its agent's own queue, so chats given to the agent without their
     * asking (auto-assignment) reach it; see {@link #receivingChats}.
     */
    public void listening(String sessionId) {
        String agent = agentBySession.get(sessionId);
        if (agent != null) {
            boolean before = receivingChats(agent);
            connections.listening(node, sessionId);
            if (!before) {
                events.publishEvent(new AgentStatusChanged(agent, status(agent)));
            }
        }
    }

    /** True when the agent is online and a console of theirs, on any server, is listening for chats given to them. */
    public boolean receivingChats(String agentUsername) {
        return roll().receivingChats(agentUsername);
    }

    /**
     * Each agent's turn number from when they last came online, came back, or had a chat given or taken away: the
     * lower, the longer they have been idle. Kept in the database, so every server breaks ties alike; an agent
     * never busy has none (counts as 0).
     */
    public Map<String, Long> busyTurns() {
        return connections.busyTurns();
    }

    private void busy(String agentUsername) {
        connections.busy(agentUsername);
    }

    @EventListener
    void chatMoved(ConversationMoved moved) {
        if (moved.conversation().agentUsername() != null) {
            busy(moved.conversation().agentUsername());
        }
    }

    @EventListener
    void chatPassedOn(ChatTransferred transferred) {
        busy(transferred.fromUsername());
    }

    /** A console connection to this server closed, cleanly or not; after the agent's last one the grace period starts. */
    public void disconnected(String sessionId) {
        String agent = agentBySession.remove(sessionId);
        if (agent == null) {
            return;
        }
        connections.disconnected(node, sessionId);
        if (status(agent) == Status.OFFLINE) {
            events.publishEvent(new AgentStatusChanged(agent, Status.OFFLINE));
            graceTimer.schedule(
                    () -> requeueIfStillGone(agent),
                    properties.agentGracePeriod().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private void requeueIfStillGone(String agent) {
        try {
            if (status(agent) != Status.OFFLINE) {
                return; // back within the grace period, here or on another server: they keep their chats
            }
            var requeued = handoffs.requeueChatsOf(agent);
            if (!requeued.isEmpty()) {
                log.info("Agent {} lost their connection: {} chat(s) back in the queue", agent, requeued.size());
            }
        } catch (RuntimeException failure) {
            // NOTE: the chats stay with the agent, who may yet come back; the orphaned-chats sweep tries again.
            log.error("Could not requeue the chats of agent {}", agent, failure);
        }
    }

    /** This node is alive: rewrites the heartbeat of every console connected to it. */
    public void heartbeat() {
        connections.heartbeat(node, clock.instant());
    }

    /** The agent's own choice to take no new chats for now (a break, a call), or to take them again. */
    public void setAway(String agentUsername, boolean isAway) {
        if (connections.setAway(agentUsername, isAway)) {
            if (!isAway) {
                busy(agentUsername);
            }
            events.publishEvent(new AgentStatusChanged(agentUsername, status(agentUsername)));
        }
    }

    /** The agents with at least one console connected to this server, away or not. */
    public Set<String> connectedHere() {
        return Set.copyOf(agentBySession.values());
    }

    public Status status(String agentUsername) {
        return roll().status(agentUsername);
    }

    /** Who is online, away or listening for chats now, across every server: one query. */
    public Roll roll() {
        Instant aliveSince = clock.instant().minus(properties.consoleGoneAfter());
        Map<String, Status> statuses = new HashMap<>();
        Set<String> receiving = new HashSet<>();
        for (ConsoleConnections.LiveAgent agent : connections.liveSince(aliveSince)) {
            statuses.put(agent.username(), agent.away() ? Status.AWAY : Status.ONLINE);
            if (!agent.away() && agent.listening()) {
                receiving.add(agent.username());
            }
        }
        return new Roll(statuses, receiving);
    }

    /** True when at least one agent is connected and not away, so a resident asking for a person can queue. */
    public boolean anyoneAvailable() {
        return roll().statuses().containsValue(Status.ONLINE);
    }

    /**
     * True when an agent who serves this council is connected and not away: in a shared contact centre the
     * district's advisers being in does not mean someone can take the county's chats.
     */
    @Override
    public boolean availableFor(String councilId) {
        if (councilId == null) {
            return anyoneAvailable();
        }
        return roll().statuses().entrySet().stream()
                .filter(status -> status.getValue() == Status.ONLINE)
                .anyMatch(status -> agents.agent(status.getKey())
                        .map(agent -> agent.serves(councilId))
                        .orElse(false));
    }

    @Override
    public void destroy() {
        graceTimer.shutdownNow();
    }
}
