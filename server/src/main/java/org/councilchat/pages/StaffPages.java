package org.councilchat.pages;

import java.time.Duration;
import org.councilchat.councils.Council;
import org.councilchat.councils.Councils;
import org.councilchat.engine.BinDayReminders;
import org.councilchat.retention.RetentionProperties;
import org.councilchat.staff.StaffProperties;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page, where staff land after it, and each council's privacy notice for the chat. */
@Controller
class StaffPages {

    private final StaffProperties staff;
    private final Councils councils;
    private final RetentionProperties retention;
    private final BinDayReminders reminders;

    StaffPages(StaffProperties staff, Councils councils, RetentionProperties retention, BinDayReminders reminders) {
        this.staff = staff;
        this.councils = councils;
        this.retention = retention;
        this.reminders = reminders;
    }

    @GetMapping("/login")
    String signIn(Model model) {
        model.addAttribute("lockoutMinutes", Math.max(1, staff.lockout().toMinutes()));
        if (staff.singleSignOnOn()) {
            // Spring Security's own start of the OpenID Connect sign-in for this registration.
            model.addAttribute(
                    "providerLink",
                    "/oauth2/authorization/" + staff.singleSignOn().registration());
        }
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

    /**
     * The chat's privacy notice of a council that links to none of its own: who is answerable for the data (its
     * data controller), and how long its chats are kept, in English or, for a council that speaks it, Welsh
     * ({@code ?lang=cy}, or the council's usual language). An unknown council gets the first's, not an error page:
     * a resident following an old link still learns how their data is used.
     */
    @GetMapping("/privacy")
    String privacy(
            @RequestParam(required = false) String council, @RequestParam(required = false) String lang, Model model) {
        Council shown = councils.find(council).orElseGet(councils::byDefault);
        String language =
                lang != null && shown.speaks(lang) ? lang : shown.languages().getFirst();
        Duration kept = shown.retention() == null ? retention.conversations() : shown.retention();
        model.addAttribute("council", shown);
        model.addAttribute("welsh", language.equals("cy"));
        model.addAttribute("bilingual", shown.speaks("cy") && shown.speaks("en"));
        model.addAttribute("keptDays", kept.toDays());
        // A chat about a service another council provides is that council's, kept on its schedule.
        model.addAttribute("passesOn", !shown.servicesFrom().isEmpty());
        // Reminders keep a number or address: for as long as the notice says.
        model.addAttribute(
                "reminderMonths",
                reminders
                        .offered(shown.id(), language)
                        .map(BinDayReminders.Offer::monthsFor)
                        .orElse(0));
        return "privacy";
    }
}
