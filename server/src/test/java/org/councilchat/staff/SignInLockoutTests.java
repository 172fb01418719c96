package org.councilchat.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.councilchat.journey.TestCouncil;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Password guessing at the staff sign-in, over real HTTP: after three wrong passwords (this test's setting) the
 * username is locked against the address that guessed, the right password is refused there too, and the sign-in
 * page says why and for how long; the agent at another address still signs in. A made-up username is locked the
 * same way, so a lock tells nobody which usernames are real. Each test comes from addresses of its own, given as
 * the council's proxy gives them (X-Forwarded-For from 127.0.0.1, an internal proxy).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "council-chat.staff.sign-in-attempts=3")
class SignInLockoutTests {

    @LocalServerPort
    int port;

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @DynamicPropertySource
    static void council(DynamicPropertyRegistry registry) {
        TestCouncil.configure(registry);
    }

    @Test
    void threeWrongPasswordsLockTheUsernameEvenAgainstTheRightOne() throws Exception {
        String guesser = "192.0.2.11";
        assertThat(basic("/agent", "agent2:agent-demo", guesser).statusCode()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertThat(basic("/agent", "agent2:guess-" + i, guesser).statusCode())
                    .isEqualTo(401);
        }

        assertThat(basic("/agent", "agent2:agent-demo", guesser).statusCode()).isEqualTo(401);
        HttpResponse<String> signIn = signIn("agent2", "agent-demo", guesser);
        assertThat(signIn.headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/login?locked"));
        assertThat(get("/login?locked", guesser).body())
                .contains("too many wrong passwords for that username, so it is locked for 15 minutes");
        assertThat(basic("/agent", "agent:agent-demo", guesser).statusCode())
                .as("other staff carry on")
                .isEqualTo(200);
    }

    @Test
    void aStrangersWrongPasswordsDoNotLockTheAgentOut() throws Exception {
        String stranger = "203.0.113.9";
        for (int i = 0; i < 4; i++) {
            basic("/editor", "editor:guess-" + i, stranger);
        }
        assertThat(basic("/editor", "editor:editor-demo", stranger).statusCode())
                .as("the stranger is locked out")
                .isEqualTo(401);

        assertThat(basic("/editor", "editor:editor-demo", "198.51.100.4").statusCode())
                .as("the editor at their own desk is not")
                .isEqualTo(200);
        assertThat(signIn("editor", "editor-demo", "198.51.100.5").headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/staff"));
    }

    @Test
    void aMadeUpUsernameIsLockedTheSameWay() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(signIn("nobody-here", "guess-" + i, "192.0.2.22")
                            .headers()
                            .firstValue("Location"))
                    .hasValueSatisfying(to -> assertThat(to).endsWith("/login?error"));
        }

        assertThat(signIn("nobody-here", "guess-4", "192.0.2.22").headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/login?locked"));
    }

    private HttpResponse<String> basic(String path, String credentials, String from) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("X-Forwarded-For", from)
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String from) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("X-Forwarded-For", from)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The sign-in form as a browser posts it, with the page's CSRF token and its session cookie. */
    private HttpResponse<String> signIn(String username, String password, String from) throws Exception {
        HttpResponse<String> page = get("/login", from);
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        var token = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                .matcher(page.body());
        assertThat(token.find()).isTrue();
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + token.group(1);
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                        .header("X-Forwarded-For", from)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", cookie)
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
