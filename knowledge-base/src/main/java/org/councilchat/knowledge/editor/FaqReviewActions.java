package org.councilchat.knowledge.editor;

import java.security.Principal;
import org.councilchat.councils.CouncilStaff;
import org.councilchat.knowledge.Faq;
import org.councilchat.knowledge.FaqReviewRefused;
import org.councilchat.knowledge.FaqReviews;
import org.councilchat.knowledge.KnowledgeBase;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The two buttons on an FAQ with a change waiting for review: approve it (another editor of the FAQ's council, never
 * the one who sent it) or send it back unpublished. A step that can no longer be taken (someone else was quicker,
 * the FAQ changed) is told on the FAQ's page.
 */
@Controller
class FaqReviewActions {

    private final KnowledgeBase knowledge;
    private final FaqReviews reviews;
    private final CouncilStaff staff;

    FaqReviewActions(KnowledgeBase knowledge, FaqReviews reviews, CouncilStaff staff) {
        this.knowledge = knowledge;
        this.reviews = reviews;
        this.staff = staff;
    }

    @PostMapping("/editor/faqs/{id}/approve")
    String approve(@PathVariable String id, Principal editor, RedirectAttributes redirect) {
        theirs(id, editor);
        try {
            Faq published = reviews.approve(id, editor.getName());
            redirect.addFlashAttribute("approved", published.question());
            return "redirect:/editor";
        } catch (FaqReviewRefused refused) {
            redirect.addFlashAttribute("reviewRefused", refused.getMessage());
            return "redirect:/editor/faqs/" + id;
        }
    }

    @PostMapping("/editor/faqs/{id}/send-back")
    String sendBack(@PathVariable String id, Principal editor, RedirectAttributes redirect) {
        Faq faq = theirs(id, editor);
        try {
            reviews.sendBack(id, editor.getName());
            redirect.addFlashAttribute("sentBack", faq.question());
            return "redirect:/editor";
        } catch (FaqReviewRefused refused) {
            redirect.addFlashAttribute("reviewRefused", refused.getMessage());
            return "redirect:/editor/faqs/" + id;
        }
    }

    /** The FAQ, when it is one of the editor's councils'; another council's is not found, as an id nobody has. */
    private Faq theirs(String id, Principal editor) {
        return knowledge
                .find(id)
                .filter(faq -> staff.councilsOf(editor).contains(faq.councilId()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
