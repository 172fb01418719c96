package org.councilchat.knowledge;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.councilchat.knowledge.crawl.CrawlSourceRepository;
import org.councilchat.knowledge.crawl.CrawlSourceRepository.CrawlSource;
import org.councilchat.knowledge.crawl.CrawlableAddresses;
import org.councilchat.knowledge.crawl.FaqExtractor;
import org.councilchat.knowledge.crawl.PageFetcher;
import org.councilchat.knowledge.crawl.RobotsRules;
import org.councilchat.knowledge.crawl.Sitemap;
import org.councilchat.knowledge.faq.FaqRepository;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds FAQs from the council's own web pages. A crawl stays within the allowed hosts, obeys robots.txt and
 * its Crawl-delay (never faster than the configured delay), starts from the sitemap as well as the start page,
 * and revisits pages it crawled before so that FAQs whose page has gone are flagged. Each page's FAQs are saved
 * in one transaction: a page that fails leaves nothing behind, and the crawl carries on with the next.
 *
 * <p>NOTE: one host is crawled one request at a time, by design: a council's site is not ours to load.
 */
@Service
public class WebsiteCrawler {

    /** Waits between requests; tests record the waits instead of sleeping. */
    @FunctionalInterface
    interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    static final String CRAWLER = "crawler";

    private static final Logger log = LoggerFactory.getLogger(WebsiteCrawler.class);
    private static final Set<String> HTML = Set.of("text/html", "application/xhtml+xml");
    private static final Set<String> XML = Set.of("application/xml", "text/xml");
    private static final Set<String> TEXT = Set.of("text/plain", "text/html", "application/octet-stream", "");
    private static final int MAX_SITEMAPS = 20;

    private final KnowledgeBase knowledge;
    private final FaqRepository faqs;
    private final CrawlSourceRepository sources;
    private final TransactionTemplate transactions;
    private final KnowledgeProperties.Crawl settings;
    private final Clock clock;
    private final Pause pause;

    @Autowired
    public WebsiteCrawler(
            KnowledgeBase knowledge,
            FaqRepository faqs,
            CrawlSourceRepository sources,
            PlatformTransactionManager transactionManager,
            KnowledgeProperties properties,
            Clock clock) {
        this(knowledge, faqs, sources, transactionManager, properties.crawl(), clock, Thread::sleep);
    }

    WebsiteCrawler(
            KnowledgeBase knowledge,
            FaqRepository faqs,
            CrawlSourceRepository sources,
            PlatformTransactionManager transactionManager,
            KnowledgeProperties.Crawl settings,
            Clock clock,
            Pause pause) {
        this.knowledge = knowledge;
        this.faqs = faqs;
        this.sources = sources;
        this.transactions = new TransactionTemplate(transactionManager);
        this.settings = settings == null ? KnowledgeProperties.Crawl.DEFAULTS : settings;
        this.clock = clock;
        this.pause = pause;
    }

    /**
     * Where a crawled FAQ came from, with the flags an editor needs to see: the page has gone, or it has changed
     * since the editor's edit (which the crawl left as it was). Empty for FAQs that were not crawled.
     */
    public Optional<CrawledPage> crawledPage(String faqId) {
        return sources.find(faqId).map(WebsiteCrawler::crawledPage);
    }

    /** Every crawled FAQ with a flag (page gone, or page changed since an editor's edit), by FAQ id. */
    public Map<String, CrawledPage> flaggedPages() {
        Map<String, CrawledPage> flagged = new HashMap<>();
        sources.flagged().forEach(source -> flagged.put(source.faqId(), crawledPage(source)));
        return flagged;
    }

    private static CrawledPage crawledPage(CrawlSource source) {
        return new CrawledPage(source.pageUrl(), source.crawledAt(), source.goneSince(), source.pageChangedSince());
    }

    /** Whether crawled FAQs are published when the command does not say (the configured default). */
    public boolean publishesByDefault() {
        return settings.publish();
    }

    /**
     * Crawls as {@code request} says, reporting each page to {@code progress}; publishes {@link CrawlStarted}
     * before and {@link CrawlFinished} after, both naming {@code editor}.
     */
    public CrawlReport crawl(CrawlRequest request, CrawlProgress progress, String editor) {
        knowledge.publish(new CrawlStarted(request, editor));
        CrawlReport report = new Crawl(request, progress).run();
        knowledge.publish(new CrawlFinished(request, report, editor));
        return report;
    }

    /** One crawl's state: its queue, what it has seen, each host's robots.txt and the running totals. */
    private final class Crawl {
        private final CrawlRequest request;
        private final CrawlProgress progress;
        private final PageFetcher fetcher;
        private final ArrayDeque<URI> queue = new ArrayDeque<>();
        private final Set<URI> seen = new HashSet<>();
        private final Map<String, RobotsRules> robots = new HashMap<>();
        private final Set<String> contactedHosts = new HashSet<>();
        private final List<String> problems = new ArrayList<>();
        private int done;
        private int pages;
        private int created;
        private int updated;
        private int unchanged;
        private int skippedRobots;
        private int errors;
        private int gone;
        private int keptEdits;

