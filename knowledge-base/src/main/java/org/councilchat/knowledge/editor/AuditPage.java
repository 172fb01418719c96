package org.councilchat.knowledge.editor;

import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.councilchat.councils.CouncilStaff;
import org.councilchat.councils.Councils;
import org.councilchat.knowledge.AuditEntry;
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
    private final Councils councils;
    private final CouncilStaff staff;

    AuditPage(EditorAudit audit, KnowledgeBase knowledge, Councils councils, CouncilStaff staff) {
        this.audit = audit;
        this.knowledge = knowledge;
        this.councils = councils;
        this.staff = staff;
    }

    @GetMapping("/editor/audit")
    String audit(@RequestParam(name = "faq", required = false) String faqId, Principal editor, Model model) {
        Set<String> theirs = staff.councilsOf(editor);
        // What was done to the editor's councils' FAQs; a crawl or an import names no FAQ, and is shown to those
        // who work for every council only. An FAQ since deleted, or another council's, shows nothing.
        boolean everyCouncil = theirs.containsAll(councils.ids());
        Map<String, Boolean> ours = new HashMap<>();
        List<AuditEntry> entries = audit.recent(faqId, SHOWN).stream()
                .filter(entry -> entry.faqId() == null
                        ? everyCouncil
                        : ours.computeIfAbsent(
                                entry.faqId(),
                                id -> knowledge
                                        .find(id)
                                        .map(faq -> theirs.contains(faq.councilId()))
                                        .orElse(everyCouncil)))
                .toList();
        model.addAttribute("entries", entries);
        model.addAttribute("shown", SHOWN);
        if (faqId != null && !faqId.isBlank()) {
            knowledge
                    .find(faqId)
                    .filter(faq -> theirs.contains(faq.councilId()))
                    .ifPresent(faq -> model.addAttribute("faq", faq));
        }
        return "editor/audit";
    }
}
