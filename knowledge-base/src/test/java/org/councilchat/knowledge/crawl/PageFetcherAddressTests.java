package org.councilchat.knowledge.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fetcher connects only to addresses it has checked, on every hop, against a real web server on this machine
 * reached under names that no DNS server knows (so reaching it proves the checked address is the one used).
 */
class PageFetcherAddressTests {

    private static final Set<String> HTML = Set.of("text/html");
    private static final InetAddress[] LOOPBACK = {InetAddress.getLoopbackAddress()};

    /** www. and forms. of the test council both live on this machine; nothing else resolves. */
    private static final CheckedResolver.Lookup COUNCIL_DNS = host -> switch (host) {
        case "www.millbrook.example", "forms.millbrook.example" -> LOOPBACK;
        default -> throw new UnknownHostException(host);
    };

    private HttpServer server;
    private final List<String> requested = new CopyOnWriteArrayList<>();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requested.add(exchange.getRequestHeaders().getFirst("Host") + exchange.getRequestURI());
            String location = redirects.get(exchange.getRequestURI().getPath());
            if (location != null) {
                exchange.getResponseHeaders().add("Location", location);
                exchange.sendResponseHeaders(302, -1);
            } else {
                byte[] page = "<h1>Millbrook</h1>".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, page.length);
                exchange.getResponseBody().write(page);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private PageFetcher fetcher(CrawlableAddresses crawlable) {
        return new PageFetcher("CouncilChatBot/test", Duration.ofSeconds(5), 65_536, 5, crawlable, COUNCIL_DNS);
    }

    private URI url(String host, String path) {
        return URI.create("http://" + host + ":" + server.getAddress().getPort() + path);
    }

    @Test
    void connectsToTheAddressItCheckedForAnAllowedName() {
        try (PageFetcher fetcher = fetcher(CrawlableAddresses.allowing(List.of("www.millbrook.example")))) {
            PageFetcher.Fetched fetched = fetcher.fetch(url("www.millbrook.example", "/"), HTML, u -> true);

            assertThat(fetched).isInstanceOf(PageFetcher.Body.class);
            assertThat(requested)
                    .containsExactly(
                            "www.millbrook.example:" + server.getAddress().getPort() + "/");
        }
    }

    @Test
    void aNameThatResolvesToThisMachineIsNotConnectedToByDefault() {
        try (PageFetcher fetcher = fetcher(CrawlableAddresses.publicOnly())) {
            PageFetcher.Fetched fetched = fetcher.fetch(url("www.millbrook.example", "/"), HTML, u -> true);

            assertThat(fetched)
                    .isInstanceOfSatisfying(
                            PageFetcher.Failed.class,
                            failed -> assertThat(failed.reason()).isEqualTo(PageFetcher.NOT_PUBLIC));
            assertThat(requested).isEmpty();
        }
    }

    @Test
    void everyRedirectHopIsCheckedAsItConnects() {
        // www. is allowed by name; its redirect goes to forms., which is on the same machine but not allowed.
        redirects.put("/start", url("forms.millbrook.example", "/apply").toString());

        try (PageFetcher fetcher = fetcher(CrawlableAddresses.allowing(List.of("www.millbrook.example")))) {
            PageFetcher.Fetched fetched = fetcher.fetch(url("www.millbrook.example", "/start"), HTML, u -> true);

            assertThat(fetched)
                    .isInstanceOfSatisfying(
                            PageFetcher.Failed.class,
                            failed -> assertThat(failed.reason()).isEqualTo(PageFetcher.NOT_PUBLIC));
            assertThat(requested)
                    .containsExactly(
                            "www.millbrook.example:" + server.getAddress().getPort() + "/start");
        }
    }

    @Test
    void aClosedPortAndASilentOneGiveTheSameAnswer() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        // A port that takes the connection and then says nothing a web server would (an SSH or database port)
        try (ServerSocket notHttp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                PageFetcher fetcher = fetcher(CrawlableAddresses.allowing(List.of("127.0.0.1")))) {
            Thread.ofVirtual().start(() -> {
                try (Socket socket = notHttp.accept()) {
                    socket.getOutputStream().write("SSH-2.0-OpenSSH_9.6\r\n".getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                    socket.getInputStream().read();
                } catch (IOException e) {
                    // the fetcher hung up
                }
            });
            PageFetcher.Fetched closed =
                    fetcher.fetch(URI.create("http://127.0.0.1:" + closedPort + "/"), HTML, u -> true);
            PageFetcher.Fetched open =
                    fetcher.fetch(URI.create("http://127.0.0.1:" + notHttp.getLocalPort() + "/"), HTML, u -> true);

            assertThat(List.of(closed, open))
                    .allSatisfy(fetched -> assertThat(fetched)
                            .isInstanceOfSatisfying(
                                    PageFetcher.Failed.class,
                                    failed -> assertThat(failed.reason()).isEqualTo(PageFetcher.NOT_FETCHED)));
        }
    }
}
