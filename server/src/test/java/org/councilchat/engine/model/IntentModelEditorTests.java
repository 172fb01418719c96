package org.councilchat.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.councilchat.engine.IntentClassifier;
import org.councilchat.engine.IntentModel;
import org.councilchat.journey.TestCouncil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An editor retrains the intent model from the page, over real HTTP with the form's CSRF token: a broken file
 * is refused with its line and the chat keeps its model; a good file's new intent is recognised once trained.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IntentModelEditorTests {

    private static final String EDITOR = "editor:editor-demo";

    private static final String ALLOTMENTS = """
            text,intent
            when is my bin day,bin_day
            what day are the bins collected,bin_day
            bin collection day MB1 1AA,bin_day
            which bin goes out this week,bin_day
            wen is bin day,bin_day
            how do i rent an allotment,allotments
            allotment waiting list,allotments
            can i get an allotment plot,allotments
            my allotment neighbour has left rubbish,allotments
            allotment rent,allotments
            hello,greet
            hi there,greet
            good morning,greet
            hiya,greet
            hey,greet
            """;

    @LocalServerPort
    int port;

    /** What the dialogue and the Rasa-compatible API classify with. */
    @Autowired
    IntentClassifier intents;

    @Autowired
    IntentModel model;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @DynamicPropertySource
    static void council(DynamicPropertyRegistry registry) {
        // A database of its own: the model retrained here is kept there, and must not be what the other tests'
        // applications start with.
        TestCouncil.configure(registry);
    }

    @Test
    void brokenFileIsRefusedWithItsLineAndAGoodFileRetrainsTheModelWhileTheChatAnswers() throws Exception {
        String servingBefore = model.version().id();
        HttpResponse<String> page = get("/editor/model");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(servingBefore, "bin_day", "council_tax_pay");

        HttpResponse<String> refused =
                upload("broken.csv", "text,intent\nwhen is my bin day,bin_day\n\"bins please,bin_day\n");

        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(get("/editor/model").body())
                .contains("The training file broken.csv was not used", "Line 3:")
                .contains("The chat keeps using model " + servingBefore);
        assertThat(model.version().id()).isEqualTo(servingBefore);
        assertThat(intents.classify("when is my bin day").top().intent()).isEqualTo("bin_day");

        HttpResponse<String> accepted = upload("allotments.csv", ALLOTMENTS);

        assertThat(accepted.statusCode()).isEqualTo(302);
        // The page answered before training finished; the chat meanwhile answers with whichever model serves.
        assertThat(intents.classify("when is my bin day").top().intent()).isEqualTo("bin_day");
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(3));
        while (get("/editor/model/status").body().contains("\"RUNNING\"")
                && Instant.now().isBefore(giveUp)) {
            Thread.sleep(250);
        }
        assertThat(get("/editor/model/status").body()).contains("\"SERVING\"");
        assertThat(intents.classify("can i rent an allotment plot").top().intent())
                .isEqualTo("allotments");
        assertThat(model.version().id()).isNotEqualTo(servingBefore);
        assertThat(get("/editor/model").body())
                .contains("Retrained from allotments.csv", model.version().id(), "allotments")
                .contains("A retrained model keeps serving after the server restarts")
                .doesNotContain("council_tax_pay");
        // Kept for the next start, and for every other server, in the database.
        assertThat(jdbc.sql("SELECT model_id FROM retrained_intent_model")
                        .query(String.class)
                        .list())
                .containsExactly(model.version().id());
    }

    @Test
    void uploadWithoutTheFormsCsrfTokenIsRefused() throws Exception {
        String servingBefore = model.version().id();

        HttpResponse<String> forged = send(multipart("forged.csv", ALLOTMENTS, null));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(model.version().id()).isEqualTo(servingBefore);
    }

    private HttpResponse<String> upload(String fileName, String content) throws Exception {
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                .matcher(get("/editor/model").body());
        assertThat(token.find()).as("the page's form carries a CSRF token").isTrue();
        return send(multipart(fileName, content, token.group(1)));
    }

    /** A browser's multipart form post of one file, with the form's CSRF token when given. */
    private HttpRequest multipart(String fileName, String content, String csrf) {
        String boundary = "----councilchat" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (csrf != null) {
            body.writeBytes(
                    ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n")
                            .getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                        + "\"\r\nContent-Type: text/csv\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8));
        return signedIn("/editor/model")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(signedIn(path).GET().build());
    }

    private HttpRequest.Builder signedIn(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(EDITOR.getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
