package org.councilchat.pages;

import org.councilchat.staff.StaffProperties;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page, where staff land after it, and the privacy notice. */
@Controller
class StaffPages {

    private final StaffProperties staff;

    StaffPages(StaffProperties staff) {
        this.staff = staff;
    }

    @GetMapping("/login")
    String signIn(Model model) {
        model.addAttribute("lockoutMinutes", Math.max(1, staff.lockout().toMinutes()));
        return "login";
    }

    /** Where staff land after signing in without a page in mind: their own tool. */
    @GetMapping("/staff")
    String staffHome(Authentication staff) {
        var roles = staff.getAuthorities().stream().map(Object::toString).toList();
        if (roles.contains("ROLE_AGENT")) {
            return "redirect:/agent";
        }
        if (roles.contains("ROLE_EDITOR")) {
            return "redirect:/editor";
        }
        return roles.contains("ROLE_ADMIN") ? "redirect:/admin" : "redirect:/";
    }

    @GetMapping("/privacy")
    String privacy() {
        return "privacy";
    }
}
