package org.councilchat.knowledge.bins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.councilchat.knowledge.CollectionSourceUnavailable;
import org.councilchat.knowledge.NextCollection;
import org.councilchat.knowledge.Postcode;
import org.councilchat.knowledge.PropertyAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real UKBinCollectionData outputs served over real HTTP on loopback. */
class UkBinCollectionDataSourceTests {

    private static final PropertyAddress HOME = new PropertyAddress(
            "100100000001", "1 Test Road", Postcode.parse("CF10 1AA").orElseThrow());

    private HttpServer server;
    private final AtomicReference<String> body = new AtomicReference<>();
    private final AtomicReference<String> asked = new AtomicReference<>();
    private int status = 200;

    @BeforeEach
    void startService() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            asked.set(exchange.getRequestURI().toString());
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stopService() {
        server.stop(0);
    }

    @Test
    void readsCardiffsOutputAsTheNextCollectionOfEachBin() throws IOException {
        body.set(resource("CardiffCouncil.json"));
        List<NextCollection> next = source().nextCollections(HOME, LocalDate.of(2023, 7, 21));
        assertThat(next)
                .extracting(
                        NextCollection::binName,
                        NextCollection::stream,
                        NextCollection::date,
                        NextCollection::following)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "Food", "food", LocalDate.of(2023, 7, 27), LocalDate.of(2023, 8, 3)),
                        org.assertj.core.groups.Tuple.tuple(
                                "Garden", "garden", LocalDate.of(2023, 7, 27), LocalDate.of(2023, 8, 10)),
                        org.assertj.core.groups.Tuple.tuple(
                                "Recycling", "recycling", LocalDate.of(2023, 7, 27), LocalDate.of(2023, 8, 3)),
                        org.assertj.core.groups.Tuple.tuple("General", "refuse", LocalDate.of(2023, 8, 3), null));
        assertThat(asked.get()).isEqualTo("/bins/100100000001?postcode=CF10%201AA");
    }

    @Test
    void understandsCamelCaseBinNames() throws IOException {
        body.set(resource("LisburnCastlereaghCityCouncil.json"));
        List<NextCollection> next = source().nextCollections(HOME, LocalDate.of(2023, 7, 15));
        assertThat(next).extracting(NextCollection::binName).containsExactly("BrownBin", "RecycleBin", "ResidualBin");
        assertThat(next).extracting(NextCollection::stream).containsExactly("other", "recycling", "refuse");
    }

    @Test
    void aServiceThatFailsOrTalksNonsenseIsUnavailableNotACrash() {
        status = 503;
        body.set("down for maintenance");
        assertThatExceptionOfType(CollectionSourceUnavailable.class)
                .isThrownBy(() -> source().nextCollections(HOME, LocalDate.of(2023, 7, 15)));
        status = 200;
        body.set("{\"bins\": [{\"type\": \"General\", \"collectionDate\": \"next Tuesday\"}]}");
        assertThatExceptionOfType(CollectionSourceUnavailable.class)
                .isThrownBy(() -> source().nextCollections(HOME, LocalDate.of(2023, 7, 15)));
        server.stop(0);
        assertThatExceptionOfType(CollectionSourceUnavailable.class)
                .isThrownBy(() -> source().nextCollections(HOME, LocalDate.of(2023, 7, 15)));
    }

    private UkBinCollectionDataSource source() {
        return new UkBinCollectionDataSource(
                "http://127.0.0.1:" + server.getAddress().getPort() + "/bins/{uprn}?postcode={postcode}");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = UkBinCollectionDataSourceTests.class.getResourceAsStream("/ukbcd/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
