package org.councilchat.staff;

import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.councilchat.handoff.AgentPresence;
import org.councilchat.handoff.AgentSeat;
import org.councilchat.handoff.AgentSeats;
import org.councilchat.handoff.HandoffProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrator's pages ({@code /admin}, role ADMIN): every member of staff, and for each agent the languages,
 * skills and chat limit routing uses. What an administrator sets is stored and wins over the configuration from
 * the next chat routed. Accounts themselves (sign-in, roles, councils) are {@link StaffAccountsPage}'s. Forms carry the CSRF token; problems are
 * listed in an error summary and beside each field, as on GOV.UK.
 */
@Controller
class StaffAdministration {

    private static final Map<String, String> LANGUAGE_NAMES = Map.of("en", "English", "cy", "Welsh (Cymraeg)");

    private final StaffDirectory staff;
    private final AgentSeats seats;
    private final AgentPresence presence;
    private final HandoffProperties handoff;
    private final boolean singleSignOn;

    StaffAdministration(
            StaffDirectory staff,
            AgentSeats seats,
            AgentPresence presence,
            HandoffProperties handoff,
            StaffProperties properties) {
        this.singleSignOn = properties.singleSignOnOn();
        this.staff = staff;
        this.seats = seats;
        this.presence = presence;
        this.handoff = handoff;
    }

    @ModelAttribute("staffName")
    String staffName(Principal admin) {
        return admin == null ? "" : staff.displayName(admin.getName());
    }

    @GetMapping("/admin")
    String staffList(Principal admin, Model model) {
        Map<String, AgentSeat> agents = new LinkedHashMap<>();
        seats.all().forEach(seat -> agents.put(seat.username(), seat));
        Set<String> adminsCouncils = staff.councilsOf(admin);
        List<Member> members = staff.accounts().stream()
                // A council's staff are its own business: an administrator sees those who share a council with them.
                .filter(account -> account.councils().stream().anyMatch(adminsCouncils::contains))
                .map(account -> new Member(
                        account.username(),
                        account.name(),
                        account.roles().stream().sorted().toList(),
                        account.signsInWith() == StaffAccount.SignIn.PROVIDER,
                        account.enabled(),
                        StaffAccountsPage.manages(adminsCouncils, account),
                        Optional.ofNullable(agents.get(account.username()))
                                .filter(seat -> account.enabled())
                                .map(this::row)
                                .orElse(null)))
                .toList();
        model.addAttribute("members", members);
        model.addAttribute("singleSignOn", singleSignOn);
        model.addAttribute("assignment", handoff.assignment().name().toLowerCase());
        model.addAttribute("defaultMaxChats", handoff.maxChatsPerAgent());
        return "admin/staff";
    }

    @GetMapping("/admin/agents/{username}")
    String editAgent(@PathVariable String username, Principal admin, Model model) {
        AgentSeat seat = agent(username, admin);
        return form(
                model, seat, new SeatForm(seat.languages(), seat.skills(), String.valueOf(seat.maxChats())), List.of());
    }

    @PostMapping("/admin/agents/{username}")
    String changeAgent(
            @PathVariable String username,
            @RequestParam(required = false) List<String> languages,
            @RequestParam(required = false) List<String> skills,
            @RequestParam(required = false) String maxChats,
            Principal admin,
            Model model,
            RedirectAttributes redirect) {
        AgentSeat seat = agent(username, admin);
        SeatForm form = new SeatForm(
                languages == null ? Set.of() : new LinkedHashSet<>(languages),
                skills == null ? Set.of() : new LinkedHashSet<>(skills),
                maxChats == null ? "" : maxChats.strip());
        Integer limit = wholeNumber(form.maxChats());
        List<Problem> problems = new ArrayList<>();
        for (String field : seats.problems(form.languages(), form.skills(), limit)) {
            problems.add(new Problem(field, message(field)));
        }
        if (!problems.isEmpty()) {
            return form(model, seat, form, problems);
        }
        seats.change(username, form.languages(), form.skills(), limit, admin.getName());
        redirect.addFlashAttribute(
                "done", "Saved " + seat.name() + "’s settings. Routing uses them from the next chat in the queue.");
        return "redirect:/admin";
    }

    /** The agent, if this administrator manages them: another council's agents are as if not there. */
    private AgentSeat agent(String username, Principal admin) {
        return seats.seat(username)
                .filter(seat -> staff.account(username)
                        .filter(account -> StaffAccountsPage.manages(staff.councilsOf(admin), account))
                        .isPresent())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private AgentRow row(AgentSeat seat) {
        return new AgentRow(
                seat.languages().stream()
                        .sorted()
                        .map(code -> LANGUAGE_NAMES.getOrDefault(code, code))
                        .toList(),
                seats.skills().stream()
                        .filter(seat::handles)
                        .map(StaffAdministration::skillName)
                        .toList(),
                seat.maxChats(),
                seat.overridden(),
                presence.status(seat.username()).name().toLowerCase());
    }

    private String form(Model model, AgentSeat seat, SeatForm form, List<Problem> problems) {
        model.addAttribute("seat", seat);
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        Map<String, String> byField = new LinkedHashMap<>();
        problems.forEach(problem -> byField.putIfAbsent(problem.field(), problem.message()));
        model.addAttribute("fieldProblems", byField);
        model.addAttribute(
                "languageChoices",
                AgentSeats.LANGUAGES.stream()
                        .map(code -> new Choice(code, LANGUAGE_NAMES.getOrDefault(code, code)))
                        .toList());
        model.addAttribute(
                "skillChoices",
                seats.skills().stream()
                        .map(skill -> new Choice(skill, skillName(skill)))
                        .toList());
        model.addAttribute("mostChats", AgentSeats.MOST_CHATS);
        return "admin/agent";
    }

    private static Integer wholeNumber(String text) {
        if (text == null || !text.matches("\\d{1,3}")) {
            return null;
        }
        return Integer.valueOf(text);
    }

    private static String message(String field) {
        return switch (field) {
            case "languages" -> "Choose at least one language the agent chats in";
            case "skills" -> "Choose services from the list";
            default ->
                "Enter the most chats the agent can have at once, a whole number from 1 to " + AgentSeats.MOST_CHATS;
        };
    }

    /** "council-tax" as staff read it: "Council tax". */
    static String skillName(String skill) {
        String words = skill.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    record Member(
            String username,
            String name,
            List<String> roles,
            boolean atProvider,
            boolean enabled,
            boolean manageable,
            AgentRow agent) {}

    record AgentRow(List<String> languages, List<String> skills, int maxChats, boolean overridden, String status) {}

    record SeatForm(Set<String> languages, Set<String> skills, String maxChats) {}

    record Problem(String field, String message) {}

    record Choice(String value, String label) {}
}
