package org.councilchat.handoff.console;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.councilchat.handoff.AgentDirectory;
import org.councilchat.handoff.HandoffProperties;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The agent console's page. It only carries who the agent is and how chats are assigned; everything else
 * arrives over STOMP, from {@link AgentDesk}.
 */
@Controller
class AgentConsolePage {

    private final AgentDirectory agents;
    private final HandoffProperties handoff;

    AgentConsolePage(AgentDirectory agents, HandoffProperties handoff) {
        this.agents = agents;
        this.handoff = handoff;
    }

    @GetMapping("/agent")
    String agentConsole(Principal agent, HttpServletRequest request, Model model) {
        model.addAttribute("agentName", agents.agentName(agent).orElse(agent.getName()));
        model.addAttribute("agentUsername", agent.getName());
        model.addAttribute("assignment", handoff.assignment().name().toLowerCase());
        model.addAttribute("supervisor", request.isUserInRole("SUPERVISOR"));
        return "agent";
    }
}
