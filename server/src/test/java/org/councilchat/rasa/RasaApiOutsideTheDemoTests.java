package org.councilchat.rasa;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.councilchat.journey.TestCouncil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A council's own server (not the demo) with no token or JWT secret for the Rasa-compatible API: the API is off,
 * every path of it answers 404 with a problem detail, and the start-up log says why. NOTE: the one application
 * of the suite started outside the demo profile.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("council")
@ExtendWith(OutputCaptureExtension.class)
class RasaApiOutsideTheDemoTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void council(DynamicPropertyRegistry registry) {
        TestCouncil.configure(registry);
    }

    @Test
    void withoutATokenOrSecretTheApiIsOffAndSaysSo(CapturedOutput log) throws Exception {
        for (HttpRequest request : new HttpRequest[] {
            HttpRequest.newBuilder(uri("/rasa/")).build(),
            HttpRequest.newBuilder(uri("/rasa/status")).build(),
            HttpRequest.newBuilder(uri("/rasa/webhooks/rest/webhook"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"sender\":\"stranger\",\"message\":\"hello\"}"))
                    .build()
        }) {
            HttpResponse<String> answer =
                    HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(request.uri().getPath()).isEqualTo(404);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode problem = JSON.readTree(answer.body());
            assertThat(problem.path("detail").asString()).contains("not switched on");
        }
        assertThat(log.getAll())
                .contains("Rasa-compatible API at /rasa: off, since neither council-chat.rasa.server.token");
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
