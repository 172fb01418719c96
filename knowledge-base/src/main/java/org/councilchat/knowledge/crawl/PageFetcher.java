package org.councilchat.knowledge.crawl;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches one URL for the crawler: connect and read timeouts, a cap on the body size, and redirects followed by
 * hand (so each hop is checked against the allowed hosts and ports, and loops are caught). Every connection goes
 * only to an address {@link CrawlableAddresses} allows, checked as the host is looked up for that connection.
 *
 * <p>Every failure to get an answer (refused, timed out, reset, not HTTP) is reported as the same {@link
 * #NOT_FETCHED}, so that the report cannot be used to tell an open port from a closed one; the cause is logged at
 * DEBUG, without the URL's query.
 *
 * <p>NOTE: this uses Apache HttpClient rather than the JDK's because the JDK's client cannot be told which address
 * to connect to: it would look the host up again after our check.
 */
public final class PageFetcher implements AutoCloseable {

    /** What the report says for any failure to get an answer from a web server. */
    public static final String NOT_FETCHED = "That page could not be fetched";

    /** What the report says for a host whose address is internal and not allowed. */
    public static final String NOT_PUBLIC = "That page could not be fetched: its address is not on the public internet";

    private static final Logger log = LoggerFactory.getLogger(PageFetcher.class);

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

    /** One answer: a redirect's target, or else what the URL came to. */
    private record Reply(String location, Fetched fetched) {}

    private final CloseableHttpClient client;
    private final String userAgent;
    private final long maxBytes;
    private final int maxRedirects;

    public PageFetcher(
            String userAgent, Duration timeout, long maxBytes, int maxRedirects, CrawlableAddresses crawlable) {
        this(userAgent, timeout, maxBytes, maxRedirects, crawlable, InetAddress::getAllByName);
    }

    PageFetcher(
            String userAgent,
            Duration timeout,
            long maxBytes,
            int maxRedirects,
            CrawlableAddresses crawlable,
            CheckedResolver.Lookup lookup) {
        Timeout limit = Timeout.of(timeout);
        // Not useSystemProperties(): a proxy would connect to addresses that were never checked.
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new CheckedResolver(crawlable, lookup))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(limit)
                                .setSocketTimeout(limit)
                                .build())
                        .build())
                .setDefaultRequestConfig(
                        RequestConfig.custom().setResponseTimeout(limit).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .build();
        this.userAgent = userAgent;
        this.maxBytes = maxBytes;
        this.maxRedirects = maxRedirects;
    }

    /**
     * Fetches {@code url}, accepting only the given media types (e.g. text/html).
     *
     * @param mayFollow which redirect targets may be followed (the allowed hosts and ports)
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
            Reply reply;
            try {
                HttpGet get = new HttpGet(current);
                get.setHeader("User-Agent", userAgent);
                get.setHeader("Accept", String.join(", ", mediaTypes) + ";q=1.0, */*;q=0.1");
                URI at = current;
                reply = client.execute(get, response -> read(url, at, response, mediaTypes));
            } catch (AddressRefused e) {
                log.debug("Not fetched, not a public address: {}", withoutQuery(current));
                return new Failed(url, 0, NOT_PUBLIC);
            } catch (IOException | RuntimeException e) {
                // IOException for every network failure; IllegalArgumentException for a URL the client cannot use
                log.debug("Could not fetch {}: {}", withoutQuery(current), e.toString());
                return new Failed(url, 0, NOT_FETCHED);
            }
            if (reply.fetched() != null) {
                return reply.fetched();
            }
            URI next;
            try {
                next = current.resolve(reply.location());
            } catch (IllegalArgumentException e) {
                return new Failed(url, 0, "redirect to a malformed URL");
            }
            if (!mayFollow.test(next)) {
                return new Failed(url, 0, "redirects outside the allowed hosts (" + next.getRawAuthority() + ")");
            }
            current = next;
        }
    }

    /** Reads one answer; the client then closes it, dropping its connection if the body was not read to the end. */
    private Reply read(URI url, URI at, ClassicHttpResponse response, Set<String> mediaTypes) throws IOException {
        int status = response.getCode();
        if (status >= 300 && status < 400) {
            Header location = response.getFirstHeader("Location");
            if (location == null || location.getValue().isBlank()) {
                return failed(url, status, "redirect without a Location");
            }
            return new Reply(location.getValue().strip(), null);
        }
        if (status != 200) {
            return failed(url, status, "HTTP " + status);
        }
        Header typeHeader = response.getFirstHeader("Content-Type");
        String contentType = typeHeader == null ? "" : typeHeader.getValue();
        String mediaType = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaTypes.contains(mediaType)) {
            return failed(url, status, "not HTML (" + (mediaType.isEmpty() ? "no type" : mediaType) + ")");
        }
        HttpEntity entity = response.getEntity();
        if (entity != null && entity.getContentLength() > maxBytes) {
            return failed(url, status, "larger than " + maxBytes / 1024 + " KB");
        }
        byte[] bytes = new byte[0];
        if (entity != null) {
            try (InputStream in = entity.getContent()) {
                bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            }
        }
        if (bytes.length > maxBytes) {
            return failed(url, status, "larger than " + maxBytes / 1024 + " KB");
        }
        return new Reply(null, new Body(at, bytes, charset(contentType)));
    }

    private static Reply failed(URI url, int status, String reason) {
        return new Reply(null, new Failed(url, status, reason));
    }

    /** A URL for the log: its query may hold someone's details. */
    private static String withoutQuery(URI url) {
        return url.getScheme() + "://" + url.getRawAuthority() + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    /** Lets go of the client's connections. */
    @Override
    public void close() {
        client.close(CloseMode.IMMEDIATE);
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
}
