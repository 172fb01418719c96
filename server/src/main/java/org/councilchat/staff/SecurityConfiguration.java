package org.councilchat.staff;

import java.time.Clock;
import java.util.Map;
import org.councilchat.councils.Councils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Residents need no sign-in; staff pages do: with a password kept here, or at the council's identity provider
 * (OpenID Connect) where {@code council-chat.staff.single-sign-on} names one. The agent console's WebSocket ({@code /agent/ws}) is behind the
 * same sign-in, or HTTP Basic for scripted clients, so an agent's identity always comes from Spring Security.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /**
     * Every page of ours (staff pages, the sign-in page, the demo council page) runs only our own scripts and
     * styles, no inline ones, and cannot be framed. The widget is not affected where it matters: a policy on a
     * script or stylesheet means nothing to the council's page that loads it, and that page's own policy is the
     * council's.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self';"
            + " form-action 'self'; frame-ancestors 'none'";

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    private static final long HSTS_MAX_AGE_SECONDS = 365L * 24 * 60 * 60;

    @Bean
    SecurityFilterChain staffSignIn(
            HttpSecurity http,
            @Value("${council-chat.rasa.server.base-path:/rasa}") String rasaBasePath,
            StaffProperties staff,
            StaffDirectory directory,
            ObjectProvider<ClientRegistrationRepository> providers,
            ProviderSignIn providerSignIn)
            throws Exception {
        if (staff.singleSignOnOn()) {
            ClientRegistrationRepository registrations = providers.getIfAvailable();
            String id = staff.singleSignOn().registration();
            if (registrations == null || registrations.findByRegistrationId(id) == null) {
                throw new IllegalStateException("council-chat.staff.single-sign-on.registration is '" + id
                        + "', but there is no spring.security.oauth2.client.registration." + id);
            }
            http.oauth2Login(login -> login.loginPage("/login")
                    .defaultSuccessUrl("/staff")
                    .userInfoEndpoint(userInfo -> userInfo.oidcUserService(providerSignIn))
                    .failureHandler(providerRefusals()));
            // Signing out here signs out at the provider too (RP-initiated logout), which sends the browser back.
            OidcClientInitiatedLogoutSuccessHandler signedOut =
                    new OidcClientInitiatedLogoutSuccessHandler(registrations);
            signedOut.setPostLogoutRedirectUri("{baseUrl}/login?logout");
            signedOut.setDefaultTargetUrl("/login?logout");
            http.logout(logout -> logout.logoutSuccessHandler(signedOut));
        } else {
            http.logout(logout -> logout.logoutSuccessUrl("/login?logout"));
        }
        http.addFilterAfter(new DisabledStaffSignedOut(directory), SecurityContextHolderFilter.class);
        http.authorizeHttpRequests(requests -> requests.requestMatchers("/agent/console.css")
                        .permitAll()
                        .requestMatchers("/agent/**")
                        .hasRole("AGENT")
                        .requestMatchers("/supervisor/**", "/supervisor")
                        .hasRole("SUPERVISOR")
                        .requestMatchers("/editor/**", "/editor")
                        .hasRole("EDITOR")
                        .requestMatchers("/admin/**", "/admin")
                        .hasRole("ADMIN")
                        .requestMatchers("/staff")
                        .authenticated()
                        // The API description is for the council's developers, who are staff; it says nothing
                        // secret, but it is a map of the service that the public does not need.
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml")
                        .authenticated()
                        .requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        // Figures only, no personal data, but what a monitoring system scrapes with its own
                        // account (HTTP Basic), not what the public may read.
                        .requestMatchers("/actuator/prometheus")
                        .hasRole("ADMIN")
                        .requestMatchers("/actuator/**")
                        .denyAll()
                        .anyRequest()
                        .permitAll())
                .formLogin(login -> login.loginPage("/login")
                        .defaultSuccessUrl("/staff")
                        .failureHandler(signInFailures())
                        .permitAll())
                .httpBasic(Customizer.withDefaults())
                // The resident WebSocket is embedded cross-site by design; its origin check is the
                // allowed-origins list, not a CSRF token.
                // The Rasa-compatible API is for machines: Rasa's token or JWT, not a session cookie, protects it.
                // A resident's photo and their request for the chat by e-mail come with the chat's resume token, which
                // another
                // site cannot know.
                .csrf(csrf -> csrf.ignoringRequestMatchers(
                        "/webchat/v1/ws",
                        "/webchat/v1/photos",
                        "/webchat/v1/transcript-email",
                        // Stopping bin-day reminders: the link's unguessable token is the key, and there is no
                        // session to forge a request with.
                        "/reminders/*",
                        "/agent/ws",
                        rasaBasePath + "/**"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        // Sent only on HTTPS requests: behind a TLS proxy, server.forward-headers-strategy makes
                        // its X-Forwarded-Proto count.
                        .httpStrictTransportSecurity(hsts -> hsts.maxAgeInSeconds(HSTS_MAX_AGE_SECONDS)));
        return http.build();
    }

    /** A locked username is told so (and for how long); any other failure gets the usual message. */
    private static AuthenticationFailureHandler signInFailures() {
        ExceptionMappingAuthenticationFailureHandler failures = new ExceptionMappingAuthenticationFailureHandler();
        failures.setExceptionMappings(Map.of(LockedException.class.getName(), "/login?locked"));
        failures.setDefaultFailureUrl("/login?error");
        return failures;
    }

    /**
     * A refusal by the provider, or by us after it (no Council Chat group, a disabled account), sends the person
     * back to the sign-in page with what went wrong and what to do about it.
     */
    private static AuthenticationFailureHandler providerRefusals() {
        return (request, response, exception) -> {
            String code = exception instanceof OAuth2AuthenticationException refused
                    ? refused.getError().getErrorCode()
                    : "";
            String why = switch (code) {
                case ProviderSignIn.NO_GROUP -> "no-group";
                case ProviderSignIn.DISABLED -> "disabled";
                case ProviderSignIn.USERNAME_TAKEN -> "taken";
                default -> "failed";
            };
            if ("failed".equals(why)) {
                log.warn("Sign-in at the identity provider failed: {}", code.isEmpty() ? exception.getClass() : code);
            }
            response.sendRedirect(request.getContextPath() + "/login?provider=" + why);
        };
    }

    @Bean
    ProviderSignIn providerSignIn(
            StaffProperties properties,
            Councils councils,
            StaffAccounts accounts,
            StaffDirectory directory,
            Clock clock) {
        return new ProviderSignIn(properties, councils, accounts, directory, clock);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
