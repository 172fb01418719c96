package org.councilchat.handoff;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.councilchat.handoff.transcript.ConversationRepository;
import org.springframework.stereotype.Service;

/**
 * Who may take which chat, beyond the queue order. A chat has up to two needs: its language (Welsh, {@code cy})
 * and its service (the skill it was passed back to the queue for, else the bot's {@code service} finding, when
 * that is one of the council's skills). An agent fits a chat better the more of its needs they meet, and the
 * language counts for more than the service: a resident who writes in Welsh has a right to an answer in Welsh,
 * while any adviser can help with most services, a specialist only faster.
 *
 * <p>The rule: an agent may take a chat unless a colleague who fits it better could take it now (online, not
 * away, below their chat limit). So a waste chat goes to an agent with the waste skill while one could take it,
 * and a Welsh chat to a Welsh speaker; when none could, anyone may, so no resident waits for a colleague who is
 * not there. Generalists (no skills) take anything, but a free specialist comes first. A Welsh waste chat goes
 * to a Welsh speaker with the waste skill, else a Welsh speaker, else a waste specialist, else anyone.
 */
@Service
public class Routing {

    /** The language every agent is taken to speak. */
    static final String ENGLISH = "en";

    private static final int SPEAKS_LANGUAGE = 2;
    private static final int HANDLES_SERVICE = 1;

    private final AgentSeats seats;
    private final AgentPresence presence;
    private final ConversationRepository repository;
    private final HandoffProperties properties;

    public Routing(
            AgentSeats seats, AgentPresence presence, ConversationRepository repository, HandoffProperties properties) {
        this.seats = seats;
        this.presence = presence;
        this.repository = repository;
        this.properties = properties;
    }

    /**
     * The service a chat is routed by: the skill an agent passed it back to the queue for, else the bot's
     * {@code service} finding when the council has that skill; null when any agent suits it.
     */
    public String serviceOf(Conversation chat) {
        return serviceOf(chat.skill(), chat.context());
    }

    String serviceOf(String skill, Map<String, String> context) {
        if (skill != null && !skill.isBlank()) {
            return skill;
        }
        String service = context == null ? null : context.get("service");
        return service != null && properties.skills().contains(service) ? service : null;
    }

    /**
     * Checks the routing rule for an agent about to take a chat (accepting it, or being passed it).
     *
     * @throws ChatRejected with code speaker-available when a colleague who speaks the chat's language could take it
     *     instead, or specialist-available when one who handles its service could
     */
    public void checkLanguage(Conversation chat, String agentUsername) {
        checkFit(chat, agentUsername, null);
    }

    private void checkFit(Conversation chat, String agentUsername, String passingOn) {
        Board board = board();
        Optional<AgentSeat> taker = board.seat(agentUsername);
        int takerFit =
                taker.map(seat -> fit(seat, chat.language(), serviceOf(chat))).orElse(0);
        Optional<AgentSeat> better = board.free(chat.councilId()).stream()
                .filter(seat -> !seat.username().equals(agentUsername))
                .filter(seat -> !seat.username().equals(passingOn))
                .filter(seat -> fit(seat, chat.language(), serviceOf(chat)) > takerFit)
                .findFirst();
        if (better.isEmpty()) {
            return;
        }
        boolean takerSpeaks = taker.map(seat -> speaks(seat, chat.language())).orElse(false);
        throw new ChatRejected(
                !takerSpeaks && speaks(better.get(), chat.language()) ? "speaker-available" : "specialist-available");
    }

    /**
     * Checks that a colleague can be handed this chat now by the agent who has it: online, and allowed by the
     * routing rule, in which the agent passing it on does not count as a better fit.
     *
     * @throws ChatRejected with code colleague-unavailable, speaker-available or specialist-available
     */
    public void checkCanReceive(Conversation chat, String colleagueUsername, String fromUsername) {
        if (presence.status(colleagueUsername) != AgentPresence.Status.ONLINE) {
            throw new ChatRejected("colleague-unavailable");
        }
        checkFit(chat, colleagueUsername, fromUsername);
    }

