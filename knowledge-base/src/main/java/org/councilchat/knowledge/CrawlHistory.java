package org.councilchat.knowledge;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;

/**
 * The crawls editors started, with their reports, kept in the database so that the last one is still there
 * after a restart: what it found and every web address that could not be used.
 */
@Service
public class CrawlHistory {

    /** Problems kept per crawl: enough for an editor to act on, not a whole broken site's worth. */
    static final int MOST_PROBLEMS = 500;

    private static final int FAILURE_LENGTH = 500;

    private final JdbcClient jdbc;

    public CrawlHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A crawl as it was recorded. {@code report} is null unless it finished; {@code failure} is why it did not. */
    public record PastCrawl(
            String councilId,
            String startUrl,
            int maxPages,
            String startedBy,
            OffsetDateTime startedAt,
            Outcome outcome,
            OffsetDateTime finishedAt,
            CrawlReport report,
            String failure) {}

    public enum Outcome {
        RUNNING,
        FINISHED,
        FAILED
    }

    /** Records a crawl as started; returns its id for {@link #finished} or {@link #failed}. */
    public long started(CrawlRequest request, String councilId, String editor, OffsetDateTime at) {
        KeyHolder id = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO crawl_run (council_id, start_url, max_pages, started_by, started_at, outcome)
                        VALUES (?, ?, ?, ?, ?, 'RUNNING')""")
                .params(councilId, request.start().toString(), request.maxPages(), editor, at)
                .update(id, "id");
        return id.getKeyAs(Number.class).longValue();
    }

    public void finished(long crawl, CrawlReport report, OffsetDateTime at) {
        List<String> problems = report.problems();
        String kept = String.join(
                "\n",
                problems.subList(0, Math.min(MOST_PROBLEMS, problems.size())).stream()
                        .map(problem -> problem.replaceAll("\\R", " "))
                        .toList());
        if (problems.size() > MOST_PROBLEMS) {
            kept += "\n… and " + (problems.size() - MOST_PROBLEMS) + " more";
        }
        jdbc.sql("""
                        UPDATE crawl_run SET outcome = 'FINISHED', finished_at = ?, pages = ?, faqs_created = ?,
                            faqs_updated = ?, unchanged = ?, skipped_robots = ?, errors = ?, flagged_gone = ?,
                            kept_edits = ?, problems = ?
                        WHERE id = ?""")
                .params(
                        at,
                        report.pages(),
                        report.faqsCreated(),
                        report.faqsUpdated(),
                        report.unchanged(),
                        report.skippedRobots(),
                        report.errors(),
                        report.flaggedGone(),
                        report.keptEdits(),
                        kept,
                        crawl)
                .update();
    }

    public void failed(long crawl, String why, OffsetDateTime at) {
        jdbc.sql("UPDATE crawl_run SET outcome = 'FAILED', finished_at = ?, failure = ? WHERE id = ?")
                .params(at, why.length() > FAILURE_LENGTH ? why.substring(0, FAILURE_LENGTH) : why, crawl)
                .update();
    }

    /** The crawl started last, if any. */
    public Optional<PastCrawl> latest() {
        return jdbc.sql("SELECT * FROM crawl_run ORDER BY started_at DESC, id DESC LIMIT 1")
                .query((row, n) -> {
                    Outcome outcome = Outcome.valueOf(row.getString("outcome"));
                    String problems = row.getString("problems");
                    CrawlReport report = outcome != Outcome.FINISHED
                            ? null
                            : new CrawlReport(
                                    row.getInt("pages"),
                                    row.getInt("faqs_created"),
                                    row.getInt("faqs_updated"),
                                    row.getInt("unchanged"),
                                    row.getInt("skipped_robots"),
                                    row.getInt("errors"),
                                    row.getInt("flagged_gone"),
                                    row.getInt("kept_edits"),
                                    problems == null || problems.isEmpty()
                                            ? List.of()
                                            : Arrays.asList(problems.split("\n")));
                    return new PastCrawl(
                            row.getString("council_id"),
                            row.getString("start_url"),
                            row.getInt("max_pages"),
                            row.getString("started_by"),
                            row.getObject("started_at", OffsetDateTime.class),
                            outcome,
                            row.getObject("finished_at", OffsetDateTime.class),
                            report,
                            row.getString("failure"));
                })
                .optional();
    }
}
