package org.councilchat.handoff;

import java.util.Set;

/**
 * An agent as routing and capacity see them now: the configuration, overridden by what an administrator set.
 *
 * @param languages the languages the agent chats in ({@code en}, {@code cy}); never empty
 * @param skills the services the agent handles; empty for a generalist, who takes anything but is not preferred
 * @param maxChats how many chats the agent may hold at once
 * @param overridden whether an administrator's settings replace the configuration's
 * @param councils the councils whose chats the agent takes (from the staff configuration)
 */
public record AgentSeat(
        String username,
        String name,
        Set<String> languages,
        Set<String> skills,
        int maxChats,
        boolean overridden,
        Set<String> councils) {

    public AgentSeat {
        languages = languages == null || languages.isEmpty() ? Set.of(Routing.ENGLISH) : Set.copyOf(languages);
        skills = skills == null ? Set.of() : Set.copyOf(skills);
        councils = Set.copyOf(councils);
    }

    /** True when the agent takes this council's chats: no fit or shortage of agents ever crosses this line. */
    public boolean serves(String councilId) {
        return councils.contains(councilId);
    }

    public boolean speaks(String language) {
        return languages.contains(language);
    }

    /** True when the agent handles this service; a generalist handles none in particular. */
    public boolean handles(String skill) {
        return skills.contains(skill);
    }

    public boolean generalist() {
        return skills.isEmpty();
    }
}
