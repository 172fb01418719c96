package org.councilchat.pages;

import org.councilchat.handoff.AgentDirectory;
import org.councilchat.handoff.HandoffProperties;
import org.councilchat.staff.StaffProperties;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page, the agent console shell and the privacy notice. */
@Controller
class StaffPages {

    private final AgentDirectory agents;
    private final HandoffProperties handoff;
    private final StaffProperties staff;

    StaffPages(AgentDirectory agents, HandoffProperties handoff, StaffProperties staff) {
        this.agents = agents;
        this.handoff = handoff;
        this.staff = staff;
    }

    @GetMapping("/login")
    String signIn(Model model) {
        model.addAttribute("lockoutMinutes", Math.max(1, staff.lockout().toMinutes()));
        return "login";
    }

    @GetMapping("/agent")
    String agentConsole(Authentication agent, Model model) {
        model.addAttribute("agentName", agents.agentName(agent).orElse(agent.getName()));
        model.addAttribute("agentUsername", agent.getName());
        model.addAttribute("assignment", handoff.assignment().name().toLowerCase());
        model.addAttribute(
                "supervisor",
                agent.getAuthorities().stream().anyMatch(role -> "ROLE_SUPERVISOR".equals(role.getAuthority())));
        return "agent";
    }

    /** Where staff land after signing in without a page in mind: their own tool. */
    @GetMapping("/staff")
    String staffHome(Authentication staff) {
        var roles = staff.getAuthorities().stream().map(Object::toString).toList();
        if (roles.contains("ROLE_AGENT")) {
            return "redirect:/agent";
        }
        if (roles.contains("ROLE_EDITOR")) {
            return "redirect:/editor";
        }
        return roles.contains("ROLE_ADMIN") ? "redirect:/admin" : "redirect:/";
    }

    @GetMapping("/privacy")
    String privacy() {
        return "privacy";
    }
}
