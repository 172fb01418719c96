package org.councilchat.knowledge.editor;

import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.councilchat.councils.Council;
import org.councilchat.councils.CouncilStaff;
import org.councilchat.councils.Councils;
import org.councilchat.knowledge.Answer;
import org.councilchat.knowledge.ContentGaps;
import org.councilchat.knowledge.Faq;
import org.councilchat.knowledge.FaqDraft;
import org.councilchat.knowledge.FaqRating;
import org.councilchat.knowledge.FaqReview;
import org.councilchat.knowledge.FaqReviews;
import org.councilchat.knowledge.KnowledgeBase;
import org.councilchat.knowledge.WebsiteCrawler;
import org.jsoup.Jsoup;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The content editor's pages: every FAQ (searched and filtered), a "try a question" box that shows what the bot
 * would find, and the form that creates and edits FAQs with a preview of the answer. Saving updates the search
 * index before the page returns, so residents see it at once; every save is audited (the audit hears the knowledge base's {@code FaqSaved}).
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

    /** The list's filter for FAQs with a change waiting for review (not a status: a live FAQ can have one). */
    private static final String WAITING = "WAITING_FOR_REVIEW";

    /** Longest id a new FAQ gets from its question (the column holds 100). */
    private static final int ID_LENGTH = 60;

    private final KnowledgeBase knowledge;
    private final ContentGaps feedback;
    private final WebsiteCrawler crawler;
    private final Clock clock;
    private final Councils councils;
    private final CouncilStaff staff;
    private final FaqReviews reviews;

    FaqEditor(
            KnowledgeBase knowledge,
            ContentGaps feedback,
            WebsiteCrawler crawler,
            Clock clock,
            Councils councils,
            CouncilStaff staff,
            FaqReviews reviews) {
        this.knowledge = knowledge;
        this.reviews = reviews;
        this.councils = councils;
        this.staff = staff;
        this.feedback = feedback;
        this.crawler = crawler;
        this.clock = clock;
    }

    @GetMapping("/editor")
    String list(
            @RequestParam(name = "try", required = false) String question,
            @RequestParam(name = "q", required = false) String words,
            @RequestParam(name = "area", required = false) String area,
            @RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "owner", required = false) String owner,
            @RequestParam(name = "due", required = false) String due,
            @RequestParam(name = "council", required = false) String council,
            Principal editor,
            Model model) {
        LocalDate today = LocalDate.now(clock);
        Set<String> theirs = staff.councilsOf(editor);
        // An editor sees and changes their own councils' FAQs only.
        List<Faq> all = knowledge.all().stream()
                .filter(faq -> theirs.contains(faq.councilId()))
                .toList();
        // Filters a busy editor uses: words in the FAQ, one service's FAQs, the drafts waiting to go live, the
        // changes waiting for a second editor, one person's FAQs, what is due for review.
        Set<String> waiting = Set.copyOf(reviews.waitingIn(theirs));
        List<Faq> faqs = all.stream()
                .filter(faq -> words == null || words.isBlank() || mentions(faq, words))
                .filter(faq ->
                        area == null || area.isBlank() || faq.serviceArea().equals(area))
                .filter(faq -> status == null
                        || status.isBlank()
                        || faq.status().name().equals(status)
                        || (WAITING.equals(status) && waiting.contains(faq.id())))
                .filter(faq -> owner == null || owner.isBlank() || owner.equals(faq.owner()))
                .filter(faq -> due == null || faq.reviewDue(today))
                .filter(faq ->
                        council == null || council.isBlank() || faq.councilId().equals(council))
                .toList();
        model.addAttribute("faqs", faqs);
        model.addAttribute("waiting", waiting);
        model.addAttribute("areas", areas(all));
        model.addAttribute(
                "owners",
                all.stream()
                        .map(Faq::owner)
                        .filter(o -> o != null && !o.isBlank())
                        .distinct()
                        .sorted()
                        .toList());
        model.addAttribute("q", words);
        model.addAttribute("area", area);
        model.addAttribute("status", status);
        model.addAttribute("owner", owner);
        model.addAttribute("due", due != null);
        model.addAttribute("council", council);
        councilChoices(model, theirs);
        model.addAttribute("today", today);
        model.addAttribute("ratings", feedback.ratings());
        model.addAttribute("flagged", crawler.flaggedPages());
        if (question != null && !question.isBlank()) {
            model.addAttribute("question", question);
            // As the residents of one of the editor's councils would be answered: the one chosen, else the first.
            String asked = council != null && theirs.contains(council) ? council : firstOf(theirs);
            model.addAttribute("search", knowledge.search(asked, question, "en"));
            model.addAttribute("triedFor", councils.of(asked).name());
        }
        return "editor/list";
    }

    /** Every word of the search in the question, a phrasing or the answer's text, in any case. */
    private static boolean mentions(Faq faq, String words) {
        String text = (faq.question() + "\n" + String.join("\n", faq.phrasings()) + "\n"
                        + Jsoup.parse(faq.answerHtml()).text())
                .toLowerCase(Locale.ROOT);
        return Arrays.stream(words.toLowerCase(Locale.ROOT).split("\\s+"))
                .filter(w -> !w.isEmpty())
                .allMatch(text::contains);
    }

    /** The council's services, and any others FAQs have (a crawl names them after the site's sections). */
    private static List<String> areas(List<Faq> faqs) {
        List<String> areas = new ArrayList<>(AREAS);
        faqs.stream()
                .map(Faq::serviceArea)
                .filter(a -> !areas.contains(a))
                .distinct()
                .sorted()
                .forEach(areas::add);
        return areas;
    }

    /**
     * The form for a new FAQ, empty or started from what residents asked (a content gap): its question and the
     * other ways they put it.
     */
    @GetMapping("/editor/faqs/new")
    String create(
            @RequestParam(name = "question", required = false) String question,
            @RequestParam(name = "phrasings", required = false) List<String> phrasings,
            @RequestParam(name = "language", required = false) String language,
            @RequestParam(name = "translationOf", required = false) String translationOf,
            @RequestParam(name = "council", required = false) String council,
            Principal editor,
            Model model) {
        Set<String> theirs = staff.councilsOf(editor);
        model.addAttribute(
                "form",
                new FaqForm(
                        question == null ? "" : question,
                        phrasings == null ? "" : String.join("\n", phrasings),
                        "",
                        AREAS.getFirst(),
                        "",
                        Faq.FaqStatus.DRAFT.name(),
                        "",
                        "",
                        "cy".equals(language) ? "cy" : "en",
                        translationOf == null ? "" : translationOf,
                        council != null && theirs.contains(council) ? council : firstOf(theirs)));
        return form(model, null, theirs);
    }

    @PostMapping("/editor/faqs")
    String createSave(@ModelAttribute FaqForm form, Principal editor, Model model, RedirectAttributes redirect) {
        Set<String> theirs = staff.councilsOf(editor);
        List<String> problems = new ArrayList<>(form.problems());
        if (form.council() == null || !theirs.contains(form.council())) {
            problems.add("Choose the council whose FAQ this is");
        }
        if (!problems.isEmpty()) {
            model.addAttribute("form", form);
            model.addAttribute("problems", problems);
            return form(model, null, theirs);
        }
        return saved(form.toDraft(newId(form.question()), form.council()), editor, redirect);
    }

    /** A readable id from the question ("how-do-i-get-a-parking-permit"), made unique with a number. */
    private String newId(String question) {
        String slug =
                question.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > ID_LENGTH) {
            slug = slug.substring(0, ID_LENGTH).replaceAll("-[^-]*$", "");
        }
        if (slug.isEmpty() || slug.equals("new")) {
            slug = "faq";
        }
        String id = slug;
        for (int n = 2; knowledge.find(id).isPresent(); n++) {
            id = slug + "-" + n;
        }
        return id;
    }

    /**
     * The answer as residents will get it, cleaned as a save would clean it, for the form's live preview. Whether
     * the cleaning took anything out is said too, so an editor is not surprised after saving. {@code answer} is
     * the answer's structure, which the preview shows with the widget's own script (answer.js), source line
     * included.
     */
    @PostMapping("/editor/preview")
    @ResponseBody
    Map<String, Object> preview(
            @RequestParam(name = "answerHtml", defaultValue = "") String answerHtml,
            @RequestParam(name = "question", defaultValue = "") String question,
            @RequestParam(name = "sourceUrl", defaultValue = "") String sourceUrl) {
        String cleaned = knowledge.answerAsSaved(answerHtml);
        boolean removed = !Jsoup.parseBodyFragment(cleaned)
                .body()
                .html()
                .replaceAll("\\s+", "")
                .equals(Jsoup.parseBodyFragment(answerHtml).body().html().replaceAll("\\s+", ""));
        return Map.of("html", cleaned, "removed", removed, "answer", Answer.of(cleaned, question.strip(), sourceUrl));
    }

    @GetMapping("/editor/faqs/{id}")
    String edit(@PathVariable String id, Principal editor, Model model) {
        Faq faq = theirs(id, editor);
        Optional<FaqReview> review = reviews.waiting(id);
        // A change waiting for review is what the form shows: what the reviewer approves, what its sender goes on with.
        model.addAttribute("form", review.map(FaqForm::of).orElseGet(() -> FaqForm.of(faq)));
        review.ifPresent(waiting -> {
            model.addAttribute("review", waiting);
            model.addAttribute("canApprove", waiting.approvableBy(editor.getName()));
        });
        return form(model, faq, staff.councilsOf(editor));
    }

    /** The FAQ, when it is one of the editor's councils'; another council's is not found, as an id nobody has. */
    private Faq theirs(String id, Principal editor) {
        return knowledge
                .find(id)
                .filter(faq -> staff.councilsOf(editor).contains(faq.councilId()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private String firstOf(Set<String> theirs) {
        return councils.among(theirs).stream()
                .map(Council::id)
                .findFirst()
                .orElse(councils.byDefault().id());
    }

    /** The editor's councils to choose from, and every council's name by id when the service has several. */
    private void councilChoices(Model model, Set<String> theirs) {
        model.addAttribute("councilChoices", councils.among(theirs));
        Map<String, String> names = new LinkedHashMap<>();
        if (councils.several()) {
            councils.all().forEach(c -> names.put(c.id(), c.name()));
        }
        model.addAttribute("councilNames", names);
    }

    @PostMapping("/editor/faqs/{id}")
    String save(
            @PathVariable String id,
            @ModelAttribute FaqForm form,
            Principal editor,
            Model model,
            RedirectAttributes redirect) {
        Faq faq = theirs(id, editor);
        List<String> problems = form.problems();
        if (!problems.isEmpty()) {
            model.addAttribute("form", form);
            model.addAttribute("problems", problems);
            return form(model, faq, staff.councilsOf(editor));
        }
        // An FAQ stays its council's whatever the form says.
        return saved(form.toDraft(id, faq.councilId()), editor, redirect);
    }

    /**
     * Saves what the editor wrote, or, where the council reviews answers and it is to be published, sends it for
     * review: residents keep the answer that was live until another editor approves the change.
     */
    private String saved(FaqDraft draft, Principal editor, RedirectAttributes redirect) {
        if (draft.status() == Faq.FaqStatus.PUBLISHED && reviews.required(draft.councilId())) {
            FaqReview review = reviews.send(draft, editor.getName());
            redirect.addFlashAttribute("sentForReview", review.change().question());
            redirect.addFlashAttribute(
                    "reviewCouncil", councils.of(draft.councilId()).name());
        } else {
            Faq saved = knowledge.save(draft, editor.getName());
            redirect.addFlashAttribute("saved", saved.question());
        }
        return "redirect:/editor";
    }

    /** The edit form for an FAQ, or for a new one when {@code faq} is null, with what residents made of it. */
    private String form(Model model, Faq faq, Set<String> theirs) {
        councilChoices(model, theirs);
        model.addAttribute("areas", faq == null ? AREAS : areas(List.of(faq)));
        model.addAttribute("faq", faq);
        // Where the answer goes for review rather than live, the form says so: the councils that review, by name.
        model.addAttribute(
                "reviewing",
                councils.among(theirs).stream()
                        .filter(c -> faq == null || c.id().equals(faq.councilId()))
                        .filter(Council::faqReview)
                        .map(Council::name)
                        .toList());
        if (faq != null) {
            model.addAttribute("rating", feedback.ratings().getOrDefault(faq.id(), FaqRating.NONE));
            crawler.crawledPage(faq.id()).ifPresent(page -> model.addAttribute("crawledPage", page));
        }
        return "editor/edit";
    }

    /** Every saved version of an FAQ, newest first, each of which can be put back. */
    @GetMapping("/editor/faqs/{id}/history")
    String history(@PathVariable String id, Principal editor, Model model) {
        Faq faq = theirs(id, editor);
        model.addAttribute("faq", faq);
        model.addAttribute("versions", knowledge.history(id));
        model.addAttribute("sentForReview", reviews.sentForReview(id));
        reviews.waiting(id).ifPresent(review -> model.addAttribute("review", review));
        return "editor/history";
    }

    @PostMapping("/editor/faqs/{id}/revert")
    String revert(@PathVariable String id, @RequestParam int version, Principal editor, RedirectAttributes redirect) {
        if (knowledge.history(id).stream().noneMatch(saved -> saved.version() == version)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        Faq faq = theirs(id, editor);
        boolean toPublish = knowledge.history(id).stream()
                .anyMatch(saved -> saved.version() == version && saved.status() == Faq.FaqStatus.PUBLISHED);
        if (toPublish && reviews.required(faq.councilId())) {
            // Putting a published version back publishes it: under review, that is a change like any other.
            reviews.sendVersion(id, version, editor.getName());
            redirect.addFlashAttribute(
                    "reverted",
                    "Version " + version + " is sent for review: it goes back live once another editor approves it.");
            return "redirect:/editor/faqs/" + id + "/history";
        }
        Faq restored = knowledge.revert(id, version, editor.getName());
        redirect.addFlashAttribute(
                "reverted", "Version " + version + " is back, saved as version " + restored.version() + ".");
        return "redirect:/editor/faqs/" + id + "/history";
    }
}
