package org.councilchat.handoff.console;

import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.councilchat.councils.Councils;
import org.councilchat.handoff.AgentDirectory;
import org.councilchat.handoff.AgentPresence;
import org.councilchat.handoff.AgentSeatChanged;
import org.councilchat.handoff.AgentStatusChanged;
import org.councilchat.handoff.CannedResponse;
import org.councilchat.handoff.CannedResponses;
import org.councilchat.handoff.ChatAssigned;
import org.councilchat.handoff.ChatEvents;
import org.councilchat.handoff.ChatEvents.ChatEvent;
import org.councilchat.handoff.ChatEvents.MessageEvent;
import org.councilchat.handoff.ChatEvents.NoteEvent;
import org.councilchat.handoff.ChatEvents.QueueEvent;
import org.councilchat.handoff.ChatEvents.ResidentEvent;
import org.councilchat.handoff.ChatEvents.StatusEvent;
import org.councilchat.handoff.ChatEvents.TypingEvent;
import org.councilchat.handoff.ChatRejected;
import org.councilchat.handoff.ChatSummaries;
import org.councilchat.handoff.ChatTransferred;
import org.councilchat.handoff.Conversation;
import org.councilchat.handoff.ConversationMoved;
import org.councilchat.handoff.ConversationState;
import org.councilchat.handoff.Conversations;
import org.councilchat.handoff.HandoffProperties;
import org.councilchat.handoff.Handoffs;
import org.councilchat.handoff.InternalNotes;
import org.councilchat.handoff.MessagePosted;
import org.councilchat.handoff.NewMessage;
import org.councilchat.handoff.QueueChanged;
import org.councilchat.handoff.ResidentCameBack;
import org.councilchat.handoff.ResidentLeft;
import org.councilchat.handoff.ResidentPresence;
import org.councilchat.handoff.Routing;
import org.councilchat.handoff.Sender;
import org.councilchat.handoff.TypingChanged;
import org.councilchat.handoff.WaitingChat;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.annotation.SubscribeMapping;
import org.springframework.stereotype.Controller;

/**
 * The agent side of the chat protocol: the queue, accepting, replying, internal notes, passing chats on and
 * closing. The agent is always the signed-in {@link Principal}; nothing in a message body can claim to be
 * someone else. Notes only ever go to agents' own queues ({@code /user/queue/agent}), never to a resident's.
 */
@Controller
class AgentDesk {

    static final String AGENT_QUEUE = "/queue/agent";

    private final Handoffs handoffs;
    private final Conversations conversations;
    private final AgentDirectory agents;
    private final SimpMessagingTemplate clients;
    private final ApplicationEventPublisher events;
    private final AgentPresence presence;
    private final InternalNotes notes;
    private final Routing routing;
    private final CannedResponses cannedResponses;
    private final HandoffProperties properties;
    private final ResidentPresence residents;
    private final ChatSummaries summaries;
    private final Councils councils;

    AgentDesk(
            Handoffs handoffs,
            Conversations conversations,
            AgentDirectory agents,
            AgentPresence presence,
            InternalNotes notes,
            Routing routing,
            CannedResponses cannedResponses,
            HandoffProperties properties,
            SimpMessagingTemplate clients,
            ApplicationEventPublisher events,
            ResidentPresence residents,
            ChatSummaries summaries,
            Councils councils) {
        this.councils = councils;
        this.residents = residents;
        this.summaries = summaries;
        this.events = events;
        this.notes = notes;
        this.routing = routing;
        this.cannedResponses = cannedResponses;
        this.properties = properties;
        this.presence = presence;
        this.handoffs = handoffs;
        this.conversations = conversations;
        this.agents = agents;
        this.clients = clients;
    }

    @SubscribeMapping("/agent/queue")
    QueueEvent currentQueue(Principal agent) {
        requireAgent(agent);
        Set<String> theirs = agents.councilsOf(agent);
        return QueueEvent.of(described(routing.route(handoffs.queue().stream()
                .filter(chat -> theirs.contains(chat.councilId()))
                .toList())));
    }

    /**
     * The chats this agent has, each with its whole transcript, once, on subscribing: a console that reloads
     * or reconnects (within the grace period) picks up exactly where it was.
     */
    @SubscribeMapping("/agent/chats")
    List<ChatEvent> heldChats(Principal agent) {
        requireAgent(agent);
        return handoffs.chatsHeldBy(agent.getName()).stream()
                .map(chat -> chatEvent(chat, null))
                .toList();
    }

    /** The canned responses, once, on subscribing; the console inserts them into its reply box. */
    @SubscribeMapping("/agent/canned-responses")
    List<CannedResponse> cannedResponses(Principal agent) {
        requireAgent(agent);
        // Each with its council; the console offers in a chat the contact centre's and that chat's council's.
        return cannedResponses.forCouncils(agents.councilsOf(agent));
    }

