package org.councilchat.knowledge.editor;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tiny council website on a local port for crawls started from the editor: a home page linking to a page of
 * FAQs (a details/summary accordion, as many council sites have) and to a page that has gone. No robots.txt and
 * no sitemap, which the crawler takes as "crawl anything, follow links".
 */
final class LocalCouncilSite implements AutoCloseable {

    private static final Map<String, String> PAGES = Map.of("/", """
            <!DOCTYPE html><html lang="en"><head><title>Millbrook</title></head><body><main>
            <h1>Millbrook District Council</h1>
            <p><a href="/parking/permits">Parking permits</a> <a href="/gone">An old page</a></p>
            </main></body></html>""", "/parking/permits", """
            <!DOCTYPE html><html lang="en"><head><title>Parking permits</title></head><body><main>
            <h1>Parking permits</h1>
            <details><summary>Can I get a visitor parking permit?</summary><p>Yes: up to 50 a year, online.</p></details>
            <details><summary>How much is a resident parking permit?</summary><p>£60 a year for your first car.</p></details>
            </main></body></html>""");

    private final HttpServer server;
    private final Map<String, String> pages;

    private LocalCouncilSite(HttpServer server, Map<String, String> pages) {
        this.server = server;
        this.pages = pages;
    }

    /** Changes a page's HTML, as the council's web team might between two crawls. */
    void change(String path, String from, String to) {
        pages.computeIfPresent(path, (p, html) -> html.replace(from, to));
    }

    static LocalCouncilSite start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            Map<String, String> pages = new ConcurrentHashMap<>(PAGES);
            server.createContext("/", exchange -> {
                String page = pages.get(exchange.getRequestURI().getPath());
                byte[] body = (page == null ? "<h1>Not found</h1>" : page).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(page == null ? 404 : 200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return new LocalCouncilSite(server, pages);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The full address of a path on this site, on 127.0.0.1. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
