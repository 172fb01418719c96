package org.councilchat.handoff;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.councilchat.engine.AdvisersAvailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * Which agents are online, from their consoles' WebSocket connections (whose STOMP heartbeats notice a
 * connection that died silently). An agent is online while at least one console tab is connected, unless
 * they set themselves away. When an agent's last connection drops, their chats wait out a grace period (a
 * page reload, a moment without Wi-Fi), then go back to the front of the queue and their residents are told.
 *
 * <p>NOTE: kept in memory, like the in-memory STOMP broker the connections come through, so it is right for
 * one server instance; running several would need a shared broker and a shared record of connections.
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
    private final Handoffs handoffs;
    private final HandoffProperties properties;
    private final ScheduledExecutorService graceTimer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "agent-grace-period");
        thread.setDaemon(true);
        return thread;
    });

    public AgentPresence(Handoffs handoffs, HandoffProperties properties) {
        this.handoffs = handoffs;
        this.properties = properties;
    }

    /** An agent's console connected (a new tab, or a reconnect within the grace period). */
    public void connected(String agentUsername, String sessionId) {
        agentBySession.put(sessionId, agentUsername);
        sessionsByAgent
                .computeIfAbsent(agentUsername, agent -> ConcurrentHashMap.newKeySet())
                .add(sessionId);
    }

    /** A console connection closed, cleanly or not; after the last one the grace period starts. */
    public void disconnected(String sessionId) {
        String agent = agentBySession.remove(sessionId);
        if (agent == null) {
            return;
        }
        boolean lastOne = sessionsByAgent.computeIfPresent(agent, (name, sessions) -> {
                    sessions.remove(sessionId);
                    return sessions.isEmpty() ? null : sessions;
                })
                == null;
        if (lastOne) {
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
        if (isAway) {
            away.add(agentUsername);
        } else {
            away.remove(agentUsername);
        }
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
