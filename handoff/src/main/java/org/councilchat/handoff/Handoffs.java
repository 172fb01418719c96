package org.councilchat.handoff;

import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.councilchat.handoff.transcript.ConversationRepository;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The way from the bot to a person: the queue, an agent taking a chat, and closing it. The queue is the
 * database, so every instance of the server sees the same one and a restart loses no one.
 */
@Service
public class Handoffs {

    /** How a chat may end, as recorded for reporting. */
    public static final Set<String> OUTCOMES = Set.of("RESOLVED", "REFERRED", "NO_RESPONSE", "OTHER");

    private final ConversationRepository repository;
    private final AgentDirectory agents;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public Handoffs(
            ConversationRepository repository, AgentDirectory agents, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.agents = agents;
        this.events = events;
        this.clock = clock;
    }

    /** Puts a conversation with the bot into the queue, carrying what the bot found out. */
    public Conversation requestAgent(String conversationId, String reason, Map<String, String> context) {
        if (repository.enqueue(conversationId, reason, 0, context, clock.instant())) {
            moved(conversationId);
            events.publishEvent(new QueueChanged(queue()));
        }
        return repository.find(conversationId).orElseThrow(() -> new ChatRejected("unknown-conversation"));
    }

    /**
     * Gives a waiting conversation to the agent. When two agents accept at once exactly one succeeds; the
     * other gets {@code already-taken}.
     */
    public Conversation accept(String conversationId, Principal agent) {
        String agentName = agents.agentName(agent).orElseThrow(() -> new ChatRejected("not-an-agent"));
        if (!repository.assign(conversationId, agent.getName(), agentName, clock.instant())) {
            throw repository.find(conversationId).isPresent()
                    ? new ChatRejected("already-taken")
                    : new ChatRejected("unknown-conversation");
        }
        Conversation taken = moved(conversationId);
        events.publishEvent(new QueueChanged(queue()));
        return taken;
    }

    /** Ends a chat the agent holds, with an outcome from {@link #OUTCOMES}. */
    public Conversation close(String conversationId, Principal agent, String outcome) {
        if (!OUTCOMES.contains(outcome)) {
            throw new ChatRejected("bad-outcome");
        }
        Conversation conversation = heldBy(conversationId, agent);
        repository.close(conversation.id(), agent.getName(), outcome, clock.instant());
        return moved(conversationId);
    }

    /** The conversation, if this agent holds it. */
    public Conversation heldBy(String conversationId, Principal agent) {
        Conversation conversation =
                repository.find(conversationId).orElseThrow(() -> new ChatRejected("unknown-conversation"));
        if (conversation.state() != ConversationState.WITH_AGENT
                || !agent.getName().equals(conversation.agentUsername())) {
            throw new ChatRejected("not-your-chat");
        }
        return conversation;
    }

    public List<WaitingChat> queue() {
        return repository.waiting();
    }

    private Conversation moved(String conversationId) {
        Conversation conversation = repository.find(conversationId).orElseThrow();
        events.publishEvent(new ConversationMoved(conversation));
        return conversation;
    }
}
