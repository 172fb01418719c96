package org.councilchat.staff;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.councilchat.councils.Councils;
import org.councilchat.knowledge.LoggedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * A member of staff signing in at the council's identity provider (OpenID Connect). Spring Security has checked the
 * ID token (signature, issuer, audience, expiry, nonce); this turns the person's groups into roles and councils
 * ({@code council-chat.staff.single-sign-on.groups}), makes their account at the first sign-in and brings it up to
 * date at every later one, so a role given or taken away at the provider counts from the next sign-in.
 *
 * <p>The account is tied to the provider's issuer and subject, not to the username: someone who picks a colleague's
 * username at the provider does not get the colleague's account, and nobody at the provider gets a password
 * account's username.
 */
class ProviderSignIn implements OAuth2UserService<OidcUserRequest, OidcUser> {

    /** Why a sign-in at the provider was refused; the sign-in page explains each. */
    static final String NO_GROUP = "no_council_chat_group";

    static final String DISABLED = "account_disabled";
    static final String USERNAME_TAKEN = "username_taken";

    private static final Logger log = LoggerFactory.getLogger(ProviderSignIn.class);

    private final OidcUserService provider = new OidcUserService();
    private final StaffProperties.SingleSignOn settings;
    private final StaffAccounts accounts;
    private final StaffDirectory directory;
    private final Clock clock;

    ProviderSignIn(
            StaffProperties properties,
            Councils councils,
            StaffAccounts accounts,
            StaffDirectory directory,
            Clock clock) {
        this.settings = properties.singleSignOn();
        this.accounts = accounts;
        this.directory = directory;
        this.clock = clock;
        for (StaffProperties.Group group : settings.groups()) {
            refuseUnknown(group, "roles", group.roles(), StaffAccount.ROLES);
            refuseUnknown(group, "councils", group.councils(), councils.ids());
        }
    }

    private static void refuseUnknown(
            StaffProperties.Group group, String what, Set<String> named, Collection<String> known) {
        for (String code : named) {
            if (!known.contains(code)) {
                throw new IllegalStateException("council-chat.staff.single-sign-on.groups: group '" + group.group()
                        + "' names " + what + " '" + code + "', which is not one of " + new TreeSet<>(known));
            }
        }
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser person = provider.loadUser(request);
        String subject = person.getIssuer() + " " + person.getSubject();
        Grant granted = granted(person);
        if (granted.roles().isEmpty() || granted.councils().isEmpty()) {
            log.warn("Sign-in at the identity provider refused: the person is in no Council Chat group");
            throw refused(NO_GROUP, "You are not in any of the groups that Council Chat knows");
        }
        Instant now = clock.instant();
        String name = firstOf(person.getFullName(), granted.username());
        String username = accounts.findByProviderSubject(subject)
                .map(known -> update(known, subject, name, granted, now))
                .orElseGet(() -> firstSignIn(subject, name, granted, now));
        directory.changed();
        List<GrantedAuthority> authorities = granted.roles().stream()
                .sorted()
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role))
                .toList();
        return new StaffMember(authorities, person, username);
    }

    private String update(StaffAccount known, String subject, String name, Grant granted, Instant now) {
        if (!known.enabled()) {
            log.warn("Sign-in at the identity provider refused: '{}' is disabled", LoggedValue.of(known.username()));
            throw refused(DISABLED, "This account has been disabled");
        }
        accounts.signedInWithProvider(subject, name, granted, now);
        return known.username();
    }

    private String firstSignIn(String subject, String name, Grant granted, Instant now) {
        StaffAccount account = new StaffAccount(
                granted.username(),
                name,
                null,
                granted.roles(),
                granted.languages(),
                granted.skills(),
                granted.councils(),
                StaffAccount.SignIn.PROVIDER,
                subject,
                null,
                now,
                "identity provider");
        if (accounts.add(account, now, "identity provider")) {
            log.info(
                    "Staff account '{}' made at its first sign-in with the identity provider",
                    LoggedValue.of(account.username()));
            return account.username();
        }
        // Either the same person signing in twice at once (their account is there now), or someone else's username.
        return accounts.findByProviderSubject(subject)
                .map(madeJustNow -> madeJustNow.username())
                .orElseThrow(() -> {
                    log.warn(
                            "Sign-in at the identity provider refused: username '{}' is another account's",
                            LoggedValue.of(account.username()));
                    return refused(USERNAME_TAKEN, "Another account already has this username");
                });
    }

    /** The username, roles, councils, languages and services the person's groups give them. */
    private Grant granted(OidcUser person) {
        Set<String> groups =
                new LinkedHashSet<>(Optional.ofNullable(person.getClaimAsStringList(settings.groupsClaim()))
                        .orElse(List.of()));
        Set<String> roles = new TreeSet<>();
        Set<String> councils = new TreeSet<>();
        Set<String> languages = new TreeSet<>();
        Set<String> skills = new TreeSet<>();
        settings.groups().stream()
                .filter(group -> groups.contains(group.group()))
                .forEach(group -> {
                    roles.addAll(group.roles());
                    councils.addAll(group.councils());
                    languages.addAll(group.languages());
                    skills.addAll(group.skills());
                });
        String username = usable(
                firstOf(person.getClaimAsString(settings.usernameClaim()), person.getEmail(), person.getSubject()),
                person.getSubject());
        return new Grant(username, roles, councils, languages, skills);
    }

    /** What a person's groups at the provider give them here, and the username their account is made with. */
    record Grant(String username, Set<String> roles, Set<String> councils, Set<String> languages, Set<String> skills) {}

    /**
     * The name as the provider gave it, if it can name an account here (it goes into pages' addresses); else one
     * made from the subject, which the administrator sees beside the person's name.
     */
    private static String usable(String given, String subject) {
        if (given.matches("[A-Za-z0-9._@+-]{2,200}")) {
            return given;
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(subject.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "provider-" + java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException everyJavaHasIt) {
            throw new IllegalStateException(everyJavaHasIt);
        }
    }

    private static String firstOf(String... values) {
        return Stream.of(values)
                .filter(value -> value != null && !value.isBlank())
                .findFirst()
                .orElseThrow(() -> refused("invalid_id_token", "The identity provider said nothing of who this is"));
    }

    private static OAuth2AuthenticationException refused(String code, String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(code, description, null));
    }

    /** The person as Spring Security keeps them in the session: named by their username here, not the subject. */
    static final class StaffMember extends DefaultOidcUser {

        private final String username;

        StaffMember(Collection<? extends GrantedAuthority> authorities, OidcUser person, String username) {
            super(authorities, person.getIdToken(), person.getUserInfo());
            this.username = username;
        }

        @Override
        public String getName() {
            return username;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof StaffMember member && super.equals(member) && username.equals(member.username);
        }

        @Override
        public int hashCode() {
            return 31 * super.hashCode() + username.hashCode();
        }
    }
}
