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
 * username is locked, the right password is refused too, and the sign-in page says why and for how long. A
 * made-up username is locked the same way, so a lock tells nobody which usernames are real.
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
        assertThat(basic("/agent", "agent2:agent-demo").statusCode()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertThat(basic("/agent", "agent2:guess-" + i).statusCode()).isEqualTo(401);
        }

        assertThat(basic("/agent", "agent2:agent-demo").statusCode()).isEqualTo(401);
        HttpResponse<String> signIn = signIn("agent2", "agent-demo");
        assertThat(signIn.headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/login?locked"));
        assertThat(get("/login?locked").body())
                .contains("too many wrong passwords for that username, so it is locked for 15 minutes");
        assertThat(basic("/agent", "agent:agent-demo").statusCode())
                .as("other staff carry on")
                .isEqualTo(200);
    }

    @Test
    void aMadeUpUsernameIsLockedTheSameWay() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(signIn("nobody-here", "guess-" + i).headers().firstValue("Location"))
                    .hasValueSatisfying(to -> assertThat(to).endsWith("/login?error"));
        }

        assertThat(signIn("nobody-here", "guess-4").headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/login?locked"));
    }

    private HttpResponse<String> basic(String path, String credentials) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The sign-in form as a browser posts it, with the page's CSRF token and its session cookie. */
    private HttpResponse<String> signIn(String username, String password) throws Exception {
        HttpResponse<String> page = get("/login");
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        var token = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                .matcher(page.body());
        assertThat(token.find()).isTrue();
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + token.group(1);
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", cookie)
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
