package org.councilchat.handoff;

import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Who may take which chat, beyond the queue order. The language rule: a chat in Welsh ({@code cy}) goes to an
 * agent who speaks Welsh while any Welsh-speaking agent could take it now, meaning online (not away and not
 * disconnected) and below their chat limit. When none could, any agent may take it, so nobody is left waiting
 * for a colleague who is not there. English chats go to anyone (every agent speaks English).
 */
@Service
public class Routing {

    /** The language every agent is taken to speak. */
    static final String ENGLISH = "en";

    private final AgentDirectory agents;
    private final AgentPresence presence;
    private final Handoffs handoffs;
    private final HandoffProperties properties;

    public Routing(AgentDirectory agents, AgentPresence presence, Handoffs handoffs, HandoffProperties properties) {
        this.agents = agents;
        this.presence = presence;
        this.handoffs = handoffs;
        this.properties = properties;
    }

    /**
     * Checks the language rule for an agent about to take a chat.
     *
     * @throws ChatRejected with code speaker-available when a colleague who speaks the chat's language could
     *     take it instead
     */
    public void checkLanguage(Conversation chat, String agentUsername) {
        String language = chat.language() == null ? ENGLISH : chat.language();
        if (ENGLISH.equals(language)) {
            return;
        }
        boolean speaks =
                agents.agent(agentUsername).map(agent -> agent.speaks(language)).orElse(false);
        if (speaks) {
            return;
        }
        boolean speakerFree = agents.agents().stream()
                .filter(agent -> !agent.username().equals(agentUsername))
                .filter(agent -> agent.speaks(language))
                .anyMatch(this::couldTakeAChat);
        if (speakerFree) {
            throw new ChatRejected("speaker-available");
        }
    }

    /**
     * Checks that a colleague can be handed this chat now: online, and allowed by the language rule.
     *
     * @throws ChatRejected with code colleague-unavailable or speaker-available
     */
    public void checkCanReceive(Conversation chat, String colleagueUsername) {
        if (presence.status(colleagueUsername) != AgentPresence.Status.ONLINE) {
            throw new ChatRejected("colleague-unavailable");
        }
        checkLanguage(chat, colleagueUsername);
    }

    /** Every agent but this one, with whether they are online, away or offline now. */
    public List<Colleague> colleaguesOf(String agentUsername) {
        return agents.agents().stream()
                .filter(agent -> !agent.username().equals(agentUsername))
                .map(agent -> new Colleague(
                        agent.username(),
                        agent.name(),
                        agent.languages().stream().sorted().toList(),
                        presence.status(agent.username())))
                .toList();
    }

    private boolean couldTakeAChat(AgentDirectory.Agent agent) {
        return presence.status(agent.username()) == AgentPresence.Status.ONLINE
                && handoffs.chatsHeldBy(agent.username()).size() < properties.maxChatsPerAgent();
    }

    /** A colleague an agent could pass a chat to. */
    public record Colleague(String username, String name, List<String> languages, AgentPresence.Status status) {}
}
