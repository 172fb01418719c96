package org.councilchat.knowledge.bins;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.councilchat.knowledge.CollectionSourceUnavailable;
import org.councilchat.knowledge.NextCollection;
import org.councilchat.knowledge.PropertyAddress;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads collection dates from a service that answers in UKBinCollectionData's output format
 * ({@code {"bins":[{"type":"General","collectionDate":"20/07/2023"}, ...]}}), for a council that already
 * runs one. The URL template may use {@code {uprn}} and {@code {postcode}}.
 */
public final class UkBinCollectionDataSource implements CollectionSource {

    private static final DateTimeFormatter UK_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final String urlTemplate;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    public UkBinCollectionDataSource(String urlTemplate) {
        this.urlTemplate = urlTemplate;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    @Override
    public List<NextCollection> nextCollections(PropertyAddress property, LocalDate today) {
        URI uri = URI.create(urlTemplate
                .replace("{uprn}", encode(property.uprn()))
                .replace("{postcode}", encode(property.postcode().value())));
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new CollectionSourceUnavailable("Bin collection service answered " + response.statusCode(), null);
            }
            return collections(json.readTree(response.body()), today);
        } catch (IOException | JacksonException | DateTimeParseException e) {
            throw new CollectionSourceUnavailable("Bin collection service at " + uri.getHost() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CollectionSourceUnavailable("Interrupted while asking the bin collection service", e);
        }
    }

    private static List<NextCollection> collections(JsonNode output, LocalDate today) {
        JsonNode bins = output.path("bins");
        if (!bins.isArray()) {
            throw new CollectionSourceUnavailable("Bin collection service answered without a bins array", null);
        }
        Map<String, TreeSet<LocalDate>> datesByType = new LinkedHashMap<>();
        for (JsonNode bin : bins) {
            LocalDate date = LocalDate.parse(bin.path("collectionDate").asString(), UK_DATE);
            if (!date.isBefore(today)) {
                datesByType
                        .computeIfAbsent(bin.path("type").asString(), type -> new TreeSet<>())
                        .add(date);
            }
        }
        List<NextCollection> next = new ArrayList<>();
        datesByType.forEach((type, dates) -> next.add(new NextCollection(
                type, streamOf(type), null, dates.first(), dates.higher(dates.first()), null, false)));
        next.sort(Comparator.comparing(NextCollection::date).thenComparing(NextCollection::binName));
        return next;
    }

    /**
     * Councils name their bins freely ("180L General Waste", "ResidualBin", "Brown Bin"); the stream is guessed
     * from the words, and "other" where the name alone cannot tell (a brown bin is garden waste in one
     * council and food in the next).
     */
    static String streamOf(String type) {
        String words = type.toLowerCase(Locale.ROOT);
        if (words.contains("garden")) {
            return "garden";
        }
        if (words.contains("food") || words.contains("caddy")) {
            return "food";
        }
        if (words.contains("glass")) {
            return "glass";
        }
        if (words.contains("recycl") || words.contains("paper") || words.contains("plastic")) {
            return "recycling";
        }
        for (String refuse : List.of("general", "residual", "refuse", "rubbish", "landfill", "black")) {
            if (words.contains(refuse)) {
                return "refuse";
            }
        }
        return "other";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
