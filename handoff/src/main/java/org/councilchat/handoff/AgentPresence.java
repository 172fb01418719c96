package org.councilchat.handoff;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.councilchat.engine.AdvisersAvailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Which agents are online, from their consoles' WebSocket connections (whose STOMP heartbeats notice a
 * connection that died silently). An agent is online while at least one console tab is connected, unless
 * they set themselves away. When an agent's last connection drops, their chats wait out a grace period (a
 * page reload, a moment without Wi-Fi), then go back to the front of the queue and their residents are told.
 *
 * <p>NOTE: kept in memory, like the in-memory STOMP broker the connections come through, so it is right for
 * one server instance; running several would need a shared broker and a shared record of connections. The grace
 * period itself also holds across restarts and servers: see {@code presence.OrphanedChats}.
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

    private final Map<String, Set<String>> sessionsByAgent = new ConcurrentHashMap<>();
    private final Map<String, String> agentBySession = new ConcurrentHashMap<>();
    private final Set<String> away = ConcurrentHashMap.newKeySet();
    /** Console connections subscribed to their agent's own queue, so a chat given to the agent reaches them. */
    private final Set<String> listening = ConcurrentHashMap.newKeySet();
    /**
     * When each agent last came online, came back, or had a chat given or taken away, as a tick of {@link #ticks}:
     * the lower, the longer they have been idle. A counter, not a clock, so the order is exact and tests need no
     * sleeping.
     */
    private final Map<String, Long> busySince = new ConcurrentHashMap<>();

    private final AtomicLong ticks = new AtomicLong();
    private final Handoffs handoffs;
    private final HandoffProperties properties;
    private final ApplicationEventPublisher events;
    private final ScheduledExecutorService graceTimer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "agent-grace-period");
        thread.setDaemon(true);
        return thread;
    });

    public AgentPresence(Handoffs handoffs, HandoffProperties properties, ApplicationEventPublisher events) {
        this.handoffs = handoffs;
        this.properties = properties;
        this.events = events;
    }

    /** An agent's console connected (a new tab, or a reconnect within the grace period). */
    public void connected(String agentUsername, String sessionId) {
        agentBySession.put(sessionId, agentUsername);
        boolean first = sessionsByAgent.get(agentUsername) == null;
        sessionsByAgent
                .computeIfAbsent(agentUsername, agent -> ConcurrentHashMap.newKeySet())
                .add(sessionId);
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
        if (agent != null && listening.add(sessionId)) {
            events.publishEvent(new AgentStatusChanged(agent, status(agent)));
        }
    }

    /** True when the agent is online and a console of theirs is listening for chats given to them. */
    public boolean receivingChats(String agentUsername) {
        Set<String> sessions = sessionsByAgent.get(agentUsername);
        return status(agentUsername) == Status.ONLINE
                && sessions != null
                && sessions.stream().anyMatch(listening::contains);
    }

    /** Lower for an agent idle longer: since they came online, came back, or last had a chat given or taken. */
    public long busySince(String agentUsername) {
        return busySince.getOrDefault(agentUsername, 0L);
    }

    private void busy(String agentUsername) {
        busySince.put(agentUsername, ticks.incrementAndGet());
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

    /** A console connection closed, cleanly or not; after the last one the grace period starts. */
    public void disconnected(String sessionId) {
        String agent = agentBySession.remove(sessionId);
        listening.remove(sessionId);
        if (agent == null) {
            return;
        }
        boolean lastOne = sessionsByAgent.computeIfPresent(agent, (name, sessions) -> {
                    sessions.remove(sessionId);
                    return sessions.isEmpty() ? null : sessions;
                })
                == null;
        if (lastOne) {
            events.publishEvent(new AgentStatusChanged(agent, Status.OFFLINE));
            graceTimer.schedule(
                    () -> requeueIfStillGone(agent),
                    properties.agentGracePeriod().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private void requeueIfStillGone(String agent) {
        if (sessionsByAgent.containsKey(agent)) {
            return; // back within the grace period: they keep their chats
        }
        try {
            var requeued = handoffs.requeueChatsOf(agent);
            if (!requeued.isEmpty()) {
                log.info("Agent {} lost their connection: {} chat(s) back in the queue", agent, requeued.size());
            }
        } catch (RuntimeException failure) {
            // NOTE: the chats stay with the agent, who may yet come back; a supervisor sees them in the console.
            log.error("Could not requeue the chats of agent {}", agent, failure);
        }
    }

    /** The agent's own choice to take no new chats for now (a break, a call), or to take them again. */
    public void setAway(String agentUsername, boolean isAway) {
        boolean changed = isAway ? away.add(agentUsername) : away.remove(agentUsername);
        if (changed) {
            if (!isAway) {
                busy(agentUsername);
            }
            events.publishEvent(new AgentStatusChanged(agentUsername, status(agentUsername)));
        }
    }

    /** The agents with at least one console connected to this server, away or not. */
    public Set<String> connectedAgents() {
        return Set.copyOf(sessionsByAgent.keySet());
    }

    public Status status(String agentUsername) {
        if (!sessionsByAgent.containsKey(agentUsername)) {
            return Status.OFFLINE;
        }
        return away.contains(agentUsername) ? Status.AWAY : Status.ONLINE;
    }

    /** True when at least one agent is connected and not away, so a resident asking for a person can queue. */
    @Override
    public boolean anyoneAvailable() {
        return sessionsByAgent.keySet().stream().anyMatch(agent -> !away.contains(agent));
    }

    @Override
    public void destroy() {
        graceTimer.shutdownNow();
    }
}
