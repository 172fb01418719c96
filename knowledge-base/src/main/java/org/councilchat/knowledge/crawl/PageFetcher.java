package org.councilchat.knowledge.crawl;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Fetches one URL for the crawler with {@link HttpClient}: connect and read timeouts, a cap on the body size,
 * and redirects followed by hand (so each hop is checked against the allowed hosts and loops are caught).
 */
public final class PageFetcher implements AutoCloseable {

    /** What came back for one URL. */
    public sealed interface Fetched {}

    /** A body of an accepted type, after any redirects, at {@code url}. */
    public record Body(URI url, byte[] bytes, Charset charset) implements Fetched {}

    /** No usable page; {@code status} is the HTTP status when there was one, else 0. */
    public record Failed(URI url, int status, String reason) implements Fetched {

        /** The page is not there any more: entries taken from it are flagged as gone. */
        public boolean gone() {
            return status == 404 || status == 410;
        }
    }

    private final HttpClient client;
    private final String userAgent;
    private final Duration timeout;
    private final long maxBytes;
    private final int maxRedirects;

    public PageFetcher(String userAgent, Duration timeout, long maxBytes, int maxRedirects) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.userAgent = userAgent;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.maxRedirects = maxRedirects;
    }

    /**
     * Fetches {@code url}, accepting only the given media types (e.g. text/html).
     *
     * @param mayFollow which redirect targets may be followed (the allowed hosts)
     */
    public Fetched fetch(URI url, Set<String> mediaTypes, Predicate<URI> mayFollow) {
        Set<URI> seen = new LinkedHashSet<>();
        URI current = url;
        for (int hop = 0; ; hop++) {
            if (!seen.add(current)) {
                return new Failed(url, 0, "redirect loop (" + current + " again)");
            }
            if (hop > maxRedirects) {
                return new Failed(url, 0, "more than " + maxRedirects + " redirects");
            }
            HttpResponse<InputStream> response;
            try {
                response = client.send(
                        HttpRequest.newBuilder(current)
                                .timeout(timeout)
                                .header("User-Agent", userAgent)
                                .header("Accept", String.join(", ", mediaTypes) + ";q=1.0, */*;q=0.1")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
            } catch (HttpConnectTimeoutException e) {
                return new Failed(url, 0, "could not connect within " + timeout.toSeconds() + " s");
            } catch (HttpTimeoutException e) {
                return new Failed(url, 0, "no answer within " + timeout.toSeconds() + " s");
            } catch (ConnectException | UnknownHostException e) {
                return new Failed(url, 0, "host unreachable (" + current.getHost() + ")");
            } catch (IOException e) {
                return new Failed(url, 0, "network error (" + e.getClass().getSimpleName() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Failed(url, 0, "interrupted");
            } catch (IllegalArgumentException e) {
                return new Failed(url, 0, "not a URL that can be fetched");
            }
            int status = response.statusCode();
            if (status >= 300 && status < 400) {
                close(response);
                Optional<String> location = response.headers().firstValue("Location");
                if (location.isEmpty()) {
                    return new Failed(url, status, "redirect without a Location");
                }
                URI next;
                try {
                    next = current.resolve(location.get().strip());
                } catch (IllegalArgumentException e) {
                    return new Failed(url, status, "redirect to a malformed URL");
                }
                if (!mayFollow.test(next)) {
                    return new Failed(url, status, "redirects outside the allowed hosts (" + next.getHost() + ")");
                }
                current = next;
                continue;
            }
            if (status != 200) {
                close(response);
                return new Failed(url, status, "HTTP " + status);
            }
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            String mediaType = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
            if (!mediaTypes.contains(mediaType)) {
                close(response);
                return new Failed(url, status, "not HTML (" + (mediaType.isEmpty() ? "no type" : mediaType) + ")");
            }
            long declared =
                    response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > maxBytes) {
                close(response);
                return new Failed(url, status, "larger than " + maxBytes / 1024 + " KB");
            }
            try (InputStream in = response.body()) {
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (bytes.length > maxBytes) {
                    return new Failed(url, status, "larger than " + maxBytes / 1024 + " KB");
                }
                return new Body(current, bytes, charset(contentType));
            } catch (HttpTimeoutException e) {
                return new Failed(url, status, "body not received within " + timeout.toSeconds() + " s");
            } catch (IOException e) {
                return new Failed(
                        url, status, "body could not be read (" + e.getClass().getSimpleName() + ")");
            }
        }
    }

    /** Lets go of the client's connections and threads. */
    @Override
    public void close() {
        client.close();
    }

    private static Charset charset(String contentType) {
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.strip().split("=", 2);
            if (pair.length == 2 && pair[0].equalsIgnoreCase("charset")) {
                try {
                    return Charset.forName(pair[1].replace("\"", "").strip());
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    return null;
                }
            }
        }
        return null; // Jsoup then looks for a <meta charset>, else UTF-8
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException e) {
            // the connection is discarded either way
        }
    }
}
