package org.councilchat.bins;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.councilchat.journey.TestCouncil;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The bin-day API over real HTTP, on Monday 23 November 2026, including what goes wrong. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "council-chat.knowledge.bins.postcode-tables=classpath:postcodes/onspd-two-rows.csv")
@Import(TestCouncil.FixedClock.class)
class BinDaysApiTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void council(DynamicPropertyRegistry registry) {
        TestCouncil.configure(registry);
    }

    @Test
    void listsTheAddressesAtAPostcodeTypedAnyWay() throws Exception {
        HttpResponse<String> response =
                get("/api/bins?postcode=" + URLEncoder.encode(" mb11aa ", StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> body = json(response);
        assertThat(body).containsEntry("postcode", "MB1 1AA").containsEntry("sameRounds", true);
        assertThat((List<?>) body.get("addresses")).hasSize(3);
    }

    @Test
    void givesTheNextCollectionsInUkBinCollectionDataShapeToo() throws Exception {
        HttpResponse<String> response = get("/api/bins/999900000101");
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> body = json(response);
        assertThat(body).containsEntry("address", "2 Mill Lane, Millbrook");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> bins = (List<Map<String, Object>>) body.get("bins");
        assertThat(bins).isNotEmpty().allSatisfy(bin -> {
            assertThat(bin.keySet()).containsExactlyInAnyOrder("type", "collectionDate");
            assertThat((String) bin.get("collectionDate")).matches("\\d{2}/\\d{2}/\\d{4}");
        });
        assertThat(bins.getFirst().get("collectionDate")).isEqualTo("23/11/2026");
    }

    @Test
    void badPostcodesGetProblemDetailsAResidentCanActOn() throws Exception {
        assertProblem(get("/api/bins?postcode=SW1A"), 400, "full postcode, like SW1A 1AA");
        assertProblem(get("/api/bins?postcode=hello"), 400, "not a postcode");
        assertProblem(
                get("/api/bins?postcode=" + URLEncoder.encode("SW1A 1AA", StandardCharsets.UTF_8)),
                404,
                "isn't in our area");
        assertProblem(get("/api/bins"), 400, "Give a postcode");
        assertProblem(
                get("/api/bins?postcode=" + URLEncoder.encode("AB10 1AB", StandardCharsets.UTF_8)),
                404,
                "Aberdeen City Council collects bins there (https://www.aberdeencity.gov.uk/)");
        assertProblem(get("/api/bins/not-a-uprn"), 400, "UPRN");
        assertProblem(get("/api/bins/123"), 404, "We don't collect");
    }

    @Test
    void calendarHasAYearOfCollectionsWithBankHolidayMovesExplained() throws Exception {
        HttpResponse<String> response = get("/api/bins/999900000101/calendar.ics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/calendar"));
        String ics = response.body();
        assertThat(ics).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
        String[] lines = ics.split("\r\n");
        assertThat(lines)
                .allSatisfy(line ->
                        assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75));
        long events = Arrays.stream(lines).filter("BEGIN:VEVENT"::equals).count();
        // Weekly food plus fortnightly refuse and recycling for a year: about 52 + 26 + 26.
        assertThat(events).isBetween(100L, 110L);
        // Monday 28 December 2026 is the Boxing Day substitute: Monday's collections move to Tuesday.
        assertThat(ics)
                .contains("DTSTART;VALUE=DATE:20261229")
                .contains("DESCRIPTION:Moved from Monday 28 December 2026: Boxing Day");
        assertThat(ics).doesNotContain("DTSTART;VALUE=DATE:20261228");
    }

    @Test
    void aWelshSpeakersCalendarNamesTheBinsAndTheMovesInWelsh() throws Exception {
        HttpResponse<String> response = get("/api/bins/999900000101/calendar.ics?lang=cy");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("X-WR-CALNAME:Casgliadau biniau: 2 Mill Lane\\, Millbrook")
                .contains("SUMMARY:Bin du (gwastraff cyffredinol)", "SUMMARY:Bin glas (ailgylchu)", "SUMMARY:Cadi bwyd")
                .contains("DESCRIPTION:Wedi symud o Dydd Llun 28 Rhagfyr 2026: Gŵyl San Steffan")
                .doesNotContain("Black bin");
    }

    private void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat((String) json(response).get("detail")).contains(detail);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> json(HttpResponse<String> response) {
        return JSON.readValue(response.body(), new TypeReference<>() {});
    }
}
