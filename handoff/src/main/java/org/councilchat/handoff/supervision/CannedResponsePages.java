package org.councilchat.handoff.supervision;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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

    CannedResponsePages(CannedResponses responses) {
        this.responses = responses;
    }

    @ModelAttribute("staffName")
    String staffName(Principal supervisor) {
        return supervisor == null ? "" : supervisor.getName();
    }

    @GetMapping(BASE)
    String list(Model model) {
        model.addAttribute("responses", responses.all());
        model.addAttribute("changes", responses.recentChanges(10));
        return "supervisor/canned-list";
    }

    @GetMapping(BASE + "/new")
    String newResponse(Model model) {
        return form(model, new ResponseForm("", ""), null, List.of());
    }

    @PostMapping(BASE)
    String add(@ModelAttribute ResponseForm form, Principal supervisor, Model model, RedirectAttributes redirect) {
        List<CannedResponses.Problem> problems = CannedResponses.problems(form.title(), form.text());
        if (!problems.isEmpty()) {
            return form(model, form, null, problems);
        }
        CannedResponse added = responses.add(form.title(), form.text(), supervisor.getName());
        redirect.addFlashAttribute(
                "done", "Added “" + added.title() + "”. Agents see it the next time their console connects.");
        return "redirect:" + BASE;
    }

    @GetMapping(BASE + "/{id}")
    String edit(@PathVariable long id, Model model) {
        CannedResponse response = existing(id);
        return form(model, new ResponseForm(response.title(), response.text()), response, List.of());
    }

    @PostMapping(BASE + "/{id}")
    String change(
            @PathVariable long id,
            @ModelAttribute ResponseForm form,
            Principal supervisor,
            Model model,
            RedirectAttributes redirect) {
        CannedResponse response = existing(id);
        List<CannedResponses.Problem> problems = CannedResponses.problems(form.title(), form.text());
        if (!problems.isEmpty()) {
            return form(model, form, response, problems);
        }
        if (!responses.change(id, form.title(), form.text(), supervisor.getName())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        redirect.addFlashAttribute("done", "Saved “" + form.title().strip() + "”.");
        return "redirect:" + BASE;
    }

    @GetMapping(BASE + "/{id}/delete")
    String confirmDelete(@PathVariable long id, Model model) {
        model.addAttribute("response", existing(id));
        return "supervisor/canned-delete";
    }

    @PostMapping(BASE + "/{id}/delete")
    String delete(@PathVariable long id, Principal supervisor, RedirectAttributes redirect) {
        CannedResponse response = existing(id);
        responses.delete(id, supervisor.getName());
        redirect.addFlashAttribute("done", "Deleted “" + response.title() + "”.");
        return "redirect:" + BASE;
    }

    private CannedResponse existing(long id) {
        return responses.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static String form(
            Model model, ResponseForm form, CannedResponse response, List<CannedResponses.Problem> problems) {
        model.addAttribute("form", form);
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

    /** The add and edit form as posted. */
    record ResponseForm(String title, String text) {}
}
