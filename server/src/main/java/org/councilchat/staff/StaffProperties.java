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
     * @param roles any of AGENT, SUPERVISOR, EDITOR
     * @param languages the languages an agent chats in: {@code en}, {@code cy} (Welsh); {@code en} when not set
     */
    public record Account(
            String username, String password, String displayName, Set<String> roles, Set<String> languages) {

        public Account {
            roles = roles == null ? Set.of() : Set.copyOf(roles);
            languages = languages == null || languages.isEmpty() ? Set.of("en") : Set.copyOf(languages);
        }
    }
}
