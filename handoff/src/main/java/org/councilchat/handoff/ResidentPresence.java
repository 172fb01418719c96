package org.councilchat.handoff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.councilchat.engine.CaseIntake;
import org.councilchat.handoff.presence.ResidentPages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * No ghosts in the queue: a resident who closed the tab or lost the connection while waiting for or chatting with
 * an agent, and has not come back within {@code council-chat.handoff.resident-grace-period} (2 minutes), has left.
 * A waiting chat then leaves the queue (ended {@link Handoffs#RESIDENT_LEFT}, so it no longer counts in anyone's
 * position or wait, and the chat figures count it abandoned); an urgent one becomes an urgent case with its
 * transcript rather than vanishing; an agent's chat stays with the agent, who is told the resident has gone (and
 * that they are back, if they return).
 *
 * <p>Pages are counted in the database by every server ({@link ResidentPages}), so a resident whose page moved to
 * another server, or whose server died, is judged by all of their pages, not by one server's memory. The check runs
 * on one server of the cluster at a time (ShedLock). A conversation that never had a page (the Rasa REST channel)
 * is never judged gone.
 */
@Service
public class ResidentPresence implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ResidentPresence.class);

    private final ResidentPages pages;
    private final Handoffs handoffs;
    private final CaseIntake cases;
    private final AgentPresence agents;
    private final LockingTaskExecutor onceInTheCluster;
    private final HandoffProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate inOneTransaction;

    /**
     * This server's residents' pages, by connection: what its heartbeat vouches for. Rows the database lost (taken
     * as silent while it or this server stalled) are put back from here; rows whose removal failed are retried.
     */
    private final Map<String, String> pagesHere = new ConcurrentHashMap<>();

    private final Set<String> notYetForgotten = ConcurrentHashMap.newKeySet();

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "residents-who-left");
        thread.setDaemon(true);
        return thread;
    });

    /** Its own thread, so a slow check never holds up the heartbeat that keeps this server's residents counted. */
    private final ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "resident-pages-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    public ResidentPresence(
            ResidentPages pages,
            Handoffs handoffs,
            CaseIntake cases,
            AgentPresence agents,
            LockingTaskExecutor onceInTheCluster,
            HandoffProperties properties,
            ApplicationEventPublisher events,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.inOneTransaction = new TransactionTemplate(transactions);
        this.pages = pages;
        this.handoffs = handoffs;
        this.cases = cases;
        this.agents = agents;
        this.onceInTheCluster = onceInTheCluster;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Before this server takes any connection: pages it held before it stopped or died are gone with their
     * connections, whatever their heartbeat says (a node id set in configuration survives the restart).
     */
    @Override
    public void afterPropertiesSet() {
        pages.forgetNode(agents.node(), clock.instant());
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        long heartbeat = Math.max(100, properties.consoleHeartbeat().toMillis());
        beat.scheduleWithFixedDelay(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        long every = checkEvery().toMillis();
        timer.scheduleWithFixedDelay(this::checkOnOneServer, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
        beat.shutdownNow();
    }

    /** How many residents' pages are connected to this server now. */
    public int pagesHere() {
        return pagesHere.size();
    }

    /** A resident's page connected to this server (a new tab, a reload, a reconnect). */
    public void connected(String conversationId, String connectionId) {
        pagesHere.put(connectionId, conversationId);
        if (pages.connected(agents.node(), connectionId, conversationId, clock.instant())) {
            handoffs.find(conversationId)
                    .filter(chat -> chat.state() == ConversationState.WITH_AGENT && chat.agentUsername() != null)
                    .ifPresent(chat -> events.publishEvent(new ResidentCameBack(chat.id(), chat.agentUsername())));
        }
    }

    /** A connection to this server closed; a resident's last page starts their time away. */
    public void disconnected(String connectionId) {
        if (pagesHere.remove(connectionId) == null) {
            return; // an agent's console, or a connection that never got as far as CONNECT
        }
        try {
            pages.disconnected(agents.node(), connectionId, clock.instant());
        } catch (RuntimeException failure) {
            // Left in the table, the row would keep the resident counted for ever: the heartbeat tries again.
            notYetForgotten.add(connectionId);
            log.warn("Could not record that a resident's page closed; will try again", failure);
        }
    }

    /**
     * Decides for every resident away longer than the grace period, on any server. Returns the conversations
     * judged left.
     */
    public List<String> residentsWhoLeft() {
        Instant now = clock.instant();
        pages.forgetSilentSince(now.minus(properties.consoleGoneAfter()), now);
        Instant awayBefore = now.minus(properties.residentGracePeriod());
        List<ResidentPages.Gone> gone = pages.awaySince(awayBefore);
        List<String> left = new java.util.ArrayList<>();
        for (ResidentPages.Gone chat : gone) {
            if (ConversationState.WAITING.name().equals(chat.state())) {
                if (leftTheQueue(chat.conversationId(), awayBefore)) {
                    left.add(chat.conversationId());
                }
            } else if (pages.markLeft(chat.conversationId(), awayBefore, now)) {
                left.add(chat.conversationId());
                handoffs.find(chat.conversationId())
                        .filter(conversation -> conversation.agentUsername() != null)
                        .ifPresent(conversation ->
                                events.publishEvent(new ResidentLeft(conversation.id(), conversation.agentUsername())));
            }
        }
        return left;
    }

    /** Whether the resident of an agent's chat has been taken to have left (for a console reloading its chats). */
    public boolean hasLeft(String conversationId) {
        return pages.hasLeft(conversationId);
    }

    /**
     * Out of the queue, and for an urgent chat a case, in one transaction: if the case cannot be opened the chat
     * stays in the queue for the next check, rather than a disclosure vanishing.
     */
    private boolean leftTheQueue(String conversationId, Instant awayBefore) {
        Conversation before = handoffs.find(conversationId).orElse(null);
        if (before == null) {
            return false;
        }
        Boolean left = inOneTransaction.execute(status -> {
            if (!handoffs.residentLeft(conversationId, awayBefore)) {
                return false;
            }
            // Read again under the row lock the update took: a disclosure just before it counts.
            if (handoffs.priorityOf(conversationId) >= Handoffs.Priority.URGENT.rank()) {
                // Someone who disclosed a risk must not simply vanish from the queue: staff follow it up as a case.
                String reference = cases.open(new CaseIntake.NewCase(
                        conversationId,
                        before.context().get("name"),
                        before.context().get("contact"),
                        "Urgent chat: the resident left before an adviser answered ("
                                + (before.handoffReason() == null ? "urgent" : before.handoffReason())
                                + "). Please follow up from the transcript.",
                        before.language(),
                        true));
                log.info("An urgent chat's resident left the queue; opened case {} to follow it up", reference);
            }
            return true;
        });
        return Boolean.TRUE.equals(left);
    }

    private void heartbeat() {
        try {
            for (String connection : List.copyOf(notYetForgotten)) {
                pages.disconnected(agents.node(), connection, clock.instant());
                notYetForgotten.remove(connection);
            }
            pages.heartbeat(agents.node(), Map.copyOf(pagesHere), clock.instant());
        } catch (RuntimeException failure) {
            // The next beat tries again; three missed in a row make this server's residents count as away.
            log.error("Could not record that this server's residents are connected", failure);
        }
    }

    private void checkOnOneServer() {
        try {
            Duration every = checkEvery();
            onceInTheCluster.executeWithLock(
                    (Runnable) this::residentsWhoLeft,
                    new LockConfiguration(
                            clock.instant(), "residents-who-left", every.multipliedBy(4), every.dividedBy(2)));
        } catch (RuntimeException failure) {
            // The next round tries again; the chats stay as they are meanwhile.
            log.error("Could not check for residents who left their chat", failure);
        }
    }

    /** A quarter of the grace period, so a resident is judged gone at most a quarter late. */
    private Duration checkEvery() {
        return Duration.ofMillis(
                Math.max(1_000, properties.residentGracePeriod().toMillis() / 4));
    }
}