    /**
     * Where this agent could pass a chat now, once, on subscribing: the skills the queue knows and every
     * colleague with whether they are online.
     */
    @SubscribeMapping("/agent/colleagues")
    Colleagues colleagues(Principal agent) {
        requireAgent(agent);
        Map<String, String> serviceNames = new LinkedHashMap<>();
        properties.skills().forEach(skill -> serviceNames.put(skill, summaries.serviceName(skill)));
        return new Colleagues("colleagues", properties.skills(), serviceNames, routing.colleaguesOf(agent.getName()));
    }

    /** Away: still signed in and answering their chats, but taking no new ones; or available again. */
    @MessageMapping("/agent/status")
    void status(AgentStatus command, Principal agent) {
        requireAgent(agent);
        presence.setAway(agent.getName(), command != null && "AWAY".equals(command.status()));
        clients.convertAndSendToUser(
                agent.getName(),
                AGENT_QUEUE,
                new PresenceEvent("presence", presence.status(agent.getName()).name()));
    }

    @MessageMapping("/agent/accept")
    void accept(AcceptChat command, Principal agent) {
        requireAgent(agent);
        conversations
                .find(command.conversationId())
                .filter(chat -> chat.state() == ConversationState.WAITING)
                .ifPresent(chat -> routing.checkLanguage(chat, agent.getName()));
        Conversation taken = handoffs.accept(command.conversationId(), agent);
        clients.convertAndSendToUser(agent.getName(), AGENT_QUEUE, chatEvent(taken, null));
    }

    /** A note on a chat this agent holds, for colleagues; echoed to the agent's consoles as a {@code note}. */
    @MessageMapping("/agent/note")
    void note(WriteNote command, Principal agent) {
        requireAgent(agent);
        var note = notes.write(command.conversationId(), agent, command.text());
        clients.convertAndSendToUser(agent.getName(), AGENT_QUEUE, NoteEvent.of(note));
    }

    /**
     * Passes a chat this agent holds to an online colleague ({@code toAgent}), back to the queue for a skill, or
     * back to the bot ({@code toBot}).
     */
    @MessageMapping("/agent/transfer")
    void transfer(TransferChat command, Principal agent) {
        requireAgent(agent);
        if (Boolean.TRUE.equals(command.toBot())) {
            handoffs.returnToBot(command.conversationId(), agent, command.note());
        } else if (command.toAgent() != null && !command.toAgent().isBlank()) {
            Conversation chat = handoffs.heldBy(command.conversationId(), agent);
            routing.checkCanReceive(chat, command.toAgent(), agent.getName());
            handoffs.transferToAgent(chat.id(), agent, command.toAgent(), command.note());
        } else {
            handoffs.transferToQueue(command.conversationId(), agent, command.skill(), command.note());
        }
    }

    /** Tells the agent who passed a chat on that it is gone, and gives it to the colleague who now has it. */
    @EventListener
    void handOver(ChatTransferred transferred) {
        Conversation chat = transferred.conversation();
        String to = chat.state() == ConversationState.WITH_AGENT ? chat.agentName() : null;
        clients.convertAndSendToUser(
                transferred.fromUsername(),
                AGENT_QUEUE,
                new TransferredEvent(
                        "transferred",
                        chat.id(),
                        to,
                        to == null ? chat.skill() : null,
                        chat.state() == ConversationState.BOT));
        if (to != null) {
            clients.convertAndSendToUser(chat.agentUsername(), AGENT_QUEUE, chatEvent(chat, transferred.fromName()));
        }
    }

    /** A chat given to the agent by auto-assignment: their console gets it as if they had accepted it. */
    @EventListener
    void deliverAssigned(ChatAssigned assigned) {
        Conversation chat = assigned.conversation();
        clients.convertAndSendToUser(chat.agentUsername(), AGENT_QUEUE, chatEvent(chat, null));
    }

    private ChatEvent chatEvent(Conversation chat, String transferredFrom) {
        return new ChatEvent(
                "chat",
                chat.id(),
                chat.councilId(),
                chat.state(),
                chat.language(),
                contextWithService(chat),
                summaries.of(chat.context(), chat.handoffReason(), routing.serviceOf(chat)),
                conversations.transcriptAfter(chat.id(), 0).stream()
                        .map(MessageEvent::of)
                        .toList(),
                notes.of(chat.id()).stream().map(NoteEvent::of).toList(),
                transferredFrom,
                residents.hasLeft(chat.id()));
    }

    @EventListener
    void tellAgentResidentLeft(ResidentLeft left) {
        clients.convertAndSendToUser(left.agentUsername(), AGENT_QUEUE, ResidentEvent.left(left.conversationId()));
    }

    @EventListener
    void tellAgentResidentCameBack(ResidentCameBack back) {
        clients.convertAndSendToUser(back.agentUsername(), AGENT_QUEUE, ResidentEvent.cameBack(back.conversationId()));
    }

    @MessageMapping("/agent/message")
    void reply(AgentReply command, Principal agent) {
        Conversation chat = handoffs.heldBy(command.conversationId(), agent);
        Conversations.Posted posted = conversations.post(
                NewMessage.typed(chat.id(), Sender.AGENT, chat.agentName(), command.text(), command.clientMessageId()));
        if (posted.duplicate()) {
            clients.convertAndSendToUser(agent.getName(), AGENT_QUEUE, MessageEvent.of(posted.message()));
        }
    }

