package org.councilchat.handoff.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.councilchat.councils.Council;
import org.councilchat.councils.Councils;
import org.councilchat.handoff.AgentDirectory;
import org.councilchat.handoff.AgentPresence;
import org.councilchat.handoff.CaseOpened;
import org.councilchat.handoff.ChatSummaries;
import org.councilchat.handoff.Conversation;
import org.councilchat.handoff.ConversationMoved;
import org.councilchat.handoff.ConversationState;
import org.councilchat.handoff.Handoffs;
import org.councilchat.handoff.MessagePosted;
import org.councilchat.handoff.ResidentPresence;
import org.councilchat.handoff.Sender;
import org.councilchat.handoff.WaitingChat;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The contact centre as an operator watches it, for Prometheus ({@code /actuator/prometheus}), each council apart:
 * chats waiting and the longest wait, chats with advisers, advisers online and their load, and counts of messages,
 * chats taken and messages left. Only numbers and council ids: never a resident's words, name or postcode.
 *
 * <p>The queue and presence are read from the database every server shares, so every server reports the same
 * figures for them (alert on their {@code max}, not their sum); resident pages connected are this server's own (sum
 * them). One snapshot serves every gauge of a scrape: a scrape costs three queries, not three per council.
 */
@Component
class ContactCentreGauges implements MeterBinder {

    /** Scrapes closer together than this share a snapshot. */
    private static final Duration FRESH_FOR = Duration.ofSeconds(5);

    private final Handoffs handoffs;
    private final AgentPresence presence;
    private final AgentDirectory agents;
    private final ResidentPresence residents;
    private final ChatSummaries summaries;
    private final Councils councils;
    private final Clock clock;

    private Snapshot snapshot;
    private long snapshotNanos;
    private MeterRegistry registry;

    ContactCentreGauges(
            Handoffs handoffs,
            AgentPresence presence,
            AgentDirectory agents,
            ResidentPresence residents,
            ChatSummaries summaries,
            Councils councils,
            Clock clock) {
        this.summaries = summaries;
        this.handoffs = handoffs;
        this.presence = presence;
        this.agents = agents;
        this.residents = residents;
        this.councils = councils;
        this.clock = clock;
    }

