package org.councilchat.staff;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Staff who can sign in ({@code council-chat.staff.*}). Passwords use Spring Security's encoded form, e.g.
 * {@code {bcrypt}$2a$10$...}; supply them from the environment or a secrets store, never from the repository.
 *
 * @param signInAttempts wrong passwords for one username before it is locked against the addresses that got it
 *     wrong (others, the agent at their own desk, can still sign in); see {@code SignInAttempts}
 * @param lockout how long a username stays locked, and how long wrong passwords are counted
 * @param singleSignOn staff signing in with the council's identity provider (OpenID Connect)
 */
@ConfigurationProperties("council-chat.staff")
public record StaffProperties(
        @DefaultValue List<Account> accounts,
        @DefaultValue("10") int signInAttempts,
        @DefaultValue("15m") Duration lockout,
        @DefaultValue SingleSignOn singleSignOn) {

    public StaffProperties {
        singleSignOn =
                singleSignOn == null ? new SingleSignOn(null, "groups", "preferred_username", List.of()) : singleSignOn;
        if (signInAttempts < 1 || lockout.isNegative() || lockout.isZero()) {
            throw new IllegalArgumentException(
                    "council-chat.staff.sign-in-attempts must be at least 1 and council-chat.staff.lockout positive");
        }
    }

    /** Whether staff may sign in with the council's identity provider. */
    public boolean singleSignOnOn() {
        return singleSignOn.registration() != null
                && !singleSignOn.registration().isBlank();
    }

    /**
     * Signing in with the council's identity provider. The provider itself is a Spring Security client registration
     * ({@code spring.security.oauth2.client.registration.<id>}, with its {@code provider.<id>.issuer-uri}); this
     * says which one, and what its groups mean here.
     *
     * @param registration the registration's id; none (the default) offers no single sign-on
     * @param groupsClaim the ID token or user-info claim listing the person's groups (Entra ID: {@code groups}, the
     *     groups' object ids)
     * @param usernameClaim the claim that names them here at their first sign-in ({@code preferred_username}; their
     *     e-mail address, then the provider's subject, when it is missing)
     * @param groups what each group grants; a person's roles, councils, languages and services are those of all
     *     their groups together, read again at each sign-in. Someone in none of them is refused.
     */
    public record SingleSignOn(
            String registration,
            @DefaultValue("groups") String groupsClaim,
            @DefaultValue("preferred_username") String usernameClaim,
            @DefaultValue List<Group> groups) {

        public SingleSignOn {
            groupsClaim = groupsClaim == null || groupsClaim.isBlank() ? "groups" : groupsClaim;
            usernameClaim = usernameClaim == null || usernameClaim.isBlank() ? "preferred_username" : usernameClaim;
            groups = groups == null ? List.of() : List.copyOf(groups);
        }
    }

    /**
     * What membership of one of the provider's groups grants.
     *
     * @param group the group as the claim lists it (Entra ID: its object id)
     * @param roles any of AGENT, SUPERVISOR, EDITOR, ADMIN
     * @param councils the councils' ids
     * @param languages what its agents chat in ({@code en}, {@code cy}); none adds nothing
     * @param skills the services its agents handle; none adds nothing
     */
    public record Group(
            String group, Set<String> roles, Set<String> councils, Set<String> languages, Set<String> skills) {

        public Group {
            roles = roles == null ? Set.of() : Set.copyOf(roles);
            councils = councils == null ? Set.of() : Set.copyOf(councils);
            languages = languages == null ? Set.of() : Set.copyOf(languages);
            skills = skills == null ? Set.of() : Set.copyOf(skills);
        }
    }

    /**
     * One member of staff, added to the database at start when missing (see {@code StaffDirectory}).
     *
     * @param roles any of AGENT, SUPERVISOR, EDITOR, ADMIN
     * @param languages the languages an agent chats in: {@code en}, {@code cy} (Welsh); {@code en} when not set
     * @param skills the services an agent handles (from {@code council-chat.handoff.skills}); none for a generalist,
     *     who takes any chat. An administrator may change languages and skills at {@code /admin}.
     * @param councils the ids of the councils (from {@code council-chat.councils}) whose chats, cases and reports
     *     this member of staff works on; may be left out while the deployment serves one council
     */
    public record Account(
            String username,
            String password,
            String displayName,
            Set<String> roles,
            Set<String> languages,
            Set<String> skills,
            Set<String> councils) {

        public Account {
            councils = councils == null ? Set.of() : Set.copyOf(councils);
            roles = roles == null ? Set.of() : Set.copyOf(roles);
            languages = languages == null || languages.isEmpty() ? Set.of("en") : Set.copyOf(languages);
            skills = skills == null ? Set.of() : Set.copyOf(skills);
        }
    }
}
