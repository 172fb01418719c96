package org.councilchat.editor;

import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.councilchat.knowledge.Faq;
import org.councilchat.knowledge.FaqDraft;
import org.councilchat.knowledge.KnowledgeBase;
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
 * The content editor's pages: every FAQ, a "try a question" box that shows what the bot would find, and
 * an edit form. Saving updates the search index before the page returns, so residents see it at once.
 */
@Controller
class FaqEditor {

    private static final List<String> AREAS = List.of(
            "waste",
            "council-tax",
            "housing",
            "parking",
            "planning",
            "libraries",
            "registrations",
            "environmental-health");

    private final KnowledgeBase knowledge;
    private final Clock clock;

    FaqEditor(KnowledgeBase knowledge, Clock clock) {
        this.knowledge = knowledge;
        this.clock = clock;
    }

    @ModelAttribute("staffName")
    String staffName(Principal editor) {
        return editor == null ? "" : editor.getName();
    }

    @GetMapping("/editor")
    String list(
            @RequestParam(name = "try", required = false) String question,
            @RequestParam(name = "area", required = false) String area,
            @RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "due", required = false) String due,
            Model model) {
        LocalDate today = LocalDate.now(clock);
        // Filters a busy editor uses: one service's FAQs, the drafts waiting to go live, what is due for review.
        List<Faq> faqs = knowledge.all().stream()
                .filter(faq ->
                        area == null || area.isBlank() || faq.serviceArea().equals(area))
                .filter(faq -> status == null
                        || status.isBlank()
                        || faq.status().name().equals(status))
                .filter(faq -> due == null || faq.reviewDue(today))
                .toList();
        model.addAttribute("faqs", faqs);
        model.addAttribute("areas", AREAS);
        model.addAttribute("area", area);
        model.addAttribute("status", status);
        model.addAttribute("due", due != null);
        model.addAttribute("today", today);
        if (question != null && !question.isBlank()) {
            model.addAttribute("question", question);
            model.addAttribute("search", knowledge.search(question));
        }
        return "editor/list";
    }

    @GetMapping("/editor/faqs/{id}")
    String edit(@PathVariable String id, Model model) {
        Faq faq = knowledge.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("form", FaqForm.of(faq));
        model.addAttribute("areas", AREAS);
        model.addAttribute("faq", faq);
        return "editor/edit";
    }

    @PostMapping("/editor/faqs/{id}")
    String save(
            @PathVariable String id,
            @ModelAttribute FaqForm form,
            Principal editor,
            Model model,
            RedirectAttributes redirect) {
        Faq faq = knowledge.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        List<String> problems = form.problems();
        if (!problems.isEmpty()) {
            model.addAttribute("form", form);
            model.addAttribute("areas", AREAS);
            model.addAttribute("faq", faq);
            model.addAttribute("problems", problems);
            return "editor/edit";
        }
        knowledge.save(form.toDraft(id), editor.getName());
        redirect.addFlashAttribute("saved", form.question());
        return "redirect:/editor";
    }

    /** Every saved version of an FAQ, newest first, each of which can be put back. */
    @GetMapping("/editor/faqs/{id}/history")
    String history(@PathVariable String id, Model model) {
        Faq faq = knowledge.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("faq", faq);
        model.addAttribute("versions", knowledge.history(id));
        return "editor/history";
    }

    @PostMapping("/editor/faqs/{id}/revert")
    String revert(@PathVariable String id, @RequestParam int version, Principal editor, RedirectAttributes redirect) {
        knowledge.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (knowledge.history(id).stream().noneMatch(saved -> saved.version() == version)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        Faq restored = knowledge.revert(id, version, editor.getName());
        redirect.addFlashAttribute(
                "reverted", "Version " + version + " is back, saved as version " + restored.version() + ".");
        return "redirect:/editor/faqs/" + id + "/history";
    }

    /** The edit form as posted; phrasings are one per line, the review date as yyyy-mm-dd (a date field). */
    record FaqForm(
            String question,
            String phrasings,
            String answerHtml,
            String serviceArea,
            String sourceUrl,
            String status,
            String owner,
            String reviewBy) {

        static FaqForm of(Faq faq) {
            return new FaqForm(
                    faq.question(),
                    String.join("\n", faq.phrasings()),
                    faq.answerHtml(),
                    faq.serviceArea(),
                    faq.sourceUrl(),
                    faq.status().name(),
                    faq.owner(),
                    faq.reviewBy() == null ? "" : faq.reviewBy().toString());
        }

        List<String> problems() {
            List<String> problems = new ArrayList<>();
            if (question == null || question.isBlank()) {
                problems.add("Enter the question residents ask");
            }
            if (answerHtml == null || answerHtml.isBlank()) {
                problems.add("Enter the answer");
            }
            if (sourceUrl != null && !sourceUrl.isBlank() && !sourceUrl.startsWith("https://")) {
                problems.add("The source page must be a web address starting https://");
            }
            if (status == null
                    || Arrays.stream(Faq.FaqStatus.values())
                            .noneMatch(s -> s.name().equals(status))) {
                problems.add("Choose a status");
            }
            if (reviewBy != null && !reviewBy.isBlank() && reviewDate() == null) {
                problems.add("The review date must be a real date, for example 1 3 2027");
            }
            return problems;
        }

        private LocalDate reviewDate() {
            try {
                return reviewBy == null || reviewBy.isBlank() ? null : LocalDate.parse(reviewBy.strip());
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        FaqDraft toDraft(String id) {
            return new FaqDraft(
                    id,
                    serviceArea,
                    question,
                    phrasings == null ? List.of() : Arrays.asList(phrasings.split("\\R")),
                    answerHtml,
                    sourceUrl == null || sourceUrl.isBlank() ? null : sourceUrl.strip(),
                    Faq.FaqStatus.valueOf(status),
                    "en",
                    owner,
                    reviewDate());
        }
    }
}
