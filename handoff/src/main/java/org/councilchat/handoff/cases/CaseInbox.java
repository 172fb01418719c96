package org.councilchat.handoff.cases;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.councilchat.councils.Councils;
import org.councilchat.handoff.AgentDirectory;
import org.councilchat.handoff.Cases;
import org.councilchat.handoff.ChatRejected;
import org.councilchat.handoff.Photos;
import org.councilchat.handoff.ResidentCase;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The agents' inbox of messages residents left when nobody could take their chat (out of hours, or no adviser
 * online), and disclosures of risk made then: urgent first, each with the resident's contact details, words
 * and transcript, closed with a word on what was done.
 */
@Controller
class CaseInbox {

    private final Cases cases;
    private final AgentDirectory agents;
    private final Councils councils;
    private final Photos photos;

    CaseInbox(Cases cases, AgentDirectory agents, Councils councils, Photos photos) {
        this.cases = cases;
        this.photos = photos;
        this.councils = councils;
        this.agents = agents;
    }

    @ModelAttribute("staffName")
    String staffName(Principal agent) {
        return agent == null ? "" : agents.agentName(agent).orElse(agent.getName());
    }

    @GetMapping("/agent/cases")
    String inbox(Principal staff, Model model) {
        model.addAttribute("cases", cases.inbox(agents.councilsOf(staff)));
        model.addAttribute("councilNames", councilNames());
        return "cases/inbox";
    }

    @GetMapping("/agent/cases/{reference}")
    String show(@PathVariable String reference, Principal staff, Model model) {
        return page(find(reference, staff), model);
    }

    @PostMapping("/agent/cases/{reference}/close")
    String close(
            @PathVariable String reference,
            @RequestParam(required = false) String outcome,
            Principal agent,
            Model model,
            RedirectAttributes redirect) {
        ResidentCase residentCase = find(reference, agent);
        try {
            cases.close(reference, staffName(agent), outcome);
        } catch (ChatRejected rejected) {
            if ("case-closed".equals(rejected.code())) {
                redirect.addFlashAttribute("closed", "A colleague has already closed " + reference + ".");
                return "redirect:/agent/cases";
            }
            model.addAttribute("problem", "Say what was done, for example \"Called back, booked a collection\"");
            return page(residentCase, model);
        }
        redirect.addFlashAttribute("closed", "Closed " + reference + ".");
        return "redirect:/agent/cases";
    }

    /** The case's page: its details, the photos the resident added and the conversation as it stood. */
    private String page(ResidentCase residentCase, Model model) {
        model.addAttribute("residentCase", residentCase);
        model.addAttribute("photos", photos.ofCase(residentCase.reference()));
        model.addAttribute("councilNames", councilNames());
        return "cases/case";
    }

    /** Another council's case is not found, exactly as a reference nobody has: its existence is not theirs to know. */
    private ResidentCase find(String reference, Principal staff) {
        return cases.find(reference)
                .filter(found -> agents.councilsOf(staff).contains(found.councilId()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** Each council's name by id, shown beside each case when the contact centre serves several; else empty. */
    private Map<String, String> councilNames() {
        Map<String, String> names = new LinkedHashMap<>();
        if (councils.several()) {
            councils.all().forEach(council -> names.put(council.id(), council.name()));
        }
        return names;
    }
}
