package org.councilchat.staff;

import java.time.Instant;
import java.util.Set;

/**
 * One member of staff as stored ({@link StaffAccounts}).
 *
 * @param passwordHash Spring Security's encoded form ({@code {bcrypt}...}); null for an account that signs in with
 *     the council's identity provider
 * @param roles any of AGENT, SUPERVISOR, EDITOR, ADMIN
 * @param languages what an agent chats in ({@code en}, {@code cy}); never empty
 * @param skills the services an agent handles; none for a generalist
 * @param councils the councils whose chats, cases and reports this member of staff works on
 * @param providerSubject the identity provider's issuer and subject, for a {@link SignIn#PROVIDER} account
 * @param disabledAt when an administrator disabled the account; null while it may sign in
 */
public record StaffAccount(
        String username,
        String displayName,
        String passwordHash,
        Set<String> roles,
        Set<String> languages,
        Set<String> skills,
        Set<String> councils,
        SignIn signsInWith,
        String providerSubject,
        Instant disabledAt,
        Instant changedAt,
        String changedBy) {

    /** The roles a member of staff can have. */
    static final Set<String> ROLES = Set.of("AGENT", "SUPERVISOR", "EDITOR", "ADMIN");

    /** How the member of staff proves who they are. */
    public enum SignIn {
        /** A password kept (hashed) here, with the lockout of {@link SignInAttempts}. */
        PASSWORD,
        /** The council's identity provider (OpenID Connect), which also says their roles and councils. */
        PROVIDER
    }

    public StaffAccount {
        roles = Set.copyOf(roles);
        languages = languages == null || languages.isEmpty() ? Set.of("en") : Set.copyOf(languages);
        skills = skills == null ? Set.of() : Set.copyOf(skills);
        councils = Set.copyOf(councils);
    }

    public boolean enabled() {
        return disabledAt == null;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** The name colleagues and residents see. */
    public String name() {
        return displayName == null || displayName.isBlank() ? username : displayName;
    }
}