        Crawl(CrawlRequest request, CrawlProgress progress) {
            this.request = request;
            this.progress = progress;
            this.fetcher = new PageFetcher(
                    settings.userAgent(),
                    settings.timeout(),
                    settings.maxPageSize().toBytes(),
                    settings.maxRedirects(),
                    CrawlableAddresses.allowing(settings.allowedInternalHosts()));
        }

        CrawlReport run() {
            try (fetcher) {
                return crawl();
            }
        }

        private CrawlReport crawl() {
            enqueue(request.start());
            readSitemaps();
            for (String known : sources.knownPages()) {
                try {
                    enqueue(URI.create(known));
                } catch (IllegalArgumentException e) {
                    // a page recorded by hand with a malformed URL: nothing to revisit
                }
            }
            while (!queue.isEmpty() && done < request.maxPages()) {
                visit(queue.removeFirst());
            }
            if (created + updated > 0) {
                knowledge.synchroniseIndex();
            }
            return new CrawlReport(
                    pages, created, updated, unchanged, skippedRobots, errors, gone, keptEdits, problems);
        }

        private void enqueue(URI url) {
            if (request.allows(url) && seen.add(normalised(url))) {
                queue.addLast(url);
            }
        }

        private void readSitemaps() {
            URI start = request.start();
            Set<URI> sitemaps = new LinkedHashSet<>();
            for (String listed : robotsFor(start).sitemaps()) {
                try {
                    sitemaps.add(start.resolve(listed));
                } catch (IllegalArgumentException e) {
                    // a malformed Sitemap line
                }
            }
            sitemaps.add(start.resolve("/sitemap.xml"));
            ArrayDeque<URI> toRead = new ArrayDeque<>(sitemaps);
            Set<URI> read = new HashSet<>();
            while (!toRead.isEmpty() && read.size() < MAX_SITEMAPS) {
                URI sitemap = toRead.removeFirst();
                if (!request.allows(sitemap)
                        || !read.add(sitemap)
                        || !robotsFor(sitemap).allows(pathOf(sitemap))) {
                    continue;
                }
                if (politely(sitemap.getHost())
                        && fetcher.fetch(sitemap, XML, request::allows) instanceof PageFetcher.Body body) {
                    Sitemap listed = Sitemap.parse(body.bytes(), body.url());
                    listed.pages().forEach(this::enqueue);
                    toRead.addAll(listed.sitemaps());
                }
                // no sitemap is normal: the crawl follows links from the start page
            }
        }

        private void visit(URI url) {
            done++;
            if (!robotsFor(url).allows(pathOf(url))) {
                skippedRobots++;
                progress.visited(url, "skipped: robots.txt", done, queue.size());
                return;
            }
            if (!politely(url.getHost())) {
                return;
            }
            PageFetcher.Fetched fetched = fetcher.fetch(url, HTML, request::allows);
            if (fetched instanceof PageFetcher.Failed failed) {
                fail(url, failed.reason());
                if (failed.gone()) {
                    gone += flagGone(url.toString(), Set.of());
                }
                return;
            }
            PageFetcher.Body body = (PageFetcher.Body) fetched;
            try {
                Document page = Jsoup.parse(
                        new ByteArrayInputStream(body.bytes()),
                        body.charset() == null ? null : body.charset().name(),
                        body.url().toString());
                FaqExtractor.links(page).forEach(this::enqueue);
                String outcome = save(body.url(), FaqExtractor.extract(page));
                pages++;
                progress.visited(url, outcome, done, queue.size());
            } catch (IOException | RuntimeException e) {
                // Jsoup copes with broken markup; this is a failure to save, already rolled back.
                log.warn("Could not take FAQs from {}", LoggedValue.of(url), e);
                fail(url, "could not be saved (" + e.getClass().getSimpleName() + ")");
            }
        }

        private void fail(URI url, String reason) {
            errors++;
            problems.add(url + ": " + reason);
            progress.visited(url, "error: " + reason, done, queue.size());
        }

