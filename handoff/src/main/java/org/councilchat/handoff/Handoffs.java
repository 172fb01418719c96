package org.councilchat.handoff;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.councilchat.councils.Council;
import org.councilchat.councils.Councils;
import org.councilchat.handoff.transcript.ChatNoteRepository;
import org.councilchat.handoff.transcript.ConversationRepository;
import org.councilchat.knowledge.TypedText;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * The way from the bot to a person: the queue, an agent taking a chat, and closing it. The queue is the
 * database, so every instance of the server sees the same one and a restart loses no one.
 */
@Service
public class Handoffs {

    /** How an agent may end a chat, as recorded for reporting. */
    public static final Set<String> OUTCOMES = Set.of("RESOLVED", "REFERRED", "NO_RESPONSE", "OTHER");

    /** The resident chose to end the chat. */
    public static final String ENDED_BY_RESIDENT = "ENDED_BY_RESIDENT";

    /** The resident was warned they had gone quiet, did not ask for more time, and the chat ended. */
    public static final String RESIDENT_TIMED_OUT = "RESIDENT_TIMED_OUT";

    /**
     * The resident closed the page or lost the connection while waiting and did not come back within the grace
     * period ({@link ResidentPresence}).
     */
    public static final String RESIDENT_LEFT = "RESIDENT_LEFT";

    /** Waits are "recent" for this long; older ones say little about the queue now. */
    private static final Duration RECENT = Duration.ofHours(2);

    private static final int RECENT_WAITS = 20;

    private final ConversationRepository repository;
    private final ChatNoteRepository notes;
    private final Conversations conversations;
    private final AgentDirectory agents;
    private final AgentSeats seats;
    private final HandoffProperties properties;
    private final MessageSource messages;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Councils councils;

    public Handoffs(
            ConversationRepository repository,
            ChatNoteRepository notes,
            Conversations conversations,
            AgentDirectory agents,
            AgentSeats seats,
            HandoffProperties properties,
            MessageSource messages,
            ApplicationEventPublisher events,
            Clock clock,
            Councils councils) {
        this.councils = councils;
        this.repository = repository;
        this.notes = notes;
        this.conversations = conversations;
        this.agents = agents;
        this.seats = seats;
        this.properties = properties;
        this.messages = messages;
        this.events = events;
        this.clock = clock;
    }

    /** Where a chat stands in the queue: urgent chats are taken before all others, then the longest waiting. */
    public enum Priority {
        NORMAL(0),
        /** A safeguarding disclosure. */
        URGENT(100);

        private final int rank;

        Priority(int rank) {
            this.rank = rank;
        }

        /** As stored in {@code conversation.priority}: the higher, the sooner taken. */
        public int rank() {
            return rank;
        }
    }

    /** Puts a conversation with the bot into the queue, carrying what the bot found out. */
    public Conversation requestAgent(String conversationId, String reason, Map<String, String> context) {
        return requestAgent(conversationId, reason, context, Priority.NORMAL);
    }

    /** Puts a conversation with the bot into the queue with a priority, carrying what the bot found out. */
    public Conversation requestAgent(
            String conversationId, String reason, Map<String, String> context, Priority priority) {
        // A district's resident asking about a county service (the bot's service finding) is served by the county:
        // its agents, its queue, its cases. The service-to-council map is the district's configuration.
        Council site = councils.of(repository
                .siteCouncilOf(conversationId)
                .orElseGet(() -> councils.byDefault().id()));
        String servedBy = site.providerOf(context == null ? null : context.get("service"));
        if (repository.enqueue(conversationId, servedBy, reason, priority.rank, context, clock.instant())) {
            Conversation queued = moved(conversationId);
            if (!servedBy.equals(site.id())) {
                tellResident(
                        queued, "handoff.servedByCouncil", councils.of(servedBy).name());
            }
            events.publishEvent(new QueueChanged(queue()));
        }
        return repository.find(conversationId).orElseThrow(() -> new ChatRejected("unknown-conversation"));
    }

    /**
     * Moves a waiting chat to the front of the queue (behind other urgent ones) when the resident discloses a
     * risk while waiting, with the reason and what the bot found out. Does nothing to a chat no longer waiting.
     */
    public void makeUrgent(String conversationId, String reason, Map<String, String> context) {
        if (repository.raisePriority(conversationId, Priority.URGENT.rank, reason, context, clock.instant())) {
            events.publishEvent(new QueueChanged(queue()));
        }
    }

    /**
     * Gives a waiting conversation to the agent. When two agents accept at once exactly one succeeds; the
     * other gets {@code already-taken}.
     */
    public Conversation accept(String conversationId, Principal agent) {
        String agentName = agents.agentName(agent).orElseThrow(() -> new ChatRejected("not-an-agent"));
        // Another council's chat is, to this agent, no chat at all: the same answer as an id nobody has.
        repository
                .find(conversationId)
                .filter(chat -> agents.councilsOf(agent).contains(chat.councilId()))
                .orElseThrow(() -> new ChatRejected("unknown-conversation"));
        int limit = seats.maxChats(agent.getName());
        if (repository.heldBy(agent.getName()).size() >= limit) {
            throw new ChatRejected("at-capacity");
        }
        if (!repository.assign(conversationId, agent.getName(), agentName, clock.instant(), limit)) {
            Optional<Conversation> chat = repository.find(conversationId);
            throw chat.isEmpty()
                    ? new ChatRejected("unknown-conversation")
                    : chat.get().state() == ConversationState.WAITING
                            ? new ChatRejected("at-capacity")
                            : new ChatRejected("already-taken");
        }
        return given(conversationId);
    }

