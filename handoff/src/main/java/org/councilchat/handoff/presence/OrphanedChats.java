package org.councilchat.handoff.presence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.councilchat.handoff.AgentPresence;
import org.councilchat.handoff.AgentStatusChanged;
import org.councilchat.handoff.HandoffProperties;
import org.councilchat.handoff.Handoffs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * The agent grace period across restarts and servers. {@link AgentPresence} times it in memory, which a restart
 * or a dying server forgets: a chat whose agent never came back would stay with them for ever. So the database
 * keeps when each agent was last connected: every {@code console-heartbeat} each server rewrites the heartbeat of
 * the consoles connected to it and the last-seen time of their agents. A sweep, at start-up and then every third of
 * the grace period, on one server of the cluster at a time (ShedLock), puts back at the front of the queue the chats
 * of agents with no live connection on any server who were last seen longer than the grace period ago, telling each
 * resident, exactly as the in-memory expiry does. Both are single conditional updates, so a chat is put back once
 * whichever comes first, on whichever server.
 */
@Service
public class OrphanedChats implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OrphanedChats.class);

    private final AgentLastSeen lastSeen;
    private final ConsoleConnections connections;
    private final LockingTaskExecutor onceInTheCluster;
    private final AgentPresence presence;
    private final Handoffs handoffs;
    private final HandoffProperties properties;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "orphaned-chats");
        thread.setDaemon(true);
        return thread;
    });

    OrphanedChats(
            AgentLastSeen lastSeen,
            ConsoleConnections connections,
            LockingTaskExecutor onceInTheCluster,
            AgentPresence presence,
            Handoffs handoffs,
            HandoffProperties properties,
            Clock clock) {
        this.lastSeen = lastSeen;
        this.connections = connections;
        this.onceInTheCluster = onceInTheCluster;
        this.presence = presence;
        this.handoffs = handoffs;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        long heartbeat = Math.max(100, properties.consoleHeartbeat().toMillis());
        timer.scheduleWithFixedDelay(this::heartbeat, 0, heartbeat, TimeUnit.MILLISECONDS);
        long every = Math.max(1_000, properties.agentGracePeriod().toMillis() / 3);
        timer.scheduleWithFixedDelay(this::sweepOnOneServer, 0, every, TimeUnit.MILLISECONDS);
    }

    /** Came online or went offline (the grace period counts from the last console dropping): either way, seen now. */
    @EventListener
    void statusChanged(AgentStatusChanged changed) {
        lastSeen.seen(changed.username(), clock.instant());
    }

    /** This server is alive, and so are the consoles connected to it. */
    private void heartbeat() {
        try {
            Instant now = clock.instant();
            presence.heartbeat();
            for (String agent : presence.connectedHere()) {
                lastSeen.seen(agent, now);
            }
        } catch (RuntimeException failure) {
            // The next beat tries again; three missed in a row make this server's consoles count as gone.
            log.error("Could not record that this server's agent consoles are connected", failure);
        }
    }

    private void sweepOnOneServer() {
        try {
            Duration every = Duration.ofMillis(
                    Math.max(1_000, properties.agentGracePeriod().toMillis() / 3));
            // At most the grace period, so a server that died mid-sweep holds no one up for long; at least half a
            // round, so the other servers skip the round this one just did.
            onceInTheCluster.executeWithLock(
                    (Runnable) this::sweep,
                    new LockConfiguration(
                            clock.instant(),
                            "orphaned-chats",
                            properties.agentGracePeriod().compareTo(every) > 0 ? properties.agentGracePeriod() : every,
                            every.dividedBy(2)));
        } catch (RuntimeException failure) {
            // The next round tries again; the chats stay with their agent meanwhile, as they would have anyway.
            log.error("Could not check for chats whose agent has gone", failure);
        }
    }

    private void sweep() {
        Duration silence = properties.agentGracePeriod().compareTo(properties.consoleGoneAfter()) > 0
                ? properties.agentGracePeriod()
                : properties.consoleGoneAfter();
        // Connections of servers that died count for nothing already; removing them keeps the table small.
        connections.forgetSilentSince(clock.instant().minus(silence));
        returnOrphanedChats();
    }

    /**
     * Puts back in the queue the chats of every agent with no live console connection on any server who was last
     * seen longer than the grace period ago. Returns the chats put back.
     */
    public List<String> returnOrphanedChats() {
        Duration grace = properties.agentGracePeriod();
        List<String> returned = new ArrayList<>();
        for (String agent : lastSeen.holdingChatsUnseenSince(clock.instant().minus(grace))) {
            if (presence.status(agent) != AgentPresence.Status.OFFLINE) {
                continue; // connected somewhere after all: the heartbeat has not written it yet
            }
            List<String> requeued = handoffs.requeueChatsOf(agent);
            if (!requeued.isEmpty()) {
                log.info(
                        "Agent {} has not been connected for over {}: {} chat(s) back in the queue",
                        agent,
                        grace,
                        requeued.size());
            }
            returned.addAll(requeued);
        }
        return returned;
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
