package org.councilchat.knowledge.editor;

import org.councilchat.knowledge.ContentGaps;
import org.councilchat.knowledge.KnowledgeProperties;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * What residents asked that got no confident answer or a "no, that didn't help", grouped, most asked first, each
 * a click away from a new FAQ started from it.
 */
@Controller
class ContentGapsPage {

    private final ContentGaps gaps;
    private final KnowledgeProperties properties;

    ContentGapsPage(ContentGaps gaps, KnowledgeProperties properties) {
        this.gaps = gaps;
        this.properties = properties;
    }

    @GetMapping("/editor/gaps")
    String gaps(Model model) {
        model.addAttribute("gaps", gaps.gaps());
        model.addAttribute("retentionDays", properties.feedback().retention().toDays());
        return "editor/gaps";
    }
}
