package org.councilchat.handoff.supervision;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.councilchat.councils.Council;
import org.councilchat.councils.Councils;
import org.councilchat.handoff.AgentDirectory;
import org.councilchat.handoff.AgentPresence;
import org.councilchat.handoff.AgentSeats;
import org.councilchat.handoff.ChatSummaries;
import org.councilchat.handoff.Conversation;
import org.councilchat.handoff.HandoffProperties;
import org.councilchat.handoff.Handoffs;
import org.councilchat.handoff.Routing;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The supervisor's live view: who is waiting and for how long, every agent's status and chats, and the
 * longest wait. The page polls {@code /supervisor/live} (JSON) every few seconds. A supervisor of several councils
 * sees them all (each waiting chat and held chat with its council), each council's figures side by side, and may
 * show one council alone ({@code ?council=}).
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
    private final Councils councils;

    SupervisorView(
            Handoffs handoffs,
            AgentSeats agents,
            AgentPresence presence,
            Routing routing,
            Clock clock,
            ChatSummaries summaries,
            HandoffProperties properties,
            AgentDirectory directory,
            Councils councils) {
        this.directory = directory;
        this.councils = councils;
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
    String page(@RequestParam(name = "council", required = false) String council, Principal supervisor, Model model) {
        List<Council> choices = councilsOf(supervisor);
        model.addAttribute("councilChoices", choices.size() > 1 ? choices : List.of());
        model.addAttribute(
                "council", choices.stream().anyMatch(each -> each.id().equals(council)) ? council : "");
        return "supervisor/live";
    }

    /** The councils this supervisor works for, in configuration order. */
    private List<Council> councilsOf(Principal supervisor) {
        return councils.among(directory.councilsOf(supervisor));
    }

    @GetMapping("/supervisor/live")
    @ResponseBody
    Live live(@RequestParam(name = "council", required = false) String council, Principal supervisor) {
        Instant now = clock.instant();
        // A supervisor oversees the councils they work for: their chats, and the agents who serve any of them;
        // one of them alone when asked (another council asked for shows all of theirs, never that council).
        Set<String> theirs = directory.councilsOf(supervisor);
        Set<String> shown = council != null && theirs.contains(council) ? Set.of(council) : theirs;
        List<Waiting> everyWaiting =
                routing
                        .route(handoffs.queue().stream()
                                .filter(chat -> theirs.contains(chat.councilId()))
                                .toList())
                        .stream()
                        .map(chat -> new Waiting(
                                chat.conversationId(),
                                chat.councilId(),
                                councils.of(chat.councilId()).name(),
                                chat.position(),
                                chat.waitingSince(),
                                secondsSince(chat.waitingSince(), now),
                                chat.language(),
                                chat.service(),
                                chat.reason(),
                                summaries.of(chat).urgent()))
                        .toList();
        List<Waiting> waiting = everyWaiting.stream()
                .filter(chat -> shown.contains(chat.councilId()))
                .toList();
        Map<String, List<Conversation>> held = handoffs.chatsWithAgents().stream()
                .filter(chat -> shown.contains(chat.councilId()))
                .collect(Collectors.groupingBy(Conversation::agentUsername));
        // Languages as routing uses them: an administrator's settings, else the configuration's.
        List<AgentNow> people = agents.all().stream()
                .filter(agent -> agent.councils().stream().anyMatch(shown::contains))
                .map(agent -> new AgentNow(
                        agent.username(),
                        agent.name(),
                        presence.status(agent.username()),
                        agent.languages().stream().sorted().toList(),
                        held.getOrDefault(agent.username(), List.of()).stream()
                                .map(chat -> new HeldChat(
                                        chat.id(),
                                        chat.councilId(),
                                        councils.of(chat.councilId()).name(),
                                        chat.language(),
                                        chat.acceptedAt(),
                                        secondsSince(chat.acceptedAt(), now)))
                                .toList()))
                .sorted(Comparator.comparing((AgentNow agent) -> agent.status().ordinal())
                        .thenComparing(AgentNow::name))
                .toList();
        long longest = waiting.stream().mapToLong(Waiting::waitSeconds).max().orElse(0);
        // Side by side, whatever is shown: what each council waits for, and who is in for it.
        List<CouncilNow> byCouncil = new ArrayList<>();
        List<Council> choices = councilsOf(supervisor);
        if (choices.size() > 1) {
            for (Council each : choices) {
                List<Waiting> its = everyWaiting.stream()
                        .filter(chat -> chat.councilId().equals(each.id()))
                        .toList();
                byCouncil.add(new CouncilNow(
                        each.id(),
                        each.name(),
                        each.colour(),
                        its.size(),
                        its.stream()
                                .mapToLong(Waiting::waitSeconds)
                                .boxed()
                                .max(Long::compare)
                                .orElse(null),
                        agents.all().stream()
                                .filter(agent -> agent.councils().contains(each.id()))
                                .filter(agent -> presence.status(agent.username()) == AgentPresence.Status.ONLINE)
                                .count()));
            }
        }
        return new Live(
                now,
                waiting.size(),
                waiting.isEmpty() ? null : longest,
                properties.urgentAlertAfter().toSeconds(),
                shown.size() > 1,
                waiting,
                people,
                byCouncil);
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
            boolean severalCouncils,
            List<Waiting> waiting,
            List<AgentNow> agents,
            List<CouncilNow> councils) {}

    /**
     * One council's part of the shared service now: its waiting chats, the longest wait (null when none), and its
     * agents online.
     */
    record CouncilNow(String id, String name, String colour, int waiting, Long longestWaitSeconds, long agentsOnline) {}

    /** A waiting chat; {@code skill} is the service it is routed by (passed back for, or the bot's finding). */
    record Waiting(
            String conversationId,
            String councilId,
            String councilName,
            int position,
            Instant waitingSince,
            long waitSeconds,
            String language,
            String skill,
            String reason,
            boolean urgent) {}

    record AgentNow(
            String username, String name, AgentPresence.Status status, List<String> languages, List<HeldChat> chats) {}

    record HeldChat(
            String conversationId,
            String councilId,
            String councilName,
            String language,
            Instant acceptedAt,
            long heldSeconds) {}
}
