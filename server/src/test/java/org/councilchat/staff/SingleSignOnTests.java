package org.councilchat.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.councilchat.journey.TestCouncil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Staff signing in with the council's identity provider, over real HTTP against a real OpenID Connect server
 * (NAV's mock-oauth2-server, started here): the browser's whole round trip of redirects, the code exchanged for
 * signed tokens, their checks, the groups mapped to roles and councils, and signing out at the provider.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SingleSignOnTests {

    private static final String ISSUER = "council";

    /** Started before the application, which reads the provider's metadata as it starts. */
    private static final MockOAuth2Server PROVIDER = started();

    @LocalServerPort
    int port;

    @Autowired
    StaffAccounts accounts;

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        TestCouncil.configure(registry);
        String registration = "spring.security.oauth2.client.registration.entra.";
        registry.add(registration + "client-id", () -> "council-chat");
        registry.add(registration + "client-secret", () -> "test-only-secret");
        registry.add(registration + "scope", () -> "openid,profile,email");
        registry.add(registration + "client-name", () -> "Millbrook staff sign-in");
        registry.add(
                "spring.security.oauth2.client.provider.entra.issuer-uri",
                () -> PROVIDER.issuerUrl(ISSUER).toString());
        String sso = "council-chat.staff.single-sign-on.";
        registry.add(sso + "registration", () -> "entra");
        registry.add(sso + "groups[0].group", () -> "cc-millbrook-advisers");
        registry.add(sso + "groups[0].roles", () -> "AGENT");
        registry.add(sso + "groups[0].councils", () -> "millbrook");
        registry.add(sso + "groups[0].skills", () -> "waste");
        registry.add(sso + "groups[1].group", () -> "cc-millbrook-supervisors");
        registry.add(sso + "groups[1].roles", () -> "SUPERVISOR");
        registry.add(sso + "groups[1].councils", () -> "millbrook");
        registry.add(sso + "groups[2].group", () -> "cc-welsh-speakers");
        registry.add(sso + "groups[2].languages", () -> "en,cy");
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.shutdown();
    }

    @Test
    void theFirstSignInMakesTheAccountWithTheRolesAndCouncilsOfTheGroups() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> landed = browser.signIn(
                "subject-sam",
                "sam.jones@millbrook.gov.uk",
                "Sam Jones",
                List.of("cc-millbrook-advisers", "cc-welsh-speakers", "all-staff"),
                3600);

        assertThat(landed.uri().getPath()).isEqualTo("/agent");
        assertThat(landed.statusCode()).isEqualTo(200);
        assertThat(text(landed)).contains("Sam Jones");
        assertThat(browser.get("/supervisor").statusCode()).isEqualTo(403);

        StaffAccount sam = accounts.find("sam.jones@millbrook.gov.uk").orElseThrow();
        assertThat(sam.signsInWith()).isEqualTo(StaffAccount.SignIn.PROVIDER);
        assertThat(sam.passwordHash()).isNull();
        assertThat(sam.roles()).containsExactly("AGENT");
        assertThat(sam.councils()).containsExactly("millbrook");
        assertThat(sam.languages()).containsExactlyInAnyOrder("en", "cy");
        assertThat(sam.skills()).containsExactly("waste");
        assertThat(sam.providerSubject()).endsWith(" subject-sam");
    }

    @Test
    void aRoleGivenAtTheProviderCountsFromTheNextSignIn() throws Exception {
        Browser before = new Browser();
        before.signIn("subject-jo", "jo.price@millbrook.gov.uk", "Jo Price", List.of("cc-millbrook-advisers"), 3600);
        assertThat(before.get("/supervisor").statusCode()).isEqualTo(403);

        Browser after = new Browser();
        after.signIn(
                "subject-jo",
                "jo.price@millbrook.gov.uk",
                "Jo Price",
                List.of("cc-millbrook-advisers", "cc-millbrook-supervisors"),
                3600);
        assertThat(after.get("/supervisor").statusCode()).isEqualTo(200);
        assertThat(accounts.find("jo.price@millbrook.gov.uk").orElseThrow().roles())
                .containsExactlyInAnyOrder("AGENT", "SUPERVISOR");
        // The session from before the change keeps what it was given until it signs in again.
        assertThat(before.get("/supervisor").statusCode()).isEqualTo(403);
    }

    @Test
    void someoneInNoCouncilChatGroupIsRefusedWithAPageThatSaysWhatToDo() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> landed =
                browser.signIn("subject-kim", "kim@millbrook.gov.uk", "Kim", List.of("all-staff"), 3600);

        assertThat(landed.uri().getPath()).isEqualTo("/login");
        assertThat(landed.uri().getQuery()).isEqualTo("provider=no-group");
        assertThat(text(landed)).contains("not in any of the groups that may use Council Chat");
        assertThat(accounts.find("kim@millbrook.gov.uk")).isEmpty();
        assertThat(browser.get("/agent").statusCode()).isEqualTo(302);
    }

    @Test
    void anExpiredIdTokenIsRefused() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> landed =
                browser.signIn("subject-max", "max@millbrook.gov.uk", "Max", List.of("cc-millbrook-advisers"), -3600);

        assertThat(landed.uri().getPath()).isEqualTo("/login");
        assertThat(landed.uri().getQuery()).isEqualTo("provider=failed");
        assertThat(text(landed)).contains("Signing in with your council account did not work");
        assertThat(accounts.find("max@millbrook.gov.uk")).isEmpty();
        assertThat(browser.get("/agent").statusCode()).isEqualTo(302);
    }

    @Test
    void aDisabledAccountIsSignedOutAndRefusedAtTheProviderToo() throws Exception {
        Browser browser = new Browser();
        browser.signIn("subject-ali", "ali@millbrook.gov.uk", "Ali", List.of("cc-millbrook-advisers"), 3600);
        assertThat(browser.get("/agent").statusCode()).isEqualTo(200);

        accounts.disable("ali@millbrook.gov.uk", true, java.time.Instant.now(), "admin");
        // Within a few seconds every server knows: the open session ends at its next request.
        org.awaitility.Awaitility.await()
                .atMost(StaffDirectory.FRESH_FOR.plusSeconds(5))
                .until(() -> browser.get("/agent").statusCode() == 302);
        HttpResponse<String> again = new Browser()
                .signIn("subject-ali", "ali@millbrook.gov.uk", "Ali", List.of("cc-millbrook-advisers"), 3600);
        assertThat(again.uri().getQuery()).isEqualTo("provider=disabled");
        assertThat(text(again)).contains("Your Council Chat account has been disabled");
    }

    @Test
    void nobodyAtTheProviderGetsAPasswordAccountsUsername() throws Exception {
        HttpResponse<String> landed = new Browser()
                .signIn("subject-impostor", "admin", "Not the admin", List.of("cc-millbrook-advisers"), 3600);

        assertThat(landed.uri().getQuery()).isEqualTo("provider=taken");
        assertThat(accounts.find("admin").orElseThrow().signsInWith()).isEqualTo(StaffAccount.SignIn.PASSWORD);
    }

    @Test
    void signingOutEndsTheSessionHereAndAtTheProvider() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> console =
                browser.signIn("subject-ray", "ray@millbrook.gov.uk", "Ray", List.of("cc-millbrook-advisers"), 3600);
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(console.body());
        assertThat(csrf.find()).isTrue();

        HttpResponse<String> signedOut = browser.post("/logout", "_csrf=" + csrf.group(1));
        assertThat(signedOut.statusCode()).isEqualTo(302);
        URI endSession = URI.create(signedOut.headers().firstValue("Location").orElseThrow());
        assertThat(endSession.toString())
                .startsWith(PROVIDER.endSessionEndpointUrl(ISSUER).toString());
        String query = URLDecoder.decode(endSession.getRawQuery(), StandardCharsets.UTF_8);
        assertThat(query).contains("id_token_hint=").contains("post_logout_redirect_uri=" + base() + "/login?logout");
        assertThat(browser.get("/agent").statusCode()).isEqualTo(302);
    }

    @Test
    void theSignInPageOffersTheCouncilAccountBesideThePassword() throws Exception {
        HttpResponse<String> page = new Browser().get("/login");
        assertThat(page.body()).contains("Sign in with your council account").contains("/oauth2/authorization/entra");
        assertThat(page.body()).contains("name=\"password\"");
    }

    /** The page's text as a reader meets it: the template's line breaks are only spaces. */
    private static String text(HttpResponse<String> page) {
        return page.body().replaceAll("\\s+", " ");
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static MockOAuth2Server started() {
        MockOAuth2Server provider = new MockOAuth2Server();
        provider.start();
        return provider;
    }

    /** A browser: its own cookies, following redirects itself so the test sees where it lands. */
    private final class Browser {

        private final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();

        /**
         * Starts at our "Sign in with your council account" link and follows each redirect (to the provider, back
         * with a code, on to the page after sign-in) as a browser would, the provider issuing tokens for this person.
         */
        HttpResponse<String> signIn(String subject, String username, String name, List<String> groups, long expiry)
                throws Exception {
            PROVIDER.enqueueCallback(new DefaultOAuth2TokenCallback(
                    ISSUER,
                    subject,
                    "JWT",
                    null,
                    Map.of("preferred_username", username, "name", name, "groups", groups),
                    expiry));
            HttpResponse<String> response = get("/oauth2/authorization/entra");
            for (int hop = 0; hop < 10 && response.statusCode() == 302; hop++) {
                URI next = response.uri()
                        .resolve(response.headers().firstValue("Location").orElseThrow());
                response = send(HttpRequest.newBuilder(next)
                        .header("Accept", "text/html")
                        .GET()
                        .build());
            }
            return response;
        }

        HttpResponse<String> get(String path) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(base() + path))
                    .header("Accept", "text/html")
                    .GET()
                    .build());
        }

        HttpResponse<String> post(String path, String form) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(base() + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "text/html")
                    .POST(HttpRequest.BodyPublishers.ofString(form))
                    .build());
        }

        private HttpResponse<String> send(HttpRequest request) throws Exception {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }
}
