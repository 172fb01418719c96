package org.councilchat.bins;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.councilchat.engine.EngineProperties;
import org.councilchat.knowledge.BinCollections;
import org.councilchat.knowledge.CollectionSourceUnavailable;
import org.councilchat.knowledge.NextCollection;
import org.councilchat.knowledge.PostcodeLookup;
import org.councilchat.knowledge.PropertyAddress;
import org.councilchat.knowledge.ScheduledCollection;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bin collection days over HTTP, for council web pages and other tools. {@code GET /api/bins/{uprn}}
 * includes a {@code bins} array in UKBinCollectionData's output shape, so existing tools can read it.
 * Problems are RFC 9457 problem details with a message a resident can act on.
 */
@RestController
@Tag(
        name = "Bin days",
        description = "Addresses at a postcode and each property's next collections, open to anyone: the same"
                + " answers the chat gives. Problems are RFC 9457 problem details a resident can act on.")
class BinDaysApi {

    private static final String ADDRESSES_EXAMPLE = """
            {"postcode": "MB1 1AA", "sameRounds": true, "addresses": [
              {"uprn": "999900000101", "address": "2 Mill Lane, Millbrook", "collections": "/api/bins/999900000101"},
              {"uprn": "999900000102", "address": "4 Mill Lane, Millbrook", "collections": "/api/bins/999900000102"}]}
            """;
    private static final String NOT_A_POSTCODE_EXAMPLE = """
            {"type": "about:blank", "title": "Bad Request", "status": 400,
             "detail": "That is not a postcode. A postcode looks like SW1A 1AA."}
            """;
    private static final String ELSEWHERE_EXAMPLE = """
            {"type": "about:blank", "title": "Not Found", "status": 404,
             "detail": "SW1A 1AA isn't in our area: City of Westminster collects bins there (https://www.westminster.gov.uk).",
             "council": {"gssCode": "E09000033", "name": "City of Westminster", "website": "https://www.westminster.gov.uk"}}
            """;
    private static final String COLLECTIONS_EXAMPLE = """
            {"uprn": "999900000101", "address": "2 Mill Lane, Millbrook", "postcode": "MB1 1AA",
             "collections": [{"bin": "Recycling", "stream": "recycling", "date": "2026-12-29", "following": "2027-01-12",
               "usualDate": "2026-12-28", "reason": "Bank holiday", "usualCollectionCancelled": false,
               "subscriptionOnly": false, "binCy": "Bin ailgylchu"}],
             "bins": [{"type": "Recycling", "collectionDate": "29/12/2026"}],
             "calendar": "/api/bins/999900000101/calendar.ics"}
            """;

    private static final DateTimeFormatter UK_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final int CALENDAR_MONTHS = 12;

    private final BinCollections bins;
    private final Clock clock;
    private final ZoneId councilTime;

    BinDaysApi(BinCollections bins, Clock clock, EngineProperties engine) {
        this.bins = bins;
        this.clock = clock;
        this.councilTime = ZoneId.of(engine.timeZone());
    }

