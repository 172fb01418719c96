package org.councilchat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.councilchat.journey.TestCouncil;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Staff pages need the right sign-in; residents' pages and health need none. Real HTTP, no mocks. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "council-chat.councils[0].id=millbrook",
            "council-chat.councils[0].name=Millbrook District Council",
            "council-chat.councils[0].origins=https://www.millbrook.example",
            // The demo's county and Welsh neighbour, which the demo's staff accounts work for too.
            "council-chat.councils[1].id=westshire",
            "council-chat.councils[1].name=Westshire County Council",
            "council-chat.councils[2].id=glanafon",
            "council-chat.councils[2].name=Glanafon Council"
        })
class StaffPagesTests {

    @LocalServerPort
    int port;

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @DynamicPropertySource
    static void council(DynamicPropertyRegistry registry) {
        TestCouncil.configure(registry);
    }

    @Test
    void residentPagesAndHealthNeedNoSignIn() throws Exception {
        assertThat(get("/", null).statusCode()).isEqualTo(200);
        assertThat(get("/webchat/v1/widget.js", null).statusCode()).isEqualTo(200);
        HttpResponse<String> stomp = get("/webchat/v1/stomp.js", null);
        assertThat(stomp.statusCode()).isEqualTo(200);
        assertThat(stomp.body()).contains("StompJs");
        HttpResponse<String> health = get("/actuator/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");
    }

    @Test
    void agentConsoleSendsStrangersToSignIn() throws Exception {
        HttpRequest browser = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/agent"))
                .header("Accept", "text/html")
                .GET()
                .build();
        HttpResponse<String> response = http.send(browser, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void agentsSeeTheConsoleButNotTheEditor() throws Exception {
        HttpResponse<String> console = get("/agent", "agent:agent-demo");
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.body()).contains("Sam (demo agent)");
        assertThat(get("/editor", "agent:agent-demo").statusCode()).isEqualTo(403);
    }

    @Test
    void editorsSeeTheFaqs() throws Exception {
        HttpResponse<String> editor = get("/editor", "editor:editor-demo");
        assertThat(editor.statusCode()).isEqualTo(200);
        assertThat(editor.body()).contains("Can I pay my council tax in instalments?");
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        assertThat(get("/agent", "agent:guess").statusCode()).isEqualTo(401);
    }

    @Test
    void onlySupervisorsSeeTheSupervisorPages() throws Exception {
        assertThat(get("/supervisor", "agent:agent-demo").statusCode()).isEqualTo(403);
        assertThat(get("/supervisor/canned-responses", "agent:agent-demo").statusCode())
                .isEqualTo(403);
        assertThat(get("/supervisor/live", "editor:editor-demo").statusCode()).isEqualTo(403);
        HttpResponse<String> live = get("/supervisor/live", "supervisor:supervisor-demo");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).contains("\"waitingCount\"", "\"Sam (demo agent)\"", "\"OFFLINE\"");
        HttpResponse<String> canned = get("/supervisor/canned-responses", "supervisor:supervisor-demo");
        assertThat(canned.statusCode()).isEqualTo(200);
        assertThat(canned.body())
                .as("the demo contact centre starts with canned responses to try")
                .contains("Ask for postcode and address", "Greeting (Welsh)", "Anything else?");
    }

