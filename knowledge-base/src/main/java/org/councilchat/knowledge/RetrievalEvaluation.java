package org.councilchat.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.councilchat.knowledge.evaluation.FaqFile;
import org.councilchat.knowledge.evaluation.LabelledQueries;
import org.councilchat.knowledge.evaluation.Scoreboard;
import org.councilchat.knowledge.index.CouncilSynonyms;
import org.councilchat.knowledge.index.FaqIndex;
import org.councilchat.knowledge.index.SentenceEmbeddings;

/**
 * Measures FAQ search on labelled queries ({@code kb eval}): indexes the FAQs of a JSON Lines file in a
 * temporary index built exactly as the chat's (same analyzer, synonyms, embeddings and fusion), runs every
 * query of a {@code query,faq_id} CSV file and scores the ranked hits.
 *
 * @param threshold the confidence an answer needs (the configured default unless told otherwise)
 * @param semantic whether sentence embeddings are used, as in the chat; false measures words (BM25) alone
 * @param progress told what is happening, a line at a time
 */
public record RetrievalEvaluation(double threshold, boolean semantic, Consumer<String> progress) {

    /** The default threshold, with embeddings, as the chat searches. */
    public static RetrievalEvaluation asTheChatSearches(Consumer<String> progress) {
        return new RetrievalEvaluation(KnowledgeProperties.DEFAULT_CONFIDENCE_THRESHOLD, true, progress);
    }

    /**
     * Runs the evaluation.
     *
     * @throws EvaluationDataInvalid naming the file and line when an input cannot be used
     */
    public RetrievalReport run(Path faqFile, Path queryFile) {
        List<Faq> faqs = FaqFile.read(faqFile);
        Map<String, Set<String>> queries =
                LabelledQueries.read(queryFile, faqs.stream().map(Faq::id).collect(Collectors.toSet()));
        Path location = temporaryDirectory();
        try (FaqIndex index =
                new FaqIndex(location, CouncilSynonyms.builtIn(), semantic ? SentenceEmbeddings.shared() : null)) {
            long started = System.nanoTime();
            index.rebuild(faqs, "evaluation");
            progress.accept(String.format("Indexed %d FAQs from %s in %.1f s", faqs.size(), faqFile, seconds(started)));
            started = System.nanoTime();
            Scoreboard scoreboard = new Scoreboard(threshold);
            queries.forEach((query, correct) -> {
                List<FaqIndex.IndexHit> hits = index.search(query, 10);
                scoreboard.record(
                        hits.stream().map(FaqIndex.IndexHit::faqId).toList(),
                        hits.isEmpty() ? 0 : hits.getFirst().confidence(),
                        correct);
            });
            progress.accept(
                    String.format("Ran %d queries from %s in %.1f s", queries.size(), queryFile, seconds(started)));
            return scoreboard.report();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(location);
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("council-chat-kb-eval");
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
            // A temporary directory left behind is not worth failing the evaluation for.
        }
    }
}
