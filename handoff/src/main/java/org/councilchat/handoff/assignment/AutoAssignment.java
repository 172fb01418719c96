package org.councilchat.handoff.assignment;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.councilchat.handoff.AgentSeatChanged;
import org.councilchat.handoff.AgentStatusChanged;
import org.councilchat.handoff.ChatTransferred;
import org.councilchat.handoff.Conversation;
import org.councilchat.handoff.ConversationMoved;
import org.councilchat.handoff.HandoffProperties;
import org.councilchat.handoff.Handoffs;
import org.councilchat.handoff.QueueChanged;
import org.councilchat.handoff.Routing;
import org.councilchat.handoff.transcript.ConversationRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Auto-assignment ({@code council-chat.handoff.assignment: auto}): whenever a chat joins the queue, an agent comes
 * online or back from away, or an agent's chat ends or is passed on, each waiting chat, urgent first and then the
 * longest waiting, is given to the agent {@link Routing#assigneeFor} picks (the fittest free agent with the fewest
 * chats, then the one idle longest), through {@link Handoffs#assign}, the accept path.
 *
 * <p>Passes run one at a time on one thread, and a burst of triggers while one runs costs one more pass, not one
 * each. That alone keeps this server from giving one chat twice or an agent one too many; the conditional update
 * in {@link Handoffs#assign} keeps it so against agents accepting by hand and against other servers.
 */
@Service
class AutoAssignment implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AutoAssignment.class);

    private final Handoffs handoffs;
    private final Routing routing;
    private final ConversationRepository repository;
    private final HandoffProperties properties;
    private final AtomicBoolean passWanted = new AtomicBoolean();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "auto-assignment");
        thread.setDaemon(true);
        return thread;
    });

    AutoAssignment(
            Handoffs handoffs, Routing routing, ConversationRepository repository, HandoffProperties properties) {
        this.handoffs = handoffs;
        this.routing = routing;
        this.repository = repository;
        this.properties = properties;
    }

    @EventListener
    void queueChanged(QueueChanged changed) {
        if (!changed.waiting().isEmpty()) {
            passWanted();
        }
    }

    @EventListener
    void chatMoved(ConversationMoved moved) {
        passWanted();
    }

    @EventListener
    void chatPassedOn(ChatTransferred transferred) {
        passWanted();
    }

    @EventListener
    void agentStatusChanged(AgentStatusChanged changed) {
        passWanted();
    }

    @EventListener
    void agentSeatChanged(AgentSeatChanged changed) {
        passWanted();
    }

    private void passWanted() {
        if (properties.assignment() == HandoffProperties.Assignment.AUTO && passWanted.compareAndSet(false, true)) {
            worker.execute(this::pass);
        }
    }

    private void pass() {
        // Cleared before reading the queue, so a trigger from now on asks for another pass after this one.
        passWanted.set(false);
        try {
            assignWaitingChats();
        } catch (RuntimeException failure) {
            // NOTE: the chats stay in the queue, where agents can still accept them; the next trigger tries again.
            log.error("Auto-assignment failed", failure);
        }
    }

    /** One pass over the queue; returns how many chats were given to agents. */
    int assignWaitingChats() {
        int given = 0;
        for (Conversation chat : repository.waitingInOrder()) {
            var agent = routing.assigneeFor(chat);
            if (agent.isPresent() && handoffs.assign(chat.id(), agent.get())) {
                log.info("Chat {} given to agent {}", chat.id(), agent.get().username());
                given++;
            }
        }
        return given;
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
