package org.councilchat.knowledge.editor;

import org.councilchat.knowledge.EditorAudit;
import org.councilchat.knowledge.KnowledgeBase;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Who did what to the knowledge base and when, newest first; all of it, or one FAQ's. */
@Controller
class AuditPage {

    private static final int SHOWN = 500;

    private final EditorAudit audit;
    private final KnowledgeBase knowledge;

    AuditPage(EditorAudit audit, KnowledgeBase knowledge) {
        this.audit = audit;
        this.knowledge = knowledge;
    }

    @GetMapping("/editor/audit")
    String audit(@RequestParam(name = "faq", required = false) String faqId, Model model) {
        model.addAttribute("entries", audit.recent(faqId, SHOWN));
        model.addAttribute("shown", SHOWN);
        if (faqId != null && !faqId.isBlank()) {
            knowledge.find(faqId).ifPresent(faq -> model.addAttribute("faq", faq));
        }
        return "editor/audit";
    }
}
