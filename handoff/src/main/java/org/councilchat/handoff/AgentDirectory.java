package org.councilchat.handoff;

import java.security.Principal;
import java.util.Optional;

/**
 * Who the signed-in staff are. Implemented by the application's security set-up; the handoff module only
 * needs to know whether a principal is an agent and the name residents should see.
 */
public interface AgentDirectory {

    /** The agent's display name, or empty when the principal is not signed in as an agent. */
    Optional<String> agentName(Principal principal);
}