    /**
     * Gives a waiting chat to an agent without their asking (auto-assignment), exactly as if they had accepted
     * it: the resident is told who joined and the agent's console gets the chat ({@link ChatAssigned}). One
     * conditional update, so a chat is given once however many assignments race for it, and never to an agent
     * already at their limit. Returns false, changing nothing, when the chat was no longer waiting or the agent
     * was full or does not serve its council.
     */
    public boolean assign(String conversationId, AgentSeat agent) {
        boolean theirs = repository
                .find(conversationId)
                .filter(chat -> agent.serves(chat.councilId()))
                .isPresent();
        if (!theirs
                || !repository.assign(
                        conversationId, agent.username(), agent.name(), clock.instant(), agent.maxChats())) {
            return false;
        }
        events.publishEvent(new ChatAssigned(given(conversationId)));
        return true;
    }

    /** A chat has just gone from the queue to an agent: the resident and the agents' queue hear of it. */
    private Conversation given(String conversationId) {
        Conversation taken = moved(conversationId);
        events.publishEvent(new QueueChanged(queue()));
        return taken;
    }

    /**
     * Passes a chat the agent holds straight to a colleague, with an optional note for them. Like {@link #accept}
     * it is one conditional update, so a chat the resident ends (or the agent passes on in another tab) at the same
     * moment is never passed on twice. The colleague gets it as if they had accepted it; the resident is told who
     * they are chatting with now. Whether the colleague is online is for the caller to check (see {@link Routing}).
     *
     * @throws ChatRejected with code not-your-chat, unknown-colleague, colleague-other-council (the colleague does
     *     not serve the chat's council), colleague-at-capacity or note-too-long
     */
    public Conversation transferToAgent(String conversationId, Principal agent, String toUsername, String note) {
        Conversation held = heldBy(conversationId, agent);
        String fromName = agents.agentName(agent).orElseThrow(() -> new ChatRejected("not-an-agent"));
        AgentDirectory.Agent colleague = agents.agent(toUsername == null ? "" : toUsername)
                .filter(other -> !other.username().equals(agent.getName()))
                .orElseThrow(() -> new ChatRejected("unknown-colleague"));
        if (!colleague.serves(held.councilId())) {
            throw new ChatRejected("colleague-other-council");
        }
        String kept = transferNote(note, held);
        // Counted under the colleague's row lock, as assignment is: a count taken here first would let two transfers
        // at once (on any servers) both see the colleague's last free place.
        switch (repository.transferToAgent(
                held.id(),
                agent.getName(),
                colleague.username(),
                colleague.name(),
                clock.instant(),
                seats.maxChats(colleague.username()))) {
            case TRANSFERRED -> {}
            case NOT_HELD -> throw new ChatRejected("not-your-chat");
            case COLLEAGUE_AT_CAPACITY -> throw new ChatRejected("colleague-at-capacity");
        }
        if (kept != null) {
            notes.add(held.id(), ChatNote.Kind.TRANSFER, agent.getName(), fromName, kept, clock.instant());
        }
        Conversation passed = repository.find(held.id()).orElseThrow();
        // Before the resident's notice, so the colleague's console has the chat when the notice arrives.
        events.publishEvent(new ChatTransferred(passed, agent.getName(), fromName));
        tellResident(passed, "handoff.transferredToAgent", colleague.name());
        return moved(held.id());
    }

    /**
     * Passes a chat the agent holds back to the queue for colleagues with a skill ({@code null} or blank for
     * anyone), with an optional note for whoever takes it. It keeps its place from when it first queued.
     *
     * @throws ChatRejected with code not-your-chat, bad-skill or note-too-long
     */
    public Conversation transferToQueue(String conversationId, Principal agent, String skill, String note) {
        Conversation held = heldBy(conversationId, agent);
        String fromName = agents.agentName(agent).orElseThrow(() -> new ChatRejected("not-an-agent"));
        String wanted = skill == null || skill.isBlank() ? null : skill.strip();
        if (wanted != null && !properties.skills().contains(wanted)) {
            throw new ChatRejected("bad-skill");
        }
        String kept = transferNote(note, held);
        if (!repository.requeueForSkill(held.id(), agent.getName(), wanted, clock.instant())) {
            throw new ChatRejected("not-your-chat");
        }
        if (kept != null) {
            notes.add(held.id(), ChatNote.Kind.TRANSFER, agent.getName(), fromName, kept, clock.instant());
        }
        events.publishEvent(new ChatTransferred(repository.find(held.id()).orElseThrow(), agent.getName(), fromName));
        tellResident(held, "handoff.transferredToQueue");
        Conversation waiting = moved(held.id());
        events.publishEvent(new QueueChanged(queue()));
        return waiting;
    }

