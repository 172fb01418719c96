package org.councilchat.handoff;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.councilchat.handoff.seats.SeatRepository;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Each agent's languages, skills and chat limit: from the staff configuration, unless an administrator set them
 * at {@code /admin}, which is stored and wins from the next chat routed. Routing and capacity checks ask here.
 *
 * <p>NOTE: read from the database on every call (one small query), so a change made on one server is seen by
 * every other at once; routing asks a few times per queue change, not per message.
 */
@Service
public class AgentSeats {

    /** The languages an agent can be set to chat in. */
    public static final List<String> LANGUAGES = List.of("en", "cy");

    /** The most chats an administrator may let one agent hold at once. */
    public static final int MOST_CHATS = 10;

    private final AgentDirectory agents;
    private final SeatRepository repository;
    private final HandoffProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public AgentSeats(
            AgentDirectory agents,
            SeatRepository repository,
            HandoffProperties properties,
            ApplicationEventPublisher events,
            Clock clock) {
        this.agents = agents;
        this.repository = repository;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    /** Every agent, in the directory's order. */
    public List<AgentSeat> all() {
        Map<String, SeatRepository.Settings> set = repository.all();
        return agents.agents().stream()
                .map(agent -> seat(agent, set.get(agent.username())))
                .toList();
    }

    public Optional<AgentSeat> seat(String username) {
        return agents.agent(username)
                .map(agent -> seat(agent, repository.find(username).orElse(null)));
    }

    /** How many chats this agent may hold; the configured default for someone who is not an agent. */
    public int maxChats(String username) {
        return seat(username).map(AgentSeat::maxChats).orElse(properties.maxChatsPerAgent());
    }

    /**
     * Stores an administrator's settings for an agent, replacing the configuration's, and tells routing at once.
     *
     * @throws IllegalArgumentException for an unknown agent, a language or skill the council does not have, no
     *     language at all, or a chat limit outside 1 to {@link #MOST_CHATS}; pages check these first (see
     *     {@link #problems})
     */
    public AgentSeat change(String username, Set<String> languages, Set<String> skills, int maxChats, String by) {
        if (agents.agent(username).isEmpty()) {
            throw new IllegalArgumentException("No agent " + username);
        }
        if (!problems(languages, skills, maxChats).isEmpty()) {
            throw new IllegalArgumentException("Settings out of range for " + username);
        }
        repository.save(username, languages, skills, maxChats, by, clock.instant());
        events.publishEvent(new AgentSeatChanged(username));
        return seat(username).orElseThrow();
    }

    /** What is wrong with these settings, as field names ({@code languages}, {@code skills}, {@code maxChats}). */
    public List<String> problems(Set<String> languages, Set<String> skills, Integer maxChats) {
        List<String> problems = new ArrayList<>();
        if (languages == null || languages.isEmpty() || !LANGUAGES.containsAll(languages)) {
            problems.add("languages");
        }
        if (skills != null && !properties.skills().containsAll(skills)) {
            problems.add("skills");
        }
        if (maxChats == null || maxChats < 1 || maxChats > MOST_CHATS) {
            problems.add("maxChats");
        }
        return problems;
    }

    /** The council's services, in the configured order: what an agent's skills are chosen from. */
    public List<String> skills() {
        return properties.skills();
    }

    private AgentSeat seat(AgentDirectory.Agent agent, SeatRepository.Settings set) {
        if (set == null) {
            return new AgentSeat(
                    agent.username(),
                    agent.name(),
                    agent.languages(),
                    agent.skills(),
                    properties.maxChatsPerAgent(),
                    false,
                    agent.councils());
        }
        return new AgentSeat(
                agent.username(), agent.name(), set.languages(), set.skills(), set.maxChats(), true, agent.councils());
    }
}
