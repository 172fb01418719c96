package org.councilchat.staff;

import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Staff who can sign in ({@code council-chat.staff.*}). Passwords use Spring Security's encoded form, e.g.
 * {@code {bcrypt}$2a$10$...}; supply them from the environment or a secrets store, never from the repository.
 */
@ConfigurationProperties("council-chat.staff")
public record StaffProperties(@DefaultValue List<Account> accounts) {

    /**
     * One member of staff.
     *
     * @param roles any of AGENT, SUPERVISOR, EDITOR, ADMIN
     * @param languages the languages an agent chats in: {@code en}, {@code cy} (Welsh); {@code en} when not set
     * @param skills the services an agent handles (from {@code council-chat.handoff.skills}); none for a generalist,
     *     who takes any chat. An administrator may change languages and skills at {@code /admin}.
     */
    public record Account(
            String username,
            String password,
            String displayName,
            Set<String> roles,
            Set<String> languages,
            Set<String> skills) {

        public Account {
            roles = roles == null ? Set.of() : Set.copyOf(roles);
            languages = languages == null || languages.isEmpty() ? Set.of("en") : Set.copyOf(languages);
            skills = skills == null ? Set.of() : Set.copyOf(skills);
        }
    }
}
