package org.councilchat.handoff.assignment;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.councilchat.handoff.AgentSeatChanged;
import org.councilchat.handoff.AgentStatusChanged;
import org.councilchat.handoff.ChatTransferred;
import org.councilchat.handoff.Conversation;
import org.councilchat.handoff.ConversationMoved;
import org.councilchat.handoff.ConversationState;
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
 * each. Other servers run their own passes over the same queue at the same time: the conditional update in
 * {@link Handoffs#assign}, under a lock on the agent's row, gives each chat once and no agent one too many, against
 * them and against agents accepting by hand. When an assignment loses such a race because the agent just filled
 * up elsewhere, the same chat is offered to the next fittest agent before any later chat, so the queue stays first
 * come first served across servers.
 */
@Service
class AutoAssignment implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AutoAssignment.class);

    /** How often one chat is offered again after the chosen agent filled up on another server first. */
    private static final int MOST_TRIES = 20;

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
            if (give(chat)) {
                given++;
            }
        }
        return given;
    }

    /** Gives the chat to the fittest agent free now, trying the next while one fills up under us; false if none. */
    private boolean give(Conversation chat) {
        for (int tries = 0; tries < MOST_TRIES; tries++) {
            var agent = routing.assigneeFor(chat);
            if (agent.isEmpty()) {
                return false;
            }
            if (handoffs.assign(chat.id(), agent.get())) {
                log.info("Chat {} given to agent {}", chat.id(), agent.get().username());
                return true;
            }
            if (!repository
                    .find(chat.id())
                    .map(now -> now.state() == ConversationState.WAITING)
                    .orElse(false)) {
                return false; // taken, or ended, meanwhile
            }
        }
        return false; // agents filling up faster than we can ask: the next pass tries again
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
