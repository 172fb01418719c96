package org.councilchat.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.councilchat.knowledge.evaluation.FaqFile;
import org.councilchat.knowledge.evaluation.LabelledQueries;
import org.councilchat.knowledge.index.CouncilSynonyms;
import org.councilchat.knowledge.index.FaqIndex;
import org.councilchat.knowledge.index.SentenceEmbeddings;

/**
 * Measures FAQ search speed ({@code kb bench}): builds an index of {@code size} FAQs, exactly as the chat
 * does (embeddings included), from the FAQs of one or more JSON Lines files, then times every query of the
 * query files one after another, each including the embedding of the query.
 *
 * <p>The files hold far fewer FAQs than {@code size}, so the index is filled with variants: variant k of
 * FAQ i keeps its answer and gets its question with the question of another FAQ, (i + k) mod n, appended
 * in brackets. Every variant is a distinct text with its own vectors and its own postings, so the index has
 * the size and term statistics of a large FAQ set, though not the variety of a real one.
 *
 * @param size how many FAQs to index
 * @param warmUpSearches searches run and not timed first, so the JIT and caches are warm
 * @param progress told what is happening, a line at a time
 */
public record RetrievalBenchmark(int size, int warmUpSearches, Consumer<String> progress) {

    /** The figures: indexing throughput and search latency percentiles. */
    public record Figures(
            int faqs,
            double indexSeconds,
            int searches,
            double p50Millis,
            double p99Millis,
            double maxMillis,
            double cpuP50Millis,
            double cpuP99Millis) {

        public double faqsPerSecond() {
            return faqs / indexSeconds;
        }

        /** The figures as one line of JSON, the last line {@code kb bench} prints. */
        public String toJson() {
            return String.format(
                    Locale.ROOT,
                    "{\"faqs\": %d, \"index_seconds\": %.1f, \"faqs_per_second\": %.1f, \"searches\": %d,"
                            + " \"p50_ms\": %.2f, \"p99_ms\": %.2f, \"max_ms\": %.2f, \"cpu_p50_ms\": %.2f,"
                            + " \"cpu_p99_ms\": %.2f}",
                    faqs,
                    indexSeconds,
                    faqsPerSecond(),
                    searches,
                    p50Millis,
                    p99Millis,
                    maxMillis,
                    cpuP50Millis,
                    cpuP99Millis);
        }
    }

    /**
     * Runs the benchmark.
     *
     * @throws EvaluationDataInvalid naming the file and line when an input cannot be used
     */
    public Figures run(List<Path> faqFiles, List<Path> queryFiles) {
        List<Faq> sources = new ArrayList<>();
        faqFiles.forEach(file -> sources.addAll(FaqFile.read(file)));
        Set<String> ids = sources.stream().map(Faq::id).collect(Collectors.toSet());
        List<String> queries = new ArrayList<>();
        queryFiles.forEach(
                file -> queries.addAll(LabelledQueries.read(file, ids).keySet()));
        List<Faq> faqs = variants(sources);
        Path location = temporaryDirectory();
        try (FaqIndex index = new FaqIndex(location, CouncilSynonyms.builtIn(), SentenceEmbeddings.shared())) {
            progress.accept("Indexing " + faqs.size() + " FAQs (" + sources.size() + " originals and variants) ...");
            long started = System.nanoTime();
            index.rebuild(faqs, "benchmark");
            double indexSeconds = (System.nanoTime() - started) / 1e9;
            progress.accept(String.format(Locale.ROOT, "Indexed in %.1f s", indexSeconds));
            for (int i = 0; i < warmUpSearches; i++) {
                index.search(queries.get(i % queries.size()), 10);
            }
            progress.accept("Timing " + queries.size() + " searches, one at a time ...");
            // Wall time is what a resident waits; CPU time of the searching thread and of the spare core's
            // thread that embeds the query meanwhile is what the search costs when the machine is not also
            // busy with other work. (The process's CPU clock ticks in 10 ms steps here: too coarse.)
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long[] embedding = Arrays.stream(threads.getThreadInfo(threads.getAllThreadIds()))
                    .filter(Objects::nonNull)
                    .filter(thread -> thread.getThreadName().startsWith(SentenceEmbeddings.AHEAD_THREAD))
                    .mapToLong(ThreadInfo::getThreadId)
                    .toArray();
            double[] millis = new double[queries.size()];
            double[] cpuMillis = new double[queries.size()];
            for (int i = 0; i < queries.size(); i++) {
                long cpuStart = cpuTime(threads, embedding);
                long start = System.nanoTime();
                index.search(queries.get(i), 10);
                millis[i] = (System.nanoTime() - start) / 1e6;
                cpuMillis[i] = (cpuTime(threads, embedding) - cpuStart) / 1e6;
            }
            Arrays.sort(millis);
            Arrays.sort(cpuMillis);
            return new Figures(
                    faqs.size(),
                    indexSeconds,
                    millis.length,
                    percentile(millis, 50),
                    percentile(millis, 99),
                    millis[millis.length - 1],
                    percentile(cpuMillis, 50),
                    percentile(cpuMillis, 99));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(location);
        }
    }

    private static long cpuTime(ThreadMXBean threads, long[] embedding) {
        long nanos = threads.getCurrentThreadCpuTime();
        for (long thread : embedding) {
            nanos += Math.max(0, threads.getThreadCpuTime(thread));
        }
        return nanos;
    }

    private List<Faq> variants(List<Faq> sources) {
        List<Faq> faqs = new ArrayList<>(size);
        int n = sources.size();
        for (int i = 0; faqs.size() < size; i++) {
            Faq original = sources.get(i % n);
            int k = i / n;
            if (k == 0) {
                faqs.add(original);
                continue;
            }
            Faq other = sources.get((i % n + k) % n);
            faqs.add(new Faq(
                    original.id() + "-v" + k,
                    original.serviceArea(),
                    original.question() + " (" + other.question() + ")",
                    original.phrasings(),
                    original.answerHtml(),
                    original.sourceUrl(),
                    original.status(),
                    original.language(),
                    original.version(),
                    original.updatedAt(),
                    original.updatedBy()));
        }
        return faqs;
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("council-chat-kb-bench");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary index directory", e);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // A temporary directory left behind is not worth failing the benchmark for.
        }
    }
}
