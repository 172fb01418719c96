package org.councilchat.staff;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.councilchat.councils.Council;
import org.councilchat.councils.Councils;
import org.councilchat.handoff.AgentDirectory;
import org.councilchat.knowledge.LoggedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
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
 * The council's staff accounts, from the database every server shares ({@link StaffAccounts}). Accounts in
 * configuration ({@code council-chat.staff.accounts}) are added at start when missing, so that a new deployment
 * has its first administrator; after that the database is the record, changed at {@code /admin/accounts}.
 *
 * <p>Each server keeps a copy of the accounts for the checks made on every message (which councils may this agent
 * see?) and compares it with the database at most every {@link #FRESH_FOR}: an account added, changed or disabled on
 * another server counts here within that. Sign-ins always read the database.
 *
 * <p>Outside the demo profile it refuses to start while any password account has a demo password, so a real council
 * cannot go live with a password printed in our README.
 */
@Service
class StaffDirectory implements UserDetailsService, AgentDirectory, SmartInitializingSingleton {

    /** The demo accounts' passwords, published in README; never acceptable outside the demo. */
    static final List<String> DEMO_PASSWORDS = List.of("agent-demo", "editor-demo", "supervisor-demo", "admin-demo");

    /** How long this server trusts its copy of the accounts before asking the database whether they changed. */
    static final Duration FRESH_FOR = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(StaffDirectory.class);

    private final StaffProperties properties;
    private final PasswordEncoder passwords;
    private final Councils councils;
    private final StaffAccounts stored;
    private final SignInAttempts attempts;
    private final Clock clock;
    private final boolean demo;
    private volatile Copy copy;

    StaffDirectory(
            StaffProperties properties,
            PasswordEncoder passwords,
            Environment environment,
            Councils councils,
            StaffAccounts stored,
            SignInAttempts attempts,
            Clock clock) {
        this.properties = properties;
        this.passwords = passwords;
        this.councils = councils;
        this.stored = stored;
        this.attempts = attempts;
        this.clock = clock;
        this.demo = environment.acceptsProfiles(Profiles.of("demo"));
        properties.accounts().forEach(account -> councils(account, councils));
        if (!demo) {
            properties.accounts().forEach(account -> refuseDemoPassword(account.username(), account.password()));
        }
    }

    /** Once the database is migrated: the configured accounts it lacks, then the check of every stored password. */
    @Override
    public void afterSingletonsInstantiated() {
        Instant now = clock.instant();
        for (StaffProperties.Account account : properties.accounts()) {
            boolean added = stored.add(
                    new StaffAccount(
                            account.username(),
                            account.displayName(),
                            account.password(),
                            account.roles(),
                            account.languages(),
                            account.skills(),
                            councils(account, councils),
                            StaffAccount.SignIn.PASSWORD,
                            null,
                            null,
                            now,
                            "configuration"),
                    now,
                    "configuration");
            if (added) {
                log.info("Staff account '{}' added from configuration", LoggedValue.of(account.username()));
            }
        }
        if (!demo) {
            stored.all().stream()
                    .filter(account -> account.signsInWith() == StaffAccount.SignIn.PASSWORD && account.enabled())
                    .forEach(account -> refuseDemoPassword(account.username(), account.passwordHash()));
        }
        copy = load();
    }

    /**
     * The councils a configured account works for. With one council, everyone works for it; with several each
     * account must say, because the wrong default either way (all of them, or none) is a data breach or a contact
     * centre that cannot see its chats.
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

    private void refuseDemoPassword(String username, String password) {
        if (isDemoPassword(password)) {
            throw new IllegalStateException("Staff account '" + username
                    + "' has a blank or demo password. Outside the demo profile every account needs its own"
                    + " password: set council-chat.staff.accounts[n].password (for example from an environment"
                    + " variable) to a {bcrypt} hash, or, for an account already in the database, an administrator"
                    + " sets a new one at /admin/accounts.");
        }
    }

    /** Whether this encoded password is blank or one of the demo passwords printed in README. */
    boolean isDemoPassword(String encoded) {
        return encoded == null
                || encoded.isBlank()
                || DEMO_PASSWORDS.stream().anyMatch(demoPassword -> passwords.matches(demoPassword, encoded));
    }

    boolean demo() {
        return demo;
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
        // A disabled account, or one that signs in at the identity provider, is refused as if it did not exist:
        // telling a stranger "disabled" would tell them the name is real.
        StaffAccount account = stored.find(username)
                .filter(StaffAccount::enabled)
                .filter(found -> found.signsInWith() == StaffAccount.SignIn.PASSWORD && found.passwordHash() != null)
                .orElseThrow(() -> new UsernameNotFoundException("No such staff account"));
        return User.withUsername(account.username())
                .password(account.passwordHash())
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
        return active(authentication.getName()).map(StaffAccount::name);
    }

    @Override
    public Set<String> councilsOf(Principal staff) {
        if (!(staff instanceof Authentication authentication) || !authentication.isAuthenticated()) {
            return Set.of();
        }
        return active(authentication.getName()).map(StaffAccount::councils).orElse(Set.of());
    }

    @Override
    public List<Agent> agents() {
        return current().agents();
    }

    /** Every member of staff, in the order they were added, for the administrator's pages. */
    List<StaffAccount> accounts() {
        return current().inOrder();
    }

    /** The account, enabled or not, as this server last read it. */
    Optional<StaffAccount> account(String username) {
        return Optional.ofNullable(current().byUsername().get(username));
    }

    /** The enabled account with this username: a disabled one's session counts for nothing from the next check. */
    Optional<StaffAccount> active(String username) {
        return account(username).filter(StaffAccount::enabled);
    }

    /** The name to show for a signed-in member of staff. */
    String displayName(String username) {
        return account(username).map(StaffAccount::name).orElse(username);
    }

    /** After a change made on this server: read again now, not at the next check. */
    void changed() {
        copy = load();
    }

    private Copy current() {
        Copy now = copy;
        if (now == null) {
            // Asked before start-up finished (another bean's start-up): read without keeping it.
            return load();
        }
        if (System.nanoTime() - now.checkedAt() < FRESH_FOR.toNanos()) {
            return now;
        }
        StaffAccounts.Version version = stored.version();
        Copy fresh = version.equals(now.version()) ? now.checkedAgain() : load(version);
        copy = fresh;
        return fresh;
    }

    private Copy load() {
        return load(stored.version());
    }

    private Copy load(StaffAccounts.Version version) {
        List<StaffAccount> all = stored.all().stream()
                // A council taken out of the configuration takes its staff's access to it with it.
                .map(account -> account.councils().stream()
                                .allMatch(id -> councils.find(id).isPresent())
                        ? account
                        : withCouncils(
                                account,
                                councils.among(account.councils()).stream()
                                        .map(Council::id)
                                        .collect(Collectors.toSet())))
                .toList();
        List<Agent> agents = all.stream()
                .filter(StaffAccount::enabled)
                .filter(account ->
                        account.hasRole("AGENT") && !account.councils().isEmpty())
                .map(account -> new Agent(
                        account.username(), account.name(), account.languages(), account.skills(), account.councils()))
                .toList();
        Map<String, StaffAccount> byUsername =
                all.stream().collect(Collectors.toUnmodifiableMap(StaffAccount::username, Function.identity()));
        return new Copy(version, all, byUsername, agents, System.nanoTime());
    }

    private static StaffAccount withCouncils(StaffAccount account, Set<String> councils) {
        return new StaffAccount(
                account.username(),
                account.displayName(),
                account.passwordHash(),
                account.roles(),
                account.languages(),
                account.skills(),
                new LinkedHashSet<>(councils),
                account.signsInWith(),
                account.providerSubject(),
                account.disabledAt(),
                account.changedAt(),
                account.changedBy());
    }

    private record Copy(
            StaffAccounts.Version version,
            List<StaffAccount> inOrder,
            Map<String, StaffAccount> byUsername,
            List<Agent> agents,
            long checkedAt) {

        Copy checkedAgain() {
            return new Copy(version, inOrder, byUsername, agents, System.nanoTime());
        }
    }
}
