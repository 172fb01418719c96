package org.councilchat.staff;

import java.security.Principal;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.councilchat.councils.Councils;
import org.councilchat.handoff.AgentSeats;
import org.councilchat.knowledge.LoggedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
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
 * The administrator's pages for staff accounts ({@code /admin/accounts}, role ADMIN): add a member of staff with a
 * password, change their name, roles and councils, set a new password, and disable or enable an account. An
 * administrator manages the accounts of their own councils only (an account that also works for a council they do
 * not is that council's business too, and theirs to change), and cannot disable themselves or take away their own
 * administrator role, so a deployment always keeps someone who can put things right.
 *
 * <p>Accounts that sign in at the council's identity provider get their roles and councils from its groups at each
 * sign-in; here they can be disabled, and their agent settings refined at {@code /admin/agents}.
 */
@Controller
class StaffAccountsPage {

    /** NCSC's advice: length, not complexity rules. Twelve characters is three random words. */
    static final int SHORTEST_PASSWORD = 12;

    static final int LONGEST_PASSWORD = 128;

    private static final DateTimeFormatter CHANGED_AT =
            DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm", Locale.UK).withZone(ZoneId.of("Europe/London"));

    private static final Logger log = LoggerFactory.getLogger(StaffAccountsPage.class);

    private final StaffDirectory directory;
    private final StaffAccounts accounts;
    private final Councils councils;
    private final PasswordEncoder passwords;
    private final Clock clock;

    StaffAccountsPage(
            StaffDirectory directory,
            StaffAccounts accounts,
            Councils councils,
            PasswordEncoder passwords,
            Clock clock) {
        this.directory = directory;
        this.accounts = accounts;
        this.councils = councils;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** Whether an administrator of {@code adminsCouncils} may change this account: all its councils are theirs. */
    static boolean manages(Set<String> adminsCouncils, StaffAccount account) {
        return !account.councils().isEmpty() && adminsCouncils.containsAll(account.councils());
    }

    @ModelAttribute("staffName")
    String staffName(Principal admin) {
        return admin == null ? "" : directory.displayName(admin.getName());
    }

    @GetMapping("/admin/accounts/new")
    String newAccount(Principal admin, Model model) {
        return newForm(model, admin, new AccountForm("", "", Set.of(), Set.of(), Set.of("en")), List.of());
    }

    @PostMapping("/admin/accounts")
    String add(
            @RequestParam(defaultValue = "") String username,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(required = false) List<String> roles,
            @RequestParam(required = false) List<String> councilIds,
            @RequestParam(required = false) List<String> languages,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String confirmPassword,
            Principal admin,
            Model model,
            RedirectAttributes redirect) {
        AccountForm form = new AccountForm(
                username.strip().toLowerCase(Locale.ROOT),
                name.strip(),
                codes(roles),
                codes(councilIds),
                codes(languages));
        List<Problem> problems = new ArrayList<>();
        if (!form.username().matches("[a-z0-9][a-z0-9._@-]{1,59}")) {
            problems.add(new Problem(
                    "username",
                    "Enter a username of 2 to 60 letters, numbers, dots, dashes, underscores or @, starting with a"
                            + " letter or number"));
        } else if (accounts.find(form.username()).isPresent()) {
            problems.add(new Problem("username", "There is already an account with that username: choose another"));
        }
        problems.addAll(accountProblems(form, admin, null));
        if (!AgentSeats.LANGUAGES.containsAll(form.languages())
                || form.languages().isEmpty()) {
            problems.add(new Problem("languages", "Choose at least one language they chat in"));
        }
        problems.addAll(passwordProblems(form.username(), password, confirmPassword));
        if (!problems.isEmpty()) {
            return newForm(model, admin, form, problems);
        }
        var now = clock.instant();
        boolean added = accounts.add(
                new StaffAccount(
                        form.username(),
                        form.name(),
                        passwords.encode(password),
                        form.roles(),
                        form.languages(),
                        Set.of(),
                        form.councils(),
                        StaffAccount.SignIn.PASSWORD,
                        null,
                        null,
                        now,
                        admin.getName()),
                now,
                admin.getName());
        if (!added) {
            // Another administrator took the username between the check and now.
            return newForm(
                    model,
                    admin,
                    form,
                    List.of(new Problem("username", "There is already an account with that username: choose another")));
        }
        directory.changed();
        log.info("Staff account '{}' added by '{}'", LoggedValue.of(form.username()), LoggedValue.of(admin.getName()));
        redirect.addFlashAttribute(
                "done", "Added " + form.name() + ". They can sign in now with the username " + form.username() + ".");
        return "redirect:/admin";
    }

    @GetMapping("/admin/accounts/{username}")
    String account(@PathVariable String username, Principal admin, Model model) {
        StaffAccount account = managed(username, admin);
        return accountPage(
                model,
                admin,
                account,
                new AccountForm(
                        account.username(), account.name(), account.roles(), account.councils(), account.languages()),
                List.of(),
                List.of());
    }

    @PostMapping("/admin/accounts/{username}")
    String change(
            @PathVariable String username,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(required = false) List<String> roles,
            @RequestParam(required = false) List<String> councilIds,
            Principal admin,
            Model model,
            RedirectAttributes redirect) {
        StaffAccount account = managed(username, admin);
        if (account.signsInWith() == StaffAccount.SignIn.PROVIDER) {
            throw new ResponseStatusException(
                    HttpStatus.CONFLICT, "This account's roles and councils come from the identity provider");
        }
        AccountForm form =
                new AccountForm(account.username(), name.strip(), codes(roles), codes(councilIds), account.languages());
        List<Problem> problems = accountProblems(form, admin, account);
        if (!problems.isEmpty()) {
            return accountPage(model, admin, account, form, problems, List.of());
        }
        accounts.change(
                account.username(),
                form.name(),
                form.roles(),
                account.languages(),
                account.skills(),
                form.councils(),
                clock.instant(),
                admin.getName());
        directory.changed();
        log.info("Staff account '{}' changed by '{}'", LoggedValue.of(username), LoggedValue.of(admin.getName()));
        redirect.addFlashAttribute(
                "done",
                "Saved " + form.name() + "’s account. A role taken away counts at once (they are signed out); a new"
                        + " role from their next sign-in; councils from their next page.");
        return "redirect:/admin/accounts/" + account.username();
    }

    @PostMapping("/admin/accounts/{username}/password")
    String newPassword(
            @PathVariable String username,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String confirmPassword,
            Principal admin,
            Model model,
            RedirectAttributes redirect) {
        StaffAccount account = managed(username, admin);
        if (account.signsInWith() == StaffAccount.SignIn.PROVIDER) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "This account signs in at the identity provider");
        }
        List<Problem> problems = passwordProblems(account.username(), password, confirmPassword);
        if (!problems.isEmpty()) {
            return accountPage(model, admin, account, formOf(account), List.of(), problems);
        }
        accounts.changePassword(account.username(), passwords.encode(password), clock.instant(), admin.getName());
        directory.changed();
        log.info(
                "Staff account '{}' given a new password by '{}'",
                LoggedValue.of(username),
                LoggedValue.of(admin.getName()));
        redirect.addFlashAttribute(
                "done", "Set a new password for " + account.name() + ". Give it to them in person or by phone.");
        return "redirect:/admin/accounts/" + account.username();
    }

    @PostMapping("/admin/accounts/{username}/disabled")
    String disable(
            @PathVariable String username,
            @RequestParam boolean disabled,
            Principal admin,
            RedirectAttributes redirect) {
        StaffAccount account = managed(username, admin);
        if (account.username().equals(admin.getName())) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "You cannot disable your own account");
        }
        accounts.disable(account.username(), disabled, clock.instant(), admin.getName());
        directory.changed();
        log.info(
                "Staff account '{}' {} by '{}'",
                LoggedValue.of(username),
                disabled ? "disabled" : "enabled",
                LoggedValue.of(admin.getName()));
        redirect.addFlashAttribute(
                "done",
                disabled
                        ? "Disabled " + account.name() + "’s account. They are signed out and cannot sign in."
                        : "Enabled " + account.name() + "’s account. They can sign in again.");
        return "redirect:/admin/accounts/" + account.username();
    }

    /** The account, if this administrator manages it; otherwise as if there were none. */
    private StaffAccount managed(String username, Principal admin) {
        return accounts.find(username)
                .filter(account -> manages(directory.councilsOf(admin), account))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private List<Problem> accountProblems(AccountForm form, Principal admin, StaffAccount existing) {
        List<Problem> problems = new ArrayList<>();
        if (form.name().isEmpty() || form.name().length() > 100) {
            problems.add(new Problem("name", "Enter their name as colleagues and residents should see it"));
        }
        if (form.roles().isEmpty() || !StaffAccount.ROLES.containsAll(form.roles())) {
            problems.add(new Problem("roles", "Choose at least one role"));
        } else if (existing != null
                && existing.username().equals(admin.getName())
                && !form.roles().contains("ADMIN")) {
            problems.add(new Problem("roles", "You cannot take away your own administrator role"));
        }
        if (form.councils().isEmpty() || !directory.councilsOf(admin).containsAll(form.councils())) {
            problems.add(new Problem("councilIds", "Choose at least one council they work for"));
        }
        return problems;
    }

    private List<Problem> passwordProblems(String username, String password, String confirmPassword) {
        List<Problem> problems = new ArrayList<>();
        if (password.length() < SHORTEST_PASSWORD || password.length() > LONGEST_PASSWORD) {
            problems.add(new Problem(
                    "password",
                    "Enter a password of " + SHORTEST_PASSWORD + " to " + LONGEST_PASSWORD
                            + " characters: three random words are easy to remember and hard to guess"));
        } else if (!username.isEmpty() && password.toLowerCase(Locale.ROOT).contains(username)) {
            problems.add(new Problem("password", "Enter a password that does not contain the username"));
        } else if (StaffDirectory.DEMO_PASSWORDS.contains(password)) {
            problems.add(new Problem("password", "Enter a password that is not one of the demo's"));
        } else if (!password.equals(confirmPassword)) {
            problems.add(new Problem("confirmPassword", "Enter the same password twice"));
        }
        return problems;
    }

    private String newForm(Model model, Principal admin, AccountForm form, List<Problem> problems) {
        choices(model, admin);
        model.addAttribute("form", form);
        problems(model, "problems", "fieldProblems", problems);
        return "admin/account-new";
    }

    private String accountPage(
            Model model,
            Principal admin,
            StaffAccount account,
            AccountForm form,
            List<Problem> problems,
            List<Problem> passwordProblems) {
        choices(model, admin);
        model.addAttribute("account", account);
        model.addAttribute("yourself", account.username().equals(admin.getName()));
        model.addAttribute("atProvider", account.signsInWith() == StaffAccount.SignIn.PROVIDER);
        model.addAttribute(
                "councilNames",
                councils.among(account.councils()).stream()
                        .map(council -> council.name())
                        .toList());
        model.addAttribute("roleNames", account.roles().stream().sorted().toList());
        model.addAttribute("lastChanged", CHANGED_AT.format(account.changedAt()));
        model.addAttribute("form", form);
        problems(model, "problems", "fieldProblems", problems);
        problems(model, "passwordProblems", "passwordFieldProblems", passwordProblems);
        return "admin/account";
    }

    private void choices(Model model, Principal admin) {
        model.addAttribute(
                "roleChoices",
                List.of(
                        new Choice("AGENT", "Agent: chats with residents and works on cases"),
                        new Choice("SUPERVISOR", "Supervisor: watches the queue and the agents, reads reports"),
                        new Choice("EDITOR", "Editor: keeps the FAQs and the bot's training up to date"),
                        new Choice("ADMIN", "Administrator: staff accounts, councils and webhooks")));
        model.addAttribute(
                "councilChoices",
                councils.among(directory.councilsOf(admin)).stream()
                        .map(council -> new Choice(council.id(), council.name()))
                        .toList());
        model.addAttribute(
                "languageChoices", List.of(new Choice("en", "English"), new Choice("cy", "Welsh (Cymraeg)")));
    }

    private static void problems(Model model, String listName, String mapName, List<Problem> problems) {
        model.addAttribute(listName, problems);
        Map<String, String> byField = new LinkedHashMap<>();
        problems.forEach(problem -> byField.putIfAbsent(problem.field(), problem.message()));
        model.addAttribute(mapName, byField);
    }

    private static AccountForm formOf(StaffAccount account) {
        return new AccountForm(
                account.username(), account.name(), account.roles(), account.councils(), account.languages());
    }

    private static Set<String> codes(List<String> chosen) {
        return chosen == null ? Set.of() : new LinkedHashSet<>(chosen);
    }

    record AccountForm(String username, String name, Set<String> roles, Set<String> councils, Set<String> languages) {}

    record Problem(String field, String message) {}

    record Choice(String value, String label) {}
}