    /**
     * The queue with each chat's service and who it is meant for now: the agents who could take it now and fit
     * it best, or nobody in particular (an empty list) when every agent who could take it fits it equally.
     */
    public List<WaitingChat> route(List<WaitingChat> queue) {
        Board board = board();
        List<WaitingChat> routed = new ArrayList<>(queue.size());
        for (WaitingChat chat : queue) {
            String service = serviceOf(chat.skill(), chat.context());
            List<AgentSeat> free = board.free(chat.councilId());
            int best = free.stream()
                    .mapToInt(seat -> fit(seat, chat.language(), service))
                    .max()
                    .orElse(0);
            List<String> meantFor = free.stream()
                    .filter(seat -> fit(seat, chat.language(), service) == best)
                    .map(AgentSeat::username)
                    .toList();
            routed.add(chat.routed(service, meantFor.size() == free.size() ? List.of() : meantFor));
        }
        return routed;
    }

    /**
     * The agent to give a waiting chat to now, for auto-assignment: among the agents who could take it now and
     * whose consoles are ready to receive it, those who fit it best; of them the one with the fewest chats, then
     * the one idle longest. Empty when nobody could take it.
     */
    public Optional<AgentSeat> assigneeFor(Conversation chat) {
        Board board = board();
        String service = serviceOf(chat);
        Comparator<AgentSeat> fittest = Comparator.comparingInt(seat -> -fit(seat, chat.language(), service));
        Map<String, Long> busyTurns = presence.busyTurns();
        return board.free(chat.councilId()).stream()
                .filter(seat -> board.roll().receivingChats(seat.username()))
                .min(fittest.thenComparingInt(seat -> board.held(seat.username()))
                        .thenComparingLong(seat -> busyTurns.getOrDefault(seat.username(), 0L))
                        .thenComparing(AgentSeat::username));
    }

    /**
     * Every agent but this one who works for one of the same councils, with the councils they serve and whether they
     * are online, away or offline now (a chat can be passed only to a colleague who serves its council).
     */
    public List<Colleague> colleaguesOf(String agentUsername) {
        AgentPresence.Roll roll = presence.roll();
        Set<String> mine = seats.seat(agentUsername).map(AgentSeat::councils).orElse(Set.of());
        return seats.all().stream()
                .filter(agent -> !agent.username().equals(agentUsername))
                .filter(agent -> agent.councils().stream().anyMatch(mine::contains))
                .map(agent -> new Colleague(
                        agent.username(),
                        agent.name(),
                        agent.languages().stream().sorted().toList(),
                        roll.status(agent.username()),
                        agent.councils().stream().sorted().toList()))
                .toList();
    }

    /** How well an agent fits a chat's needs: speaking its language counts for more than handling its service. */
    static int fit(AgentSeat seat, String language, String service) {
        return (speaks(seat, language) ? SPEAKS_LANGUAGE : 0)
                + (service == null || seat.handles(service) ? HANDLES_SERVICE : 0);
    }

    private static boolean speaks(AgentSeat seat, String language) {
        return language == null || ENGLISH.equals(language) || seat.speaks(language);
    }

    private Board board() {
        Map<String, Integer> held = repository.heldCounts();
        return new Board(seats.all(), held, presence.roll());
    }

    /** The agents and how many chats each holds, read once for one routing decision. */
    private record Board(List<AgentSeat> seats, Map<String, Integer> heldCounts, AgentPresence.Roll roll) {

        int held(String username) {
            return heldCounts.getOrDefault(username, 0);
        }

        Optional<AgentSeat> seat(String username) {
            return seats.stream()
                    .filter(seat -> seat.username().equals(username))
                    .findFirst();
        }

        /**
         * The agents who could take a chat of this council now: serving it, online (not away, not disconnected) and
         * below their limit.
         */
        List<AgentSeat> free(String councilId) {
            return seats.stream()
                    .filter(seat -> seat.serves(councilId))
                    .filter(seat -> roll.status(seat.username()) == AgentPresence.Status.ONLINE)
                    .filter(seat -> held(seat.username()) < seat.maxChats())
                    .toList();
        }
    }

    /** A colleague an agent could pass a chat to. */
    public record Colleague(
            String username, String name, List<String> languages, AgentPresence.Status status, List<String> councils) {}
}
