package org.councilchat.knowledge.editor;

import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.councilchat.councils.Councils;
import org.councilchat.knowledge.CrawlHistory;
import org.councilchat.knowledge.CrawlProgress;
import org.councilchat.knowledge.CrawlReport;
import org.councilchat.knowledge.CrawlRequest;
import org.councilchat.knowledge.LoggedValue;
import org.councilchat.knowledge.WebsiteCrawler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Crawls started from the editor, run in the background one at a time, with their progress for the page to poll.
 * The last crawl's outcome is kept in the database ({@link CrawlHistory}), so its report is still there after a
 * restart; the pages it has just dealt with are only shown while it runs.
 */
@Component
class EditorCrawls implements DisposableBean {

    /** URLs the progress view lists, the most recent last. */
    private static final int RECENT = 8;

    private static final Logger log = LoggerFactory.getLogger(EditorCrawls.class);

    /** One URL the crawl dealt with and what came of it. */
    record Visit(String url, String outcome) {}

    /**
     * Where a crawl is: who started it and when, URLs dealt with, found and not yet dealt with, the most recent
     * few, and at the end its report (or why it stopped).
     */
    record CrawlStatus(
            String councilId,
            boolean running,
            String startUrl,
            String startedBy,
            OffsetDateTime startedAt,
            int maxPages,
            int done,
            int waiting,
            List<Visit> recent,
            CrawlReport report,
            String failure) {

        /** The URLs it will fetch at most, as far as it knows now: for a progress bar. */
        public int expected() {
            return Math.max(done, Math.min(maxPages, done + waiting));
        }
    }

    private final WebsiteCrawler crawler;
    private final CrawlHistory history;
    private final Clock clock;
    private final Councils councils;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "editor-crawl");
        thread.setDaemon(true);
        return thread;
    });
    private Run current;

    EditorCrawls(WebsiteCrawler crawler, CrawlHistory history, Clock clock, Councils councils) {
        this.crawler = crawler;
        this.councils = councils;
        this.history = history;
        this.clock = clock;
    }

    boolean publishesByDefault() {
        return crawler.publishesByDefault();
    }

    /**
     * Starts a crawl in the background, audited as started by {@code editor}.
     *
     * @throws CrawlAlreadyRunning while another crawl is running
     */
    synchronized void start(CrawlRequest asked, String editor) {
        if (current != null && current.status().running()) {
            throw new CrawlAlreadyRunning();
        }
        String council = asked.councilId() == null ? councils.byDefault().id() : asked.councilId();
        CrawlRequest request =
                new CrawlRequest(asked.start(), asked.maxPages(), asked.allowedHosts(), asked.publish(), council);
        OffsetDateTime now = OffsetDateTime.now(clock);
        Run run = new Run(history.started(request, council, editor, now), request, editor, now);
        current = run;
        worker.execute(run::crawl);
    }

    /** The crawl running now, or else the last one, from before a restart too. */
    synchronized Optional<CrawlStatus> status() {
        if (current != null) {
            return Optional.of(current.status());
        }
        return history.latest().map(EditorCrawls::status);
    }

    private static CrawlStatus status(CrawlHistory.PastCrawl past) {
        String failure = switch (past.outcome()) {
            case FINISHED -> null;
            case FAILED -> past.failure();
            // Not this server's: it stopped (or the crawl's host fell over) before the crawl ended.
            case RUNNING -> "The crawl did not finish: the server stopped while it ran. Start it again.";
        };
        int pages = past.report() == null ? 0 : past.report().pages();
        return new CrawlStatus(
                past.councilId(),
                false,
                past.startUrl(),
                past.startedBy(),
                past.startedAt(),
                past.maxPages(),
                pages,
                0,
                List.of(),
                past.report(),
                failure);
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }

    /** One crawl; its fields change on the crawl's thread and are read by the page's. */
    private final class Run implements CrawlProgress {
        private final long id;
        private final CrawlRequest request;
        private final String editor;
        private final OffsetDateTime startedAt;
        private final Deque<Visit> recent = new ArrayDeque<>();
        private boolean running = true;
        private int done;
        private int waiting;
        private CrawlReport report;
        private String failure;

        Run(long id, CrawlRequest request, String editor, OffsetDateTime startedAt) {
            this.id = id;
            this.request = request;
            this.editor = editor;
            this.startedAt = startedAt;
        }

        void crawl() {
            try {
                CrawlReport finished = crawler.crawl(request, this, editor);
                synchronized (this) {
                    report = finished;
                }
                try {
                    history.finished(id, finished, OffsetDateTime.now(clock));
                } catch (RuntimeException e) {
                    // The FAQs it found are saved; only the report will not outlive a restart.
                    log.warn("Could not record the report of the crawl of {}", LoggedValue.of(request.start()), e);
                }
            } catch (RuntimeException e) {
                log.warn("The crawl of {} stopped", LoggedValue.of(request.start()), e);
                String why = "The crawl stopped: " + e.getClass().getSimpleName();
                synchronized (this) {
                    failure = why;
                }
                recordQuietly(why);
            } finally {
                synchronized (this) {
                    running = false;
                }
            }
        }

        private void recordQuietly(String why) {
            try {
                history.failed(id, why, OffsetDateTime.now(clock));
            } catch (RuntimeException e) {
                log.warn("Could not record that the crawl of {} stopped", LoggedValue.of(request.start()), e);
            }
        }

        @Override
        public synchronized void visited(URI url, String outcome, int done, int waiting) {
            this.done = done;
            this.waiting = waiting;
            recent.addLast(new Visit(url.toString(), outcome));
            if (recent.size() > RECENT) {
                recent.removeFirst();
            }
        }

        synchronized CrawlStatus status() {
            return new CrawlStatus(
                    request.councilId(),
                    running,
                    request.start().toString(),
                    editor,
                    startedAt,
                    request.maxPages(),
                    done,
                    waiting,
                    List.copyOf(recent),
                    report,
                    failure);
        }
    }
}
