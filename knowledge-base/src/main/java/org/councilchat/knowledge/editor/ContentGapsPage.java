package org.councilchat.knowledge.editor;

import java.security.Principal;
import org.councilchat.councils.CouncilStaff;
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
    private final CouncilStaff staff;

    ContentGapsPage(ContentGaps gaps, KnowledgeProperties properties, CouncilStaff staff) {
        this.gaps = gaps;
        this.staff = staff;
        this.properties = properties;
    }

    @GetMapping("/editor/gaps")
    String gaps(Principal editor, Model model) {
        // What the editor's own councils' residents asked.
        model.addAttribute("gaps", gaps.gaps(staff.councilsOf(editor)));
        model.addAttribute("retentionDays", properties.feedback().retention().toDays());
        return "editor/gaps";
    }
}
