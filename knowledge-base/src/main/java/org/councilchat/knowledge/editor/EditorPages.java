package org.councilchat.knowledge.editor;

import java.security.Principal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every editor page shows in its header: who is signed in. */
@ControllerAdvice(basePackageClasses = EditorPages.class)
class EditorPages {

    @ModelAttribute("staffName")
    String staffName(Principal editor) {
        return editor == null ? "" : editor.getName();
    }
}
