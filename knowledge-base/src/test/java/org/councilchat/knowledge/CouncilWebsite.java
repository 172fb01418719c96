package org.councilchat.knowledge;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A council's website on a local port, for crawl tests: pages from {@code src/test/resources/crawl/site}, a
 * robots.txt, a sitemap, and whatever else a test puts up (redirects, errors, slow or huge answers). It records
 * every path asked for, so tests can show what the crawler did not fetch.
 */
final class CouncilWebsite implements AutoCloseable {

    /** One answer: status, Content-Type, body, optional Location and a delay before answering. */
    record Answer(int status, String contentType, byte[] body, String location, Duration delay) {

        static Answer html(String html) {
            return new Answer(200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), null, null);
        }

        static Answer text(String contentType, String text) {
            return new Answer(200, contentType, text.getBytes(StandardCharsets.UTF_8), null, null);
        }

        static Answer redirect(String location) {
            return new Answer(302, "text/html", new byte[0], location, null);
        }

        static Answer status(int status) {
            return new Answer(
                    status, "text/html", ("<h1>" + status + "</h1>").getBytes(StandardCharsets.UTF_8), null, null);
        }

        static Answer slow(Duration delay) {
            return new Answer(200, "text/html", "<h1>Slow</h1>".getBytes(StandardCharsets.UTF_8), null, delay);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<String> requested = new CopyOnWriteArrayList<>();
    private final List<String> userAgents = new CopyOnWriteArrayList<>();

    CouncilWebsite() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null
                            ? ""
                            : "?" + exchange.getRequestURI().getRawQuery());
            requested.add(exchange.getRequestHeaders().getFirst("Host") + path);
            userAgents.add(exchange.getRequestHeaders().getFirst("User-Agent"));
            Answer answer = answers.getOrDefault(path, Answer.status(404));
            try {
                if (answer.delay() != null) {
                    Thread.sleep(answer.delay());
                }
                exchange.getResponseHeaders().add("Content-Type", answer.contentType());
                if (answer.location() != null) {
                    exchange.getResponseHeaders().add("Location", answer.location());
                }
                exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
                if (answer.body().length > 0) {
                    exchange.getResponseBody().write(answer.body());
                }
            } catch (InterruptedException | IOException e) {
                // the crawler gave up waiting: nothing more to send
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** The Millbrook site the crawl tests share; tests change pages on it as a council would. */
    static CouncilWebsite millbrook() {
        CouncilWebsite site = new CouncilWebsite();
        site.put("/", Answer.html(site.fixture("index.html").replace("PORT", String.valueOf(site.port()))));
        site.page("/council-tax-bands", "council-tax-bands.html");
        site.page("/report-stray-dog", "report-stray-dog.html");
        site.page("/apply-blue-badge", "apply-blue-badge.html");
        site.page("/faqs/council-tax", "council-tax-faqs.html");
        site.page("/bins", "bins.html");
        site.page("/broken", "libraries-broken.html");
        site.page("/parking", "orphan.html");
        site.page("/staff/rota", "index.html");
        site.put("/loop-a", Answer.redirect("/loop-b"));
        site.put("/loop-b", Answer.redirect(site.url("/loop-a").toString()));
        site.put("/forms/garden-waste.pdf", Answer.text("application/pdf", "%PDF-1.4 not a web page"));
        site.put("/robots.txt", Answer.text("text/plain", """
                # Everyone else stays out of the staff area and the search pages
                User-agent: *
                Disallow: /search

                User-agent: CouncilChatBot
                Disallow: /staff/
                Crawl-delay: 2

                Sitemap: %s
                """.formatted(site.url("/sitemap.xml"))));
        site.put("/sitemap.xml", Answer.text("application/xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                  <url><loc>%s</loc></url>
                  <url><loc>%s</loc><lastmod>2026-11-01</lastmod></url>
                  <url><loc>https://www.gov.uk/report-stray-dog</loc></url>
                </urlset>
                """.formatted(
                        site.url("/report-stray-dog"), site.url("/parking"))));
        return site;
    }

    void page(String path, String fixture) {
        put(path, Answer.html(fixture(fixture)));
    }

    void put(String path, Answer answer) {
        answers.put(path, answer);
    }

    void remove(String path) {
        answers.remove(path);
    }

    String fixture(String name) {
        try (InputStream in = CouncilWebsite.class.getResourceAsStream("/crawl/site/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    /** Every request so far as host:port/path, in order. */
    List<String> requested() {
        return List.copyOf(requested);
    }

    List<String> userAgents() {
        return List.copyOf(userAgents);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
