package org.councilchat.handoff.supervision;

import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.councilchat.councils.Councils;
import org.councilchat.handoff.AgentDirectory;
import org.councilchat.handoff.CannedResponse;
import org.councilchat.handoff.CannedResponses;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Supervisors keep the canned responses agents insert into chats: list, add, change and delete, each recorded
 * with who did it and when. Forms carry Spring Security's CSRF token; problems are listed in an error summary
 * at the top of the page and beside each field, as on GOV.UK.
 */
@Controller
class CannedResponsePages {

    private static final String BASE = "/supervisor/canned-responses";

    private final CannedResponses responses;
    private final Councils councils;
    private final AgentDirectory staff;

    CannedResponsePages(CannedResponses responses, Councils councils, AgentDirectory staff) {
        this.responses = responses;
        this.councils = councils;
        this.staff = staff;
    }

    @ModelAttribute("staffName")
    String staffName(Principal supervisor) {
        return supervisor == null ? "" : supervisor.getName();
    }

    @GetMapping(BASE)
    String list(Principal supervisor, Model model) {
        Set<String> theirs = staff.councilsOf(supervisor);
        List<CannedResponse> visible = responses.forCouncils(theirs);
        model.addAttribute("responses", visible);
        model.addAttribute(
                "changeable",
                visible.stream()
                        .filter(response -> mayChange(response, supervisor))
                        .map(CannedResponse::id)
                        .collect(Collectors.toSet()));
        model.addAttribute("councilNames", councilNames());
        model.addAttribute("changes", responses.recentChanges(10, theirs));
        return "supervisor/canned-list";
    }

    @GetMapping(BASE + "/new")
    String newResponse(Principal supervisor, Model model) {
        List<Choice> choices = choices(supervisor);
        String first = choices.isEmpty() ? "" : choices.getFirst().value();
        return form(model, new ResponseForm("", "", first), null, List.of(), choices);
    }

    @PostMapping(BASE)
    String add(@ModelAttribute ResponseForm form, Principal supervisor, Model model, RedirectAttributes redirect) {
        List<Choice> choices = choices(supervisor);
        List<CannedResponses.Problem> problems = new ArrayList<>(CannedResponses.problems(form.title(), form.text()));
        String council = form.council() == null ? "" : form.council();
        if (choices.stream().noneMatch(choice -> choice.value().equals(council))) {
            problems.add(new CannedResponses.Problem("council", "Choose which council’s chats it is for"));
        }
        if (!problems.isEmpty()) {
            return form(model, form, null, problems, choices);
        }
        CannedResponse added =
                responses.add(form.title(), form.text(), council.isEmpty() ? null : council, supervisor.getName());
        redirect.addFlashAttribute(
                "done", "Added “" + added.title() + "”. Agents see it the next time their console connects.");
        return "redirect:" + BASE;
    }

    @GetMapping(BASE + "/{id}")
    String edit(@PathVariable long id, Principal supervisor, Model model) {
        CannedResponse response = existing(id, supervisor);
        return form(
                model,
                new ResponseForm(response.title(), response.text(), response.councilId()),
                response,
                List.of(),
                choices(supervisor));
    }

    @PostMapping(BASE + "/{id}")
    String change(
            @PathVariable long id,
            @ModelAttribute ResponseForm form,
            Principal supervisor,
            Model model,
            RedirectAttributes redirect) {
        CannedResponse response = existing(id, supervisor);
        List<CannedResponses.Problem> problems = CannedResponses.problems(form.title(), form.text());
        if (!problems.isEmpty()) {
            return form(model, form, response, problems, choices(supervisor));
        }
        if (!responses.change(id, form.title(), form.text(), supervisor.getName())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        redirect.addFlashAttribute("done", "Saved “" + form.title().strip() + "”.");
        return "redirect:" + BASE;
    }

    @GetMapping(BASE + "/{id}/delete")
    String confirmDelete(@PathVariable long id, Principal supervisor, Model model) {
        model.addAttribute("response", existing(id, supervisor));
        return "supervisor/canned-delete";
    }

    @PostMapping(BASE + "/{id}/delete")
    String delete(@PathVariable long id, Principal supervisor, RedirectAttributes redirect) {
        CannedResponse response = existing(id, supervisor);
        responses.delete(id, supervisor.getName());
        redirect.addFlashAttribute("done", "Deleted “" + response.title() + "”.");
        return "redirect:" + BASE;
    }

    /**
     * A response this supervisor may change: one of their councils', or the contact centre's own for a supervisor
     * of every council. Any other is not found, as an id nobody has.
     */
    private CannedResponse existing(long id, Principal supervisor) {
        return responses
                .find(id)
                .filter(response -> mayChange(response, supervisor))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private boolean mayChange(CannedResponse response, Principal supervisor) {
        Set<String> theirs = staff.councilsOf(supervisor);
        return response.councilId() == null
                ? theirs.containsAll(councils.ids())
                : theirs.contains(response.councilId());
    }

    /** Whose chats a new response can be for: every council's (for a supervisor of all of them), or one of theirs. */
    private List<Choice> choices(Principal supervisor) {
        Set<String> theirs = staff.councilsOf(supervisor);
        List<Choice> choices = new ArrayList<>();
        if (theirs.containsAll(councils.ids())) {
            choices.add(new Choice("", councils.several() ? "Every council (the whole contact centre)" : "Every chat"));
        }
        councils.among(theirs).forEach(council -> choices.add(new Choice(council.id(), council.name())));
        return choices;
    }

    private Map<String, String> councilNames() {
        Map<String, String> names = new LinkedHashMap<>();
        if (councils.several()) {
            councils.all().forEach(council -> names.put(council.id(), council.name()));
        }
        return names;
    }

    private String form(
            Model model,
            ResponseForm form,
            CannedResponse response,
            List<CannedResponses.Problem> problems,
            List<Choice> choices) {
        model.addAttribute("form", form);
        model.addAttribute("councilChoices", councils.several() ? choices : List.of());
        model.addAttribute("councilNames", councilNames());
        model.addAttribute("response", response);
        model.addAttribute("problems", problems);
        Map<String, String> byField = problems.stream()
                .collect(Collectors.toMap(
                        CannedResponses.Problem::field, CannedResponses.Problem::message, (first, second) -> first));
        model.addAttribute("fieldProblems", byField);
        model.addAttribute("maxTitle", CannedResponses.MAX_TITLE);
        model.addAttribute("maxText", CannedResponses.MAX_TEXT);
        return "supervisor/canned-form";
    }

    /** The add and edit form as posted; {@code council} is empty for every council's chats. */
    record ResponseForm(String title, String text, String council) {}

    /** One council a response can be for, or every council ({@code value} empty). */
    record Choice(String value, String name) {}
}
