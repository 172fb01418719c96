package org.councilchat.pages;

import java.security.Principal;
import org.councilchat.handoff.AgentDirectory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page, the agent console shell and the privacy notice. */
@Controller
class StaffPages {

    private final AgentDirectory agents;

    StaffPages(AgentDirectory agents) {
        this.agents = agents;
    }

    @GetMapping("/login")
    String signIn() {
        return "login";
    }

    @GetMapping("/agent")
    String agentConsole(Principal agent, Model model) {
        model.addAttribute("agentName", agents.agentName(agent).orElse(agent.getName()));
        return "agent";
    }

    @GetMapping("/privacy")
    String privacy() {
        return "privacy";
    }
}
