package org.councilchat.handoff;

import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.councilchat.councils.CouncilStaff;

/**
 * Who the signed-in staff are. Implemented by the application's security set-up; the handoff module only
 * needs to know whether a principal is an agent, the name residents should see, and who speaks which language.
 */
public interface AgentDirectory extends CouncilStaff {

    /** The agent's display name, or empty when the principal is not signed in as an agent. */
    Optional<String> agentName(Principal principal);

    /** Every member of staff with the agent role, in a stable order. */
    List<Agent> agents();

    /** The agent with this username, if there is one. */
    default Optional<Agent> agent(String username) {
        return agents().stream()
                .filter(agent -> agent.username().equals(username))
                .findFirst();
    }

    /**
     * An agent as the staff configuration describes them (an administrator may override the languages and skills:
     * see {@link AgentSeats}).
     *
     * @param languages the languages the agent chats in ({@code en}, {@code cy}); never empty
     * @param skills the services the agent handles ({@code waste}, ...); empty for a generalist, who takes anything
     * @param councils the councils whose chats the agent takes; never empty
     */
    record Agent(String username, String name, Set<String> languages, Set<String> skills, Set<String> councils) {

        public Agent {
            languages = languages == null || languages.isEmpty() ? Set.of("en") : Set.copyOf(languages);
            skills = skills == null ? Set.of() : Set.copyOf(skills);
            councils = Set.copyOf(councils);
            if (councils.isEmpty()) {
                throw new IllegalArgumentException("Agent " + username + " serves no council");
            }
        }

        public boolean serves(String councilId) {
            return councils.contains(councilId);
        }

        public boolean speaks(String language) {
            return languages.contains(language);
        }
    }
}