    @GetMapping("/api/bins")
    @Operation(
            summary = "The addresses at a postcode",
            description = "Each address with its UPRN and a link to its collections. sameRounds is true when every"
                    + " address at the postcode has the same collection days, so one answer serves them all.")
    @ApiResponse(
            responseCode = "200",
            description = "The postcode is ours",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = AddressesAtPostcode.class),
                            examples = @ExampleObject(value = ADDRESSES_EXAMPLE)))
    @ApiResponse(
            responseCode = "400",
            description = "No postcode, or not a whole one",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class),
                            examples = @ExampleObject(value = NOT_A_POSTCODE_EXAMPLE)))
    @ApiResponse(
            responseCode = "404",
            description = "Not in this council's area; where known, the council that does collect there",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class),
                            examples = @ExampleObject(value = ELSEWHERE_EXAMPLE)))
    AddressesAtPostcode addresses(
            @Parameter(description = "A whole UK postcode, spaces and case as typed", example = "MB1 1AA")
                    @RequestParam(required = false)
                    String postcode) {
        if (postcode == null || postcode.isBlank()) {
            throw problem(HttpStatus.BAD_REQUEST, "Give a postcode, like ?postcode=SW1A 1AA");
        }
        return switch (bins.lookup(postcode)) {
            case PostcodeLookup.NotAPostcode ignored ->
                throw problem(HttpStatus.BAD_REQUEST, "That is not a postcode. A postcode looks like SW1A 1AA.");
            case PostcodeLookup.PartialPostcode partial ->
                throw problem(
                        HttpStatus.BAD_REQUEST, "Please give your full postcode, like " + partial.outward() + " 1AA.");
            case PostcodeLookup.NotInArea notInArea -> {
                if (notInArea.servedBy() == null) {
                    throw problem(HttpStatus.NOT_FOUND, notInArea.postcode() + " isn't in our area.");
                }
                ErrorResponseException elsewhere = problem(
                        HttpStatus.NOT_FOUND,
                        notInArea.postcode() + " isn't in our area: "
                                + notInArea.servedBy().name() + " collects bins there ("
                                + notInArea.servedBy().website() + ").");
                elsewhere.getBody().setProperty("council", notInArea.servedBy());
                throw elsewhere;
            }
            case PostcodeLookup.Addresses addresses ->
                new AddressesAtPostcode(
                        addresses.postcode().value(),
                        addresses.sameRounds(),
                        addresses.properties().stream()
                                .map(p -> new Address(p.uprn(), p.address(), "/api/bins/" + p.uprn()))
                                .toList());
        };
    }

    @GetMapping("/api/bins/{uprn}")
    @Operation(
            summary = "A property's next collections",
            description = "The next and following date of each bin, with bank-holiday changes and why; bins repeats"
                    + " them in UKBinCollectionData's output shape (dd/MM/yyyy dates) for tools that read it.")
    @ApiResponse(
            responseCode = "200",
            description = "The property's collections",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = PropertyCollections.class),
                            examples = @ExampleObject(value = COLLECTIONS_EXAMPLE)))
    @ApiResponse(
            responseCode = "404",
            description = "No property with that UPRN is collected from",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "503",
            description = "The council's own collection service is not answering; try again later",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    PropertyCollections collections(
            @Parameter(description = "The property's Unique Property Reference Number", example = "999900000101")
                    @PathVariable
                    String uprn) {
        PropertyAddress property = property(uprn);
        LocalDate today = LocalDate.now(clock.withZone(councilTime));
        List<NextCollection> next = bins.nextCollections(uprn, today);
        List<UkBinCollectionDataBin> ukbcd = next.stream()
                .flatMap(c -> Stream.of(c.date(), c.following())
                        .filter(Objects::nonNull)
                        .map(date -> new UkBinCollectionDataBin(c.binName(), date.format(UK_DATE))))
                .sorted(Comparator.comparing(
                        (UkBinCollectionDataBin b) -> LocalDate.parse(b.collectionDate(), UK_DATE)))
                .toList();
        return new PropertyCollections(
                property.uprn(),
                property.address(),
                property.postcode().value(),
                next.stream()
                        .map(c -> new Collection(
                                c.binName(),
                                c.stream(),
                                c.date(),
                                c.following(),
                                c.change() == null ? null : c.change().usualDate(),
                                c.change() == null ? null : c.change().reason(),
                                c.change() != null && c.change().cancelled(),
                                c.subscriptionOnly(),
                                c.welshBinName()))
                        .toList(),
                ukbcd,
                "/api/bins/" + uprn + "/calendar.ics");
    }

    @GetMapping(value = "/api/bins/{uprn}/calendar.ics", produces = "text/calendar")
    @Operation(
            summary = "A year of a property's collections as a calendar file",
            description =
                    "iCalendar (RFC 5545), one all-day event per collection, for a phone's or Outlook's calendar.")
    ResponseEntity<String> calendar(
            @Parameter(description = "The property's UPRN", example = "999900000101") @PathVariable String uprn,
            @Parameter(description = "cy for the bins' Welsh names and Welsh words", example = "cy")
                    @RequestParam(name = "lang", defaultValue = "en")
                    String lang) {
        PropertyAddress property = property(uprn);
        LocalDate today = LocalDate.now(clock.withZone(councilTime));
        List<ScheduledCollection> year = bins.collectionsBetween(uprn, today, today.plusMonths(CALENDAR_MONTHS));
        String ics = CollectionCalendarFile.write(
                property, year, clock.instant(), "cy".equals(lang) ? Locale.forLanguageTag("cy") : Locale.UK);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/calendar; charset=utf-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"bin-collections-" + uprn + ".ics\"")
                .body(ics);
    }

    /** The council's own collection service is down: say so plainly, and that it is worth trying again. */
    @ExceptionHandler
    ProblemDetail sourceUnavailable(CollectionSourceUnavailable unavailable) {
        return ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE, "We can't get collection days just now. Please try again later.");
    }

    private PropertyAddress property(String uprn) {
        if (!uprn.matches("[0-9]{1,12}")) {
            throw problem(HttpStatus.BAD_REQUEST, "A UPRN is a number of up to 12 digits.");
        }
        return bins.property(uprn)
                .orElseThrow(() ->
                        problem(HttpStatus.NOT_FOUND, "We don't collect from a property with UPRN " + uprn + "."));
    }

    private static ErrorResponseException problem(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("about:blank"));
        return new ErrorResponseException(status, problem, null);
    }

    record AddressesAtPostcode(String postcode, boolean sameRounds, List<Address> addresses) {}

    record Address(String uprn, String address, String collections) {}

    record PropertyCollections(
            String uprn,
            String address,
            String postcode,
            List<Collection> collections,
            List<UkBinCollectionDataBin> bins,
            String calendar) {}

    /**
     * The next collection of one stream.
     *
     * @param usualDate set when {@code date} is not the usual day (or the usual day is cancelled)
     * @param binCy the bin's Welsh name: the council's own, or one made from the stream and colour
     */
    record Collection(
            String bin,
            String stream,
            LocalDate date,
            LocalDate following,
            LocalDate usualDate,
            String reason,
            boolean usualCollectionCancelled,
            boolean subscriptionOnly,
            String binCy) {}

    /** One entry in UKBinCollectionData's output format (type and a dd/MM/yyyy date). */
    record UkBinCollectionDataBin(String type, String collectionDate) {}
}
