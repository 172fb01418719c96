package org.councilchat.handoff.supervision;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.councilchat.handoff.AgentDirectory;
import org.councilchat.handoff.AgentPresence;
import org.councilchat.handoff.AgentSeats;
import org.councilchat.handoff.ChatSummaries;
import org.councilchat.handoff.Conversation;
import org.councilchat.handoff.HandoffProperties;
import org.councilchat.handoff.Handoffs;
import org.councilchat.handoff.Routing;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The supervisor's live view: who is waiting and for how long, every agent's status and chats, and the
 * longest wait. The page polls {@code /supervisor/live} (JSON) every few seconds.
 *
 * <p>NOTE: each poll reads the queue and held chats from the database, a few small queries; a handful of
 * supervisors polling every 5 seconds is nothing next to the chat traffic itself.
 */
@Controller
class SupervisorView {

    private final Handoffs handoffs;
    private final AgentSeats agents;
    private final AgentPresence presence;
    private final Routing routing;
    private final Clock clock;
    private final ChatSummaries summaries;
    private final HandoffProperties properties;
    private final AgentDirectory directory;

    SupervisorView(
            Handoffs handoffs,
            AgentSeats agents,
            AgentPresence presence,
            Routing routing,
            Clock clock,
            ChatSummaries summaries,
            HandoffProperties properties,
            AgentDirectory directory) {
        this.directory = directory;
        this.summaries = summaries;
        this.properties = properties;
        this.routing = routing;
        this.handoffs = handoffs;
        this.agents = agents;
        this.presence = presence;
        this.clock = clock;
    }

    @ModelAttribute("staffName")
    String staffName(Principal supervisor) {
        return supervisor == null ? "" : supervisor.getName();
    }

    @GetMapping("/supervisor")
    String page() {
        return "supervisor/live";
    }

    @GetMapping("/supervisor/live")
    @ResponseBody
    Live live(Principal supervisor) {
        Instant now = clock.instant();
        // A supervisor oversees the councils they work for: their chats, and the agents who serve any of them.
        Set<String> theirs = directory.councilsOf(supervisor);
        List<Waiting> waiting =
                routing
                        .route(handoffs.queue().stream()
                                .filter(chat -> theirs.contains(chat.councilId()))
                                .toList())
                        .stream()
                        .map(chat -> new Waiting(
                                chat.conversationId(),
                                chat.councilId(),
                                chat.position(),
                                chat.waitingSince(),
                                secondsSince(chat.waitingSince(), now),
                                chat.language(),
                                chat.service(),
                                chat.reason(),
                                summaries.of(chat).urgent()))
                        .toList();
        Map<String, List<Conversation>> held = handoffs.chatsWithAgents().stream()
                .filter(chat -> theirs.contains(chat.councilId()))
                .collect(Collectors.groupingBy(Conversation::agentUsername));
        // Languages as routing uses them: an administrator's settings, else the configuration's.
        List<AgentNow> people = agents.all().stream()
                .filter(agent -> agent.councils().stream().anyMatch(theirs::contains))
                .map(agent -> new AgentNow(
                        agent.username(),
                        agent.name(),
                        presence.status(agent.username()),
                        agent.languages().stream().sorted().toList(),
                        held.getOrDefault(agent.username(), List.of()).stream()
                                .map(chat -> new HeldChat(
                                        chat.id(),
                                        chat.councilId(),
                                        chat.language(),
                                        chat.acceptedAt(),
                                        secondsSince(chat.acceptedAt(), now)))
                                .toList()))
                .sorted(Comparator.comparing((AgentNow agent) -> agent.status().ordinal())
                        .thenComparing(AgentNow::name))
                .toList();
        long longest = waiting.stream().mapToLong(Waiting::waitSeconds).max().orElse(0);
        return new Live(
                now,
                waiting.size(),
                waiting.isEmpty() ? null : longest,
                properties.urgentAlertAfter().toSeconds(),
                waiting,
                people);
    }

    private static long secondsSince(Instant then, Instant now) {
        return then == null ? 0 : Math.max(0, Duration.between(then, now).toSeconds());
    }

    /**
     * Everything the live view shows; {@code longestWaitSeconds} is null when no one is waiting. An urgent chat
     * waiting longer than {@code urgentAlertAfterSeconds} is an alert on the page.
     */
    record Live(
            Instant at,
            int waitingCount,
            Long longestWaitSeconds,
            long urgentAlertAfterSeconds,
            List<Waiting> waiting,
            List<AgentNow> agents) {}

    /** A waiting chat; {@code skill} is the service it is routed by (passed back for, or the bot's finding). */
    record Waiting(
            String conversationId,
            String councilId,
            int position,
            Instant waitingSince,
            long waitSeconds,
            String language,
            String skill,
            String reason,
            boolean urgent) {}

    record AgentNow(
            String username, String name, AgentPresence.Status status, List<String> languages, List<HeldChat> chats) {}

    record HeldChat(String conversationId, String councilId, String language, Instant acceptedAt, long heldSeconds) {}
}
