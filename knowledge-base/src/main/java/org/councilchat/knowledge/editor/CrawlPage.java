package org.councilchat.knowledge.editor;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.councilchat.knowledge.CrawlRequest;
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

    CrawlPage(EditorCrawls crawls, KnowledgeProperties properties) {
        this.crawls = crawls;
        this.properties = properties;
    }

    /** The form as posted: hosts separated by spaces, commas or new lines. */
    record CrawlForm(String start, String maxPages, String allow, String publish) {}

    @GetMapping("/editor/crawl")
    String crawl(Model model) {
        return page(
                model,
                new CrawlForm(
                        "",
                        String.valueOf(properties.crawl().maxPages()),
                        "",
                        crawls.publishesByDefault() ? "on" : null));
    }

    @PostMapping("/editor/crawl")
    String start(@ModelAttribute CrawlForm form, Principal editor, Model model) {
        List<String> problems = new ArrayList<>();
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
                crawls.start(new CrawlRequest(start, maxPages, hosts, form.publish() != null), editor.getName());
                return "redirect:/editor/crawl";
            } catch (CrawlAlreadyRunning e) {
                problems.add("A crawl is already running. Wait for it to finish, then start yours.");
            }
        }
        model.addAttribute("problems", problems);
        return page(model, form);
    }

    /** Where the crawl is, for the page to poll; 404 before any crawl has been started. */
    @GetMapping("/editor/crawl/progress")
    @ResponseBody
    ResponseEntity<EditorCrawls.CrawlStatus> progress() {
        return crawls.status()
                .map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).build());
    }

    private String page(Model model, CrawlForm form) {
        model.addAttribute("form", form);
        model.addAttribute("mostPages", properties.crawl().maxPages());
        crawls.status().ifPresent(status -> model.addAttribute("crawl", status));
        return "editor/crawl";
    }
}
