package org.councilchat.handoff.console;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.councilchat.councils.Councils;
import org.councilchat.handoff.AgentDirectory;
import org.councilchat.handoff.HandoffProperties;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent console's page. It only carries who the agent is and how chats are assigned; everything else
 * arrives over STOMP, from {@link AgentDesk}.
 */
@Controller
class AgentConsolePage {

    private final AgentDirectory agents;
    private final HandoffProperties handoff;
    private final Councils councils;
    private final JsonMapper json = JsonMapper.builder().build();

    AgentConsolePage(AgentDirectory agents, HandoffProperties handoff, Councils councils) {
        this.agents = agents;
        this.councils = councils;
        this.handoff = handoff;
    }

    @GetMapping("/agent")
    String agentConsole(Principal agent, HttpServletRequest request, Model model) {
        model.addAttribute("agentName", agents.agentName(agent).orElse(agent.getName()));
        model.addAttribute("agentUsername", agent.getName());
        model.addAttribute("assignment", handoff.assignment().name().toLowerCase());
        model.addAttribute("supervisor", request.isUserInRole("SUPERVISOR"));
        // The councils whose queues this console listens to, with how their chats are marked (name and colour);
        // written as JSON into the page, read by console.js before it connects.
        List<Map<String, String>> marks = councils.among(agents.councilsOf(agent)).stream()
                .map(council -> Map.of("id", council.id(), "name", council.name(), "colour", council.colour()))
                .toList();
        model.addAttribute("councils", json.writeValueAsString(marks));
        model.addAttribute("severalCouncils", marks.size() > 1);
        return "agent";
    }
}
