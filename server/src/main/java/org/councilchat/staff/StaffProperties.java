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
 */
@ConfigurationProperties("council-chat.staff")
public record StaffProperties(
        @DefaultValue List<Account> accounts,
        @DefaultValue("10") int signInAttempts,
        @DefaultValue("15m") Duration lockout) {

    public StaffProperties {
        if (signInAttempts < 1 || lockout.isNegative() || lockout.isZero()) {
            throw new IllegalArgumentException(
                    "council-chat.staff.sign-in-attempts must be at least 1 and council-chat.staff.lockout positive");
        }
    }

    /**
     * One member of staff.
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