    /** The figures of one moment, by council. */
    private record Snapshot(
            Instant takenAt,
            Map<String, Integer> waiting,
            Map<String, Double> longestWaitSeconds,
            Map<String, Integer> urgentWaiting,
            Map<String, Double> longestUrgentWaitSeconds,
            Map<String, Integer> withAgents,
            Map<String, Integer> agentsOnline,
            Map<String, Integer> agentsAway) {}

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        for (Council council : councils.all()) {
            String id = council.id();
            gauge(
                    registry,
                    "council_chat_waiting_chats",
                    "Chats waiting for an adviser",
                    id,
                    s -> count(s.waiting(), id));
            gauge(
                    registry,
                    "council_chat_longest_wait_seconds",
                    "How long the chat waiting longest has waited (0 when none is waiting)",
                    id,
                    s -> s.longestWaitSeconds().getOrDefault(id, 0.0));
            gauge(
                    registry,
                    "council_chat_urgent_waiting_chats",
                    "Chats waiting in which the resident disclosed a risk",
                    id,
                    s -> count(s.urgentWaiting(), id));
            gauge(
                    registry,
                    "council_chat_longest_urgent_wait_seconds",
                    "How long the urgent chat waiting longest has waited (0 when none is waiting)",
                    id,
                    s -> s.longestUrgentWaitSeconds().getOrDefault(id, 0.0));
            gauge(
                    registry,
                    "council_chat_chats_with_agents",
                    "Chats an adviser has now",
                    id,
                    s -> count(s.withAgents(), id));
            gauge(
                    registry,
                    "council_chat_agents_online",
                    "Advisers of the council connected and not away",
                    id,
                    s -> count(s.agentsOnline(), id));
            gauge(
                    registry,
                    "council_chat_agents_away",
                    "Advisers of the council connected but away",
                    id,
                    s -> count(s.agentsAway(), id));
        }
        Gauge.builder("council_chat_resident_pages_connected", residents, ResidentPresence::pagesHere)
                .description("Residents' chat pages connected to this server")
                .register(registry);
        // Every counter from zero at start, so a rate is defined before the first chat and an alert can see it.
        for (Sender sender : Sender.values()) {
            counter(MESSAGES, "sender", sender.name());
        }
        for (Council council : councils.all()) {
            counter(QUEUED, "council", council.id());
            counter(TAKEN, "council", council.id());
            counter(LEFT, "council", council.id());
        }
    }

    private void gauge(
            MeterRegistry registry, String name, String description, String council, ToDoubleFunction<Snapshot> value) {
        Gauge.builder(name, this, gauges -> value.applyAsDouble(gauges.current()))
                .description(description)
                .tag("council", council)
                .register(registry);
    }

    private static double count(Map<String, Integer> byCouncil, String council) {
        return byCouncil.getOrDefault(council, 0);
    }

    /** Freshness by the machine's own timer: it is about load on the database, not the contact centre's time. */
    private synchronized Snapshot current() {
        long nanos = System.nanoTime();
        if (snapshot == null || nanos - snapshotNanos > FRESH_FOR.toNanos()) {
            snapshot = take(clock.instant());
            snapshotNanos = nanos;
        }
        return snapshot;
    }

    private Snapshot take(Instant now) {
        Map<String, Integer> waiting = new HashMap<>();
        Map<String, Double> longest = new HashMap<>();
        Map<String, Integer> urgent = new HashMap<>();
        Map<String, Double> longestUrgent = new HashMap<>();
        for (WaitingChat chat : handoffs.queue()) {
            waiting.merge(chat.councilId(), 1, Integer::sum);
            double seconds =
                    Math.max(0, Duration.between(chat.waitingSince(), now).toMillis() / 1000.0);
            longest.merge(chat.councilId(), seconds, Math::max);
            if (summaries.of(chat).urgent()) {
                urgent.merge(chat.councilId(), 1, Integer::sum);
                longestUrgent.merge(chat.councilId(), seconds, Math::max);
            }
        }
        Map<String, Integer> withAgents = new HashMap<>();
        for (Conversation chat : handoffs.chatsWithAgents()) {
            withAgents.merge(chat.councilId(), 1, Integer::sum);
        }
        Map<String, Integer> online = new HashMap<>();
        Map<String, Integer> away = new HashMap<>();
        AgentPresence.Roll roll = presence.roll();
        for (AgentDirectory.Agent agent : agents.agents()) {
            AgentPresence.Status status = roll.status(agent.username());
            Map<String, Integer> counted =
                    status == AgentPresence.Status.ONLINE ? online : status == AgentPresence.Status.AWAY ? away : null;
            if (counted != null) {
                agent.councils().forEach(council -> counted.merge(council, 1, Integer::sum));
            }
        }
        return new Snapshot(now, waiting, longest, urgent, longestUrgent, withAgents, online, away);
    }

    @EventListener
    void counted(MessagePosted posted) {
        count(MESSAGES, "sender", posted.message().sender().name());
    }

    @EventListener
    void counted(ConversationMoved moved) {
        Conversation chat = moved.conversation();
        if (chat.state() == ConversationState.WITH_AGENT) {
            count(TAKEN, "council", chat.councilId());
        } else if (chat.state() == ConversationState.WAITING) {
            count(QUEUED, "council", chat.councilId());
        }
    }

    @EventListener
    void counted(CaseOpened opened) {
        count(LEFT, "council", opened.opened().councilId());
    }

    /** A counter's name and what it counts. */
    private record Counted(String name, String description) {}

    private static final Counted MESSAGES = new Counted("council_chat_messages", "Messages stored, by who sent them");
    private static final Counted QUEUED =
            new Counted("council_chat_chats_queued", "Chats that joined the queue for an adviser");
    private static final Counted TAKEN =
            new Counted("council_chat_chats_taken", "Chats an adviser took, was given or was passed");
    private static final Counted LEFT =
            new Counted("council_chat_messages_left", "Messages left for the contact centre (cases)");

    private Counter counter(Counted counted, String tag, String value) {
        return Counter.builder(counted.name())
                .description(counted.description())
                .tag(tag, value)
                .register(registry);
    }

    private void count(Counted counted, String tag, String value) {
        if (registry != null) {
            counter(counted, tag, value).increment();
        }
    }
}