    /** Tells the resident the agent is typing. */
    @MessageMapping("/agent/typing")
    void typing(AgentTyping command, Principal agent) {
        Conversation chat = handoffs.heldBy(command.conversationId(), agent);
        events.publishEvent(new TypingChanged(
                chat.id(), Sender.AGENT, chat.agentName(), agent.getName(), Boolean.TRUE.equals(command.typing())));
    }

    @EventListener
    void tellAgentResidentIsTyping(TypingChanged changed) {
        if (changed.who() == Sender.RESIDENT && changed.agentUsername() != null) {
            clients.convertAndSendToUser(changed.agentUsername(), AGENT_QUEUE, TypingEvent.of(changed));
        }
    }

    @MessageMapping("/agent/close")
    void close(CloseChat command, Principal agent) {
        handoffs.close(command.conversationId(), agent, command.outcome());
    }

    @EventListener
    void deliverToAgent(MessagePosted posted) {
        if (posted.conversationState() == ConversationState.WITH_AGENT && posted.agentUsername() != null) {
            clients.convertAndSendToUser(posted.agentUsername(), AGENT_QUEUE, MessageEvent.of(posted.message()));
        }
    }

    @EventListener
    void tellAgent(ConversationMoved moved) {
        Conversation conversation = moved.conversation();
        if (conversation.agentUsername() != null) {
            clients.convertAndSendToUser(conversation.agentUsername(), AGENT_QUEUE, StatusEvent.of(conversation, null));
        }
    }

    /**
     * The bot's findings, with the service the chat is routed by when an agent passed it back to the queue for one
     * (the bot's own {@code service} finding is already there), so the context panel always shows it.
     */
    private List<WaitingChat> described(List<WaitingChat> waiting) {
        return waiting.stream().map(chat -> chat.about(summaries.of(chat))).toList();
    }

    private Map<String, String> contextWithService(Conversation chat) {
        String service = routing.serviceOf(chat);
        if (service == null || service.equals(chat.context().get("service"))) {
            return chat.context();
        }
        Map<String, String> context = new LinkedHashMap<>(chat.context());
        context.put("service", service);
        return context;
    }

    @EventListener
    void publishQueue(QueueChanged changed) {
        publishByCouncil(changed.waiting());
    }

    /** Who a waiting chat is meant for depends on who could take it now: tell every console when that changes. */
    @EventListener
    void agentStatusChanged(AgentStatusChanged changed) {
        republishQueue();
    }

    @EventListener
    void agentSeatChanged(AgentSeatChanged changed) {
        republishQueue();
    }

    @EventListener
    void chatFreedAnAgent(ConversationMoved moved) {
        if (moved.conversation().state() != ConversationState.WITH_AGENT
                && moved.conversation().state() != ConversationState.WAITING) {
            republishQueue();
        }
    }

    private void republishQueue() {
        var waiting = handoffs.queue();
        if (!waiting.isEmpty()) {
            publishByCouncil(waiting);
        }
    }

    /**
     * Each council's part of the queue on its own topic, every council's even when empty, so a console clears a
     * council's last chat: an agent hears only of the councils they serve.
     */
    private void publishByCouncil(List<WaitingChat> waiting) {
        Map<String, List<WaitingChat>> byCouncil = new LinkedHashMap<>();
        councils.ids().forEach(id -> byCouncil.put(id, new ArrayList<>()));
        for (WaitingChat chat : described(routing.route(waiting))) {
            // A chat of a council no longer configured has no agents to hear of it (see README, "Councils").
            List<WaitingChat> ofCouncil = byCouncil.get(chat.councilId());
            if (ofCouncil != null) {
                ofCouncil.add(chat);
            }
        }
        byCouncil.forEach((council, chats) ->
                clients.convertAndSend(ChatEvents.COUNCIL_QUEUE_TOPIC + council, QueueEvent.of(council, chats)));
    }

    private void requireAgent(Principal principal) {
        if (principal == null || agents.agentName(principal).isEmpty()) {
            throw new ChatRejected("not-an-agent");
        }
    }

    record AcceptChat(String conversationId) {}

    record AgentStatus(String status) {}

    record PresenceEvent(String type, String status) {}

    record AgentTyping(String conversationId, Boolean typing) {}

    record AgentReply(String conversationId, String clientMessageId, String text) {}

    record CloseChat(String conversationId, String outcome) {}

    record WriteNote(String conversationId, String text) {}

    /** To a colleague ({@code toAgent}, a username), or else back to the queue for {@code skill} (null: anyone). */
    record TransferChat(String conversationId, String toAgent, String skill, String note, Boolean toBot) {}

    /** The chat is no longer this agent's: now with {@code toAgentName}, or back in the queue for {@code skill}. */
    record TransferredEvent(String type, String conversationId, String toAgentName, String skill, boolean toBot) {}

    /** @param serviceNames each skill as agents read it, for the console to name them without a table of its own */
    record Colleagues(
            String type, List<String> skills, Map<String, String> serviceNames, List<Routing.Colleague> colleagues) {}
}
