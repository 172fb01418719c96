package org.councilchat.knowledge.editor;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.councilchat.councils.Council;
import org.councilchat.councils.CouncilStaff;
import org.councilchat.councils.Councils;
import org.councilchat.knowledge.CrawlRequest;
import org.councilchat.knowledge.FaqReviews;
import org.councilchat.knowledge.KnowledgeProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * "Crawl the council's website" from the editor: a form, then a progress view that polls the crawl's status and
 * ends with its report and the URLs that could not be used. Without JavaScript the page is refreshed by hand.
 */
@Controller
class CrawlPage {

    private static final String HOST =
            "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*";

    private final EditorCrawls crawls;
    private final KnowledgeProperties properties;
    private final Councils councils;
    private final CouncilStaff staff;
    private final FaqReviews reviews;

    CrawlPage(
            EditorCrawls crawls,
            KnowledgeProperties properties,
            Councils councils,
            CouncilStaff staff,
            FaqReviews reviews) {
        this.reviews = reviews;
        this.crawls = crawls;
        this.properties = properties;
        this.councils = councils;
        this.staff = staff;
    }

    /** The form as posted: hosts separated by spaces, commas or new lines; the council whose FAQs it fills. */
    record CrawlForm(String start, String maxPages, String allow, String publish, String council) {}

    @GetMapping("/editor/crawl")
    String crawl(Principal editor, Model model) {
        return page(
                model,
                new CrawlForm(
                        "",
                        String.valueOf(properties.crawl().maxPages()),
                        "",
                        crawls.publishesByDefault() ? "on" : null,
                        choices(editor).getFirst().id()),
                editor);
    }

    @PostMapping("/editor/crawl")
    String start(@ModelAttribute CrawlForm form, Principal editor, Model model) {
        List<String> problems = new ArrayList<>();
        if (form.council() == null || !staff.councilsOf(editor).contains(form.council())) {
            problems.add("Choose the council whose website this is");
        } else if (form.publish() != null && reviews.required(form.council())) {
            // What a crawl finds goes live unread; a council that checks answers first has drafts to send for review.
            problems.add(councils.of(form.council()).name() + " checks answers before residents see them: crawl"
                    + " without publishing, then send each FAQ for review");
        }
        URI start = null;
        try {
            start = new URI(form.start() == null ? "" : form.start().strip());
            if (start.getHost() == null || !Set.of("http", "https").contains(String.valueOf(start.getScheme()))) {
                problems.add("Enter the start page as a web address starting https://");
            }
        } catch (URISyntaxException e) {
            problems.add("Enter the start page as a web address starting https://");
        }
        int most = properties.crawl().maxPages();
        int maxPages = 0;
        try {
            maxPages = Integer.parseInt(
                    form.maxPages() == null ? "" : form.maxPages().strip());
        } catch (NumberFormatException e) {
            // reported below
        }
        if (maxPages < 1 || maxPages > most) {
            problems.add("Enter the most pages to read as a whole number from 1 to " + most);
        }
        Set<String> hosts = new LinkedHashSet<>();
        if (form.allow() != null) {
            Arrays.stream(form.allow().split("[\\s,]+"))
                    .filter(h -> !h.isBlank())
                    .forEach(hosts::add);
        }
        if (hosts.stream().anyMatch(h -> !h.matches(HOST))) {
            problems.add("Enter other sites as host names only, for example forms.millbrook.example");
        }
        if (problems.isEmpty()) {
            try {
                crawls.start(
                        new CrawlRequest(start, maxPages, hosts, form.publish() != null, form.council()),
                        editor.getName());
                return "redirect:/editor/crawl";
            } catch (CrawlAlreadyRunning e) {
                problems.add("A crawl is already running. Wait for it to finish, then start yours.");
            }
        }
        model.addAttribute("problems", problems);
        return page(model, form, editor);
    }

    /** Where the crawl is, for the page to poll; 404 before any crawl has been started. */
    @GetMapping("/editor/crawl/progress")
    @ResponseBody
    ResponseEntity<EditorCrawls.CrawlStatus> progress(Principal editor) {
        return status(editor)
                .map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).build());
    }

    private String page(Model model, CrawlForm form, Principal editor) {
        model.addAttribute("form", form);
        model.addAttribute("mostPages", properties.crawl().maxPages());
        model.addAttribute("councilChoices", choices(editor));
        status(editor).ifPresent(status -> model.addAttribute("crawl", status));
        return "editor/crawl";
    }

    /** The crawl running or last run, when it was for one of the editor's councils: another's is not theirs. */
    private Optional<EditorCrawls.CrawlStatus> status(Principal editor) {
        return crawls.status().filter(status -> staff.councilsOf(editor).contains(status.councilId()));
    }

    /** The councils an editor may crawl for, in configuration order. */
    private List<Council> choices(Principal editor) {
        List<Council> choices = councils.among(staff.councilsOf(editor));
        return choices.isEmpty() ? List.of(councils.byDefault()) : choices;
    }
}
