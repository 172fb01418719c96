package org.councilchat.handoff.presence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * forgets: a chat whose agent never came back would stay with them for ever. So the database keeps when each agent
 * was last connected (refreshed while they are), and a sweep, at start-up and then every third of the grace
 * period, puts back at the front of the queue the chats of agents unseen for longer than the grace period, telling
 * each resident, exactly as the in-memory expiry does. Both are single conditional updates, so a chat is put back
 * once whichever comes first, on whichever server.
 */
@Service
public class OrphanedChats implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OrphanedChats.class);

    private final AgentLastSeen lastSeen;
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
            AgentPresence presence,
            Handoffs handoffs,
            HandoffProperties properties,
            Clock clock) {
        this.lastSeen = lastSeen;
        this.presence = presence;
        this.handoffs = handoffs;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        long every = Math.max(1_000, properties.agentGracePeriod().toMillis() / 3);
        timer.scheduleWithFixedDelay(this::everyFewSeconds, 0, every, TimeUnit.MILLISECONDS);
    }

    /** Came online or went offline (the grace period counts from the last console dropping): either way, seen now. */
    @EventListener
    void statusChanged(AgentStatusChanged changed) {
        lastSeen.seen(changed.username(), clock.instant());
    }

    private void everyFewSeconds() {
        try {
            Instant now = clock.instant();
            for (String agent : presence.connectedAgents()) {
                lastSeen.seen(agent, now);
            }
            returnOrphanedChats();
        } catch (RuntimeException failure) {
            // The next round tries again; the chats stay with their agent meanwhile, as they would have anyway.
            log.error("Could not check for chats whose agent has gone", failure);
        }
    }

    /**
     * Puts back in the queue the chats of every agent with no console connected to this server who was last seen,
     * here or on another server, longer than the grace period ago. Returns the chats put back.
     */
    public List<String> returnOrphanedChats() {
        Duration grace = properties.agentGracePeriod();
        List<String> returned = new ArrayList<>();
        for (String agent : lastSeen.holdingChatsUnseenSince(clock.instant().minus(grace))) {
            if (presence.status(agent) != AgentPresence.Status.OFFLINE) {
                continue; // connected here after all: the heartbeat has not written it yet
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