    /**
     * Gives a chat back to the bot, for a resident whose question the agent has answered and who has more the
     * bot can do (another bin day, an FAQ). The bot answers again from the resident's next message.
     *
     * @throws ChatRejected with code not-your-chat or note-too-long
     */
    public Conversation returnToBot(String conversationId, Principal agent, String note) {
        Conversation held = heldBy(conversationId, agent);
        String fromName = agents.agentName(agent).orElseThrow(() -> new ChatRejected("not-an-agent"));
        String kept = transferNote(note, held);
        if (!repository.returnToBot(held.id(), agent.getName(), clock.instant())) {
            throw new ChatRejected("not-your-chat");
        }
        if (kept != null) {
            notes.add(held.id(), ChatNote.Kind.TRANSFER, agent.getName(), fromName, kept, clock.instant());
        }
        events.publishEvent(new ChatTransferred(repository.find(held.id()).orElseThrow(), agent.getName(), fromName));
        tellResident(held, "handoff.returnedToBot");
        return moved(held.id());
    }

    private static String transferNote(String note, Conversation chat) {
        String cleaned = TypedText.cleaned(note, Locale.forLanguageTag(chat.language()));
        String kept = cleaned.isEmpty() ? null : cleaned;
        if (kept != null && kept.codePointCount(0, kept.length()) > InternalNotes.MAX_NOTE) {
            throw new ChatRejected("note-too-long");
        }
        return kept;
    }

    private void tellResident(Conversation conversation, String key, Object... args) {
        conversations.post(NewMessage.typed(
                conversation.id(),
                Sender.SYSTEM,
                null,
                messages.getMessage(key, args, Locale.forLanguageTag(conversation.language())),
                null));
    }

    /** Every chat an agent has now, longest held first: for the supervisor's view. */
    public List<Conversation> chatsWithAgents() {
        return repository.withAgents();
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

    /**
     * The resident ends their chat, at any stage: a queued chat leaves the queue, an agent's chat is marked
     * ended in the console. Ending an ended chat changes nothing.
     */
    public Conversation endByResident(String conversationId, boolean timedOut) {
        Conversation before =
                repository.find(conversationId).orElseThrow(() -> new ChatRejected("unknown-conversation"));
        if (repository.end(conversationId, timedOut ? RESIDENT_TIMED_OUT : ENDED_BY_RESIDENT, clock.instant())) {
            Conversation ended = moved(conversationId);
            if (before.state() == ConversationState.WAITING) {
                events.publishEvent(new QueueChanged(queue()));
            }
            return ended;
        }
        return before;
    }

    /**
     * A waiting chat whose resident left ({@link #RESIDENT_LEFT}), away since before {@code awayBefore}: out of the
     * queue, and everyone behind moves up. False when it was no longer waiting (an agent took it, or it ended,
     * meanwhile) or the resident came back.
     */
    public boolean residentLeft(String conversationId, Instant awayBefore) {
        if (!repository.endWaitingResidentGone(conversationId, RESIDENT_LEFT, awayBefore, clock.instant())) {
            return false;
        }
        moved(conversationId);
        events.publishEvent(new QueueChanged(queue()));
        return true;
    }

    /** Where the conversation stands in the queue's order ({@link Priority#rank()}). */
    public int priorityOf(String conversationId) {
        return repository.priorityOf(conversationId);
    }

    /** The conversation as it stands now. */
    public Optional<Conversation> find(String conversationId) {
        return repository.find(conversationId);
    }

    /** The median wait of chats agents took in the last two hours, in whole minutes (at least 1); empty if none. */
    public Optional<Integer> typicalWaitMinutes() {
        List<Duration> waits = repository.recentWaits(clock.instant().minus(RECENT), RECENT_WAITS).stream()
                .sorted()
                .toList();
        if (waits.isEmpty()) {
            return Optional.empty();
        }
        Duration median = waits.get(waits.size() / 2);
        return Optional.of((int) Math.max(1, Math.round(median.toSeconds() / 60.0)));
    }

    /**
     * Puts the chats of an agent whose console went away back at the front of the queue, and tells each
     * resident what happened. Returns the chats requeued.
     */
    public List<String> requeueChatsOf(String agentUsername) {
        List<String> requeued = new ArrayList<>();
        for (String id : repository.heldBy(agentUsername)) {
            if (repository.requeue(id, agentUsername, clock.instant())) {
                requeued.add(id);
                tellResident(repository.find(id).orElseThrow(), "handoff.agentDisconnected");
                moved(id);
            }
        }
        if (!requeued.isEmpty()) {
            events.publishEvent(new QueueChanged(queue()));
        }
        return requeued;
    }

    /** The chats this agent has now. */
    public List<Conversation> chatsHeldBy(String agentUsername) {
        return repository.heldBy(agentUsername).stream()
                .map(repository::find)
                .flatMap(Optional::stream)
                .toList();
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
