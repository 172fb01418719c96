package org.councilchat.staff;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.councilchat.councils.Councils;
import org.councilchat.handoff.AgentDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * The council's staff accounts, from configuration. Outside the demo profile it refuses to start while any
 * account still has a demo password, so a real council cannot go live with a password printed in our README.
 */
@Service
class StaffDirectory implements UserDetailsService, AgentDirectory {

    /** The demo accounts' passwords, published in README; never acceptable outside the demo. */
    static final List<String> DEMO_PASSWORDS = List.of("agent-demo", "editor-demo", "supervisor-demo", "admin-demo");

    private final Map<String, StaffProperties.Account> accounts;
    private final List<StaffProperties.Account> inOrder;
    private final List<Agent> agents;
    private final Map<String, Set<String>> councilsOf;
    private final PasswordEncoder passwords;
    private final SignInAttempts attempts;

    StaffDirectory(StaffProperties properties, PasswordEncoder passwords, Environment environment, Councils councils) {
        this(properties, passwords, environment, councils, null);
    }

    @Autowired
    StaffDirectory(
            StaffProperties properties,
            PasswordEncoder passwords,
            Environment environment,
            Councils councils,
            SignInAttempts attempts) {
        this.passwords = passwords;
        this.attempts = attempts;
        this.councilsOf = properties.accounts().stream()
                .collect(Collectors.toMap(StaffProperties.Account::username, account -> councils(account, councils)));
        this.inOrder = List.copyOf(properties.accounts());
        this.accounts = properties.accounts().stream()
                .collect(Collectors.toMap(StaffProperties.Account::username, Function.identity()));
        this.agents = properties.accounts().stream()
                .filter(account -> account.roles().contains("AGENT"))
                .map(account -> new Agent(
                        account.username(),
                        displayName(account.username()),
                        account.languages(),
                        account.skills(),
                        councilsOf.get(account.username())))
                .toList();
        if (!environment.acceptsProfiles(Profiles.of("demo"))) {
            refuseDemoPasswords();
        }
    }

    /**
     * The councils an account works for. With one council, everyone works for it; with several each account must
     * say, because the wrong default either way (all of them, or none) is a data breach or a contact centre that
     * cannot see its chats.
     */
    private static Set<String> councils(StaffProperties.Account account, Councils councils) {
        if (account.councils().isEmpty()) {
            if (councils.several()) {
                throw new IllegalStateException("Staff account '" + account.username() + "' does not say which"
                        + " councils it works for, and this deployment serves " + councils.ids() + ": set"
                        + " council-chat.staff.accounts[n].councils");
            }
            return councils.ids();
        }
        for (String council : account.councils()) {
            if (councils.find(council).isEmpty()) {
                throw new IllegalStateException("Staff account '" + account.username() + "' works for council '"
                        + council + "', which is not in council-chat.councils " + councils.ids());
            }
        }
        return account.councils();
    }

    private void refuseDemoPasswords() {
        for (StaffProperties.Account account : accounts.values()) {
            boolean demoPassword = account.password() == null
                    || account.password().isBlank()
                    || DEMO_PASSWORDS.stream().anyMatch(demo -> passwords.matches(demo, account.password()));
            if (demoPassword) {
                throw new IllegalStateException("Staff account '" + account.username()
                        + "' has a blank or demo password. Outside the demo profile every account needs its own"
                        + " password: set council-chat.staff.accounts[n].password (for example from an environment"
                        + " variable) to a {bcrypt} hash.");
            }
        }
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        if (attempts != null && attempts.locked(username)) {
            // Refused before any password is checked, and the same whether or not the account exists.
            return User.withUsername(username)
                    .password("{noop}")
                    .roles()
                    .accountLocked(true)
                    .build();
        }
        StaffProperties.Account account = accounts.get(username);
        if (account == null) {
            throw new UsernameNotFoundException("No such staff account");
        }
        return User.withUsername(account.username())
                .password(account.password())
                .roles(account.roles().toArray(String[]::new))
                .build();
    }

    @Override
    public Optional<String> agentName(Principal principal) {
        if (!(principal instanceof Authentication authentication)
                || authentication.getAuthorities().stream()
                        .noneMatch(authority -> "ROLE_AGENT".equals(authority.getAuthority()))) {
            return Optional.empty();
        }
        return Optional.ofNullable(accounts.get(authentication.getName()))
                .map(account -> account.displayName() == null ? account.username() : account.displayName());
    }

    @Override
    public Set<String> councilsOf(Principal staff) {
        if (!(staff instanceof Authentication authentication) || !authentication.isAuthenticated()) {
            return Set.of();
        }
        return councilsOf.getOrDefault(authentication.getName(), Set.of());
    }

    @Override
    public List<Agent> agents() {
        return agents;
    }

    /** Every member of staff, in configuration order, for the administrator's page. */
    List<StaffProperties.Account> accounts() {
        return inOrder;
    }

    /** The name to show for a signed-in member of staff. */
    String displayName(String username) {
        StaffProperties.Account account = accounts.get(username);
        return account == null || account.displayName() == null ? username : account.displayName();
    }
}