        /** Saves one page's FAQs in one transaction; the totals change only once it has committed. */
        private String save(URI pageUrl, List<FaqExtractor.Extracted> extracted) {
            String page = pageUrl.toString();
            OffsetDateTime now = OffsetDateTime.now(clock);
            int[] counts = transactions.execute(transaction -> {
                int[] c = new int[5];
                Set<String> found = new HashSet<>();
                for (FaqExtractor.Extracted entry : extracted) {
                    String id = idFor(page, entry.question());
                    String hash = hash(entry.question() + "\n" + entry.answerHtml());
                    found.add(id);
                    Optional<Faq> existing = faqs.findById(id);
                    Optional<CrawlSource> source = sources.find(id);
                    if (existing.isPresent()
                            && source.isPresent()
                            && source.get().contentHash().equals(hash)) {
                        c[2]++;
                        sources.record(id, page, now, hash);
                    } else if (existing.isPresent() && editedSinceCrawled(existing.get(), source)) {
                        // The editor's words win: flag the change for them to compare instead of overwriting.
                        sources.pageChangedSinceEdit(id, now);
                        c[4]++;
                    } else {
                        // --publish is for new FAQs: an update keeps what an editor chose (draft, archived)
                        Faq.FaqStatus status = existing.map(Faq::status)
                                .orElse(request.publish() ? Faq.FaqStatus.PUBLISHED : Faq.FaqStatus.DRAFT);
                        Faq stored = knowledge.store(
                                new FaqDraft(
                                                id,
                                                existing.map(Faq::serviceArea).orElse(serviceArea(pageUrl)),
                                                entry.question(),
                                                existing.map(Faq::phrasings).orElse(List.of()),
                                                entry.answerHtml(),
                                                page,
                                                status,
                                                existing.map(Faq::language).orElse("en"))
                                        .forCouncil(existing.map(Faq::councilId).orElse(request.councilId())),
                                CRAWLER);
                        c[existing.isPresent() ? 1 : 0]++;
                        sources.record(id, page, now, hash);
                        sources.rememberVersion(id, stored.version());
                    }
                }
                c[3] = flagGone(page, found);
                return c;
            });
            created += counts[0];
            updated += counts[1];
            unchanged += counts[2];
            gone += counts[3];
            keptEdits += counts[4];
            return extracted.size() + " FAQ" + (extracted.size() == 1 ? "" : "s") + ": " + counts[0] + " new, "
                    + counts[1] + " changed, " + counts[2] + " unchanged"
                    + (counts[4] == 0 ? "" : ", " + counts[4] + " changed on the page since an editor's edit");
        }

        /**
         * True when someone other than the crawl has saved the FAQ since the crawl last wrote it: its version has
         * moved on, or (for FAQs crawled before versions were recorded) its last save was not the crawl's.
         */
        private boolean editedSinceCrawled(Faq faq, Optional<CrawlSource> source) {
            Integer crawledVersion = source.map(CrawlSource::faqVersion).orElse(null);
            return crawledVersion == null ? !CRAWLER.equals(faq.updatedBy()) : faq.version() != crawledVersion;
        }

        /** Flags the FAQs once taken from {@code page} that it no longer has (all of them when it has gone). */
        private int flagGone(String page, Set<String> stillThere) {
            List<String> missing = sources.fromPage(page).stream()
                    .map(CrawlSource::faqId)
                    .filter(id -> !stillThere.contains(id))
                    .toList();
            return sources.markGone(missing, OffsetDateTime.now(clock));
        }

        private RobotsRules robotsFor(URI url) {
            String origin = url.getScheme() + "://" + url.getRawAuthority();
            return robots.computeIfAbsent(origin, o -> {
                URI robotsTxt = URI.create(o + "/robots.txt");
                if (!politely(url.getHost())) {
                    return RobotsRules.disallowAll();
                }
                return switch (fetcher.fetch(robotsTxt, TEXT, request::allows)) {
                    case PageFetcher.Body body ->
                        RobotsRules.parse(new String(body.bytes(), StandardCharsets.UTF_8), settings.userAgent());
                    case PageFetcher.Failed failed when failed.status() >= 500 -> RobotsRules.disallowAll();
                    case PageFetcher.Failed failed -> RobotsRules.allowAll();
                };
            });
        }

        /** Waits before a request to a host it has already asked something; false when interrupted. */
        private boolean politely(String host) {
            if (contactedHosts.add(host.toLowerCase(Locale.ROOT))) {
                return true;
            }
            Duration delay = settings.delay();
            RobotsRules rules = robots.values().isEmpty() ? null : robotsOfHost(host);
            if (rules != null
                    && rules.crawlDelay().isPresent()
                    && rules.crawlDelay().get().compareTo(delay) > 0) {
                delay = rules.crawlDelay().get();
            }
            if (delay.isZero() || delay.isNegative()) {
                return true;
            }
            try {
                pause.pause(delay);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                queue.clear();
                return false;
            }
        }

        private RobotsRules robotsOfHost(String host) {
            return robots.entrySet().stream()
                    .filter(e -> URI.create(e.getKey()).getHost().equalsIgnoreCase(host))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null);
        }
    }

    private static URI normalised(URI url) {
        String path = url.getPath() == null || url.getPath().isEmpty() ? "/" : url.getPath();
        return URI.create(url.getScheme().toLowerCase(Locale.ROOT) + "://"
                + url.getRawAuthority().toLowerCase(Locale.ROOT) + path
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
    }

    private static String pathOf(URI url) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }

    /** The same question on the same page keeps its id from crawl to crawl, so a re-crawl finds it. */
    static String idFor(String page, String question) {
        return "web-" + hash(page + "\n" + question.toLowerCase(Locale.ROOT)).substring(0, 24);
    }

    /** The first part of the page's path ("/council-tax/pay" is council-tax), else "general". */
    static String serviceArea(URI page) {
        String path = page.getPath() == null ? "" : page.getPath();
        String first = path.replaceFirst("^/+", "").split("/")[0].replaceFirst("\\.[a-z]+$", "");
        String area =
                first.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return area.isEmpty() ? "general" : area.substring(0, Math.min(60, area.length()));
    }

    static String hash(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