    @Test
    void cannedResponsesCannotBeChangedWithoutTheFormsCsrfToken() throws Exception {
        HttpRequest forged = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/supervisor/canned-responses"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString("supervisor:supervisor-demo".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("title=Forged&text=Click+this+link"))
                .build();
        assertThat(http.send(forged, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(403);
        assertThat(get("/supervisor/canned-responses", "supervisor:supervisor-demo")
                        .body())
                .doesNotContain("Forged");
    }

    @Test
    void theApiDescriptionIsForStaffAndDescribesTheBinsRasaAndWebhookApisWithExamples() throws Exception {
        assertThat(get("/v3/api-docs", null).statusCode()).isEqualTo(401);
        HttpResponse<String> described = get("/v3/api-docs", "editor:editor-demo");
        assertThat(described.statusCode()).isEqualTo(200);
        JsonNode api = JsonMapper.builder().build().readTree(described.body());

        assertThat(api.path("openapi").asString()).startsWith("3.1");
        assertThat(api.path("paths").propertyNames())
                .contains(
                        "/api/bins",
                        "/api/bins/{uprn}",
                        "/api/bins/{uprn}/calendar.ics",
                        "/rasa/model/parse",
                        "/rasa/webhooks/rest/webhook")
                // Staff pages and the resident's chat are not an API for other systems.
                .noneMatch(
                        path -> path.startsWith("/agent") || path.startsWith("/admin") || path.startsWith("/webchat"));
        JsonNode addresses = api.at("/paths/~1api~1bins/get");
        assertThat(addresses.at("/parameters/0/example").asString()).isEqualTo("MB1 1AA");
        assertThat(addresses
                        .at("/responses/400/content/application~1problem+json")
                        .toString())
                .contains("That is not a postcode");
        assertThat(api.at("/paths/~1api~1bins~1{uprn}/get/responses/200/content")
                        .toString())
                .contains("999900000101", "collectionDate");
        assertThat(api.at("/components/schemas/PropertyCollections/properties").propertyNames())
                .contains("uprn", "address", "collections", "bins", "calendar");
        JsonNode parse = api.at("/paths/~1rasa~1model~1parse/post");
        assertThat(parse.at("/requestBody/content/application~1json").toString())
                .contains("when is my bin day");
        assertThat(parse.path("security").toString()).contains("rasaToken", "rasaJwt");
        assertThat(api.at("/components/securitySchemes/rasaToken/in").asString())
                .isEqualTo("query");
        assertThat(api.at("/paths/~1rasa~1webhooks~1rest~1webhook/post/responses/200/content")
                        .toString())
                .contains("\"handoff\"");

        assertThat(api.path("webhooks").propertyNames())
                .containsExactlyInAnyOrder("case-opened", "case-closed", "chat-closed", "missed-bin-reported");
        JsonNode missedBin = api.at("/webhooks/missed-bin-reported/post");
        assertThat(missedBin.path("parameters").toString())
                .contains("Council-Chat-Signature", "Council-Chat-Delivery", "Council-Chat-Event");
        assertThat(missedBin
                        .at("/requestBody/content/application~1json/schema/properties/data/properties")
                        .propertyNames())
                .containsExactlyInAnyOrder("reference", "uprn", "address", "bin", "due", "conversationId");
    }

    @Test
    void managementEndpointsOtherThanHealthAreClosed() throws Exception {
        assertThat(get("/actuator/env", "agent:agent-demo").statusCode()).isIn(403, 404);
    }

    @Test
    void residentWebSocketRefusesPagesFromOtherSites() throws Exception {
        assertThat(handshake("https://evil.example")).isEqualTo(403);
        assertThat(handshake("https://www.millbrook.example")).isEqualTo(101);
    }

    @Test
    void staffPagesRunOnlyTheirOwnScriptsCannotBeFramedAndKeepTheirCookieToThisSite() throws Exception {
        for (String path : List.of("/login", "/agent", "/editor/crawl")) {
            HttpResponse<String> page = get(path, path.equals("/login") ? null : "editor:editor-demo");

            assertThat(page.headers().firstValue("Content-Security-Policy"))
                    .as(path)
                    .hasValueSatisfying(csp -> assertThat(csp)
                            .contains("default-src 'self'", "script-src 'self'", "style-src 'self'")
                            .contains("frame-ancestors 'none'", "object-src 'none'")
                            .doesNotContain("unsafe-inline", "unsafe-eval"));
            assertThat(page.headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
            assertThat(page.headers().firstValue("Referrer-Policy"))
                    .as(path)
                    .contains("strict-origin-when-cross-origin");
        }
        HttpResponse<String> signIn = get("/login", null);
        assertThat(signIn.headers().firstValue("Set-Cookie"))
                .hasValueSatisfying(cookie -> assertThat(cookie)
                        .contains("JSESSIONID=", "HttpOnly", "SameSite=Lax")
                        .doesNotContain("Secure"));
        // Plain HTTP, as in development: HSTS would lock a browser out of an http://localhost it cannot upgrade.
        assertThat(signIn.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    @Test
    void behindTheCouncilsTlsProxyTheSessionCookieIsSecureAndBrowsersAreToldToKeepToHttps() throws Exception {
        // The test connects from 127.0.0.1, one of the internal addresses a proxy's headers are believed from.
        HttpRequest proxied = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-For", "203.0.113.7")
                .GET()
                .build();

        HttpResponse<String> signIn = http.send(proxied, HttpResponse.BodyHandlers.ofString());

        assertThat(signIn.statusCode()).isEqualTo(200);
        assertThat(signIn.headers().firstValue("Set-Cookie"))
                .hasValueSatisfying(cookie -> assertThat(cookie).contains("Secure", "SameSite=Lax"));
        assertThat(signIn.headers().firstValue("Strict-Transport-Security"))
                .hasValueSatisfying(hsts -> assertThat(hsts).contains("max-age=31536000"));
    }

    @Test
    void theDemoPageHasTheSamePolicyAndTheWidgetStaysLoadableFromTheCouncilsSite() throws Exception {
        HttpResponse<String> demo = get("/", null);
        assertThat(demo.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(
                        csp -> assertThat(csp).contains("default-src 'self'").doesNotContain("unsafe-inline"));
        // Nothing inline that the policy would refuse: the page's styles are a file, its one script has a src.
        assertThat(demo.body()).doesNotContain("<style", " style=").containsOnlyOnce("<script");
        assertThat(demo.body()).contains("<script src=\"/webchat/v1/widget.js\"");

        for (String asset : List.of("/webchat/v1/widget.js", "/webchat/v1/widget.css", "/css/demo.css")) {
            HttpResponse<String> loaded = get(asset, null);
            assertThat(loaded.statusCode()).as(asset).isEqualTo(200);
            // A resource policy other than cross-origin would stop the council's page from using the widget.
            assertThat(loaded.headers().firstValue("Cross-Origin-Resource-Policy"))
                    .as(asset)
                    .satisfiesAnyOf(
                            corp -> assertThat(corp).isEmpty(),
                            corp -> assertThat(corp).contains("cross-origin"));
        }
    }

    /** A WebSocket upgrade request as a browser on {@code origin} would send it; returns the HTTP status. */
    private int handshake(String origin) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            String request = "GET /webchat/v1/ws HTTP/1.1\r\nHost: localhost:" + port + "\r\nOrigin: " + origin
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String statusLine = new java.io.BufferedReader(
                            new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    private HttpResponse<String> get(String path, String basicCredentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .GET();
        if (basicCredentials != null) {
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(basicCredentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
