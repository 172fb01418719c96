package org.councilchat.knowledge.index;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.councilchat.knowledge.Faq;
import org.councilchat.knowledge.RetrievalReport;
import org.councilchat.knowledge.evaluation.FaqFile;
import org.councilchat.knowledge.evaluation.LabelledQueries;
import org.councilchat.knowledge.evaluation.Scoreboard;

/**
 * Tries {@link RankFusion} settings on DEV queries (never test queries): indexes each set once, keeps every
 * query's candidates, then scores each setting without searching again. A tool, not a test:
 * {@code java -cp ... FusionTuning FAQS1 QUERIES1 FAQS2 QUERIES2}.
 */
public final class FusionTuning {

    record QueryCandidates(List<FaqIndex.Candidate> candidates, Set<String> correct) {}

    public static void main(String[] args) throws Exception {
        if (args.length % 2 == 1) {
            // An odd argument: only show the default fusion's figures at several thresholds.
            var sets = candidates(args, RankFusion.DEFAULT);
            thresholds(RankFusion.DEFAULT, sets);
            return;
        }
        double[] answerBoosts = {1.0 / 3, 0.1};
        List<String> lines = new ArrayList<>();
        for (double answerBoost : answerBoosts) {
            RankFusion base = new RankFusion(0.4, 0.1, 0, 0.5, 0.8, 0.2, 0.8, answerBoost);
            List<List<QueryCandidates>> sets = new ArrayList<>();
            for (int i = 0; i < args.length; i += 2) {
                List<Faq> faqs = FaqFile.read(Path.of(args[i]));
                Map<String, Set<String>> queries = LabelledQueries.read(
                        Path.of(args[i + 1]), faqs.stream().map(Faq::id).collect(Collectors.toSet()));
                try (FaqIndex index = new FaqIndex(
                        Files.createTempDirectory("tuning"),
                        CouncilSynonyms.builtIn(),
                        SentenceEmbeddings.shared(),
                        base)) {
                    index.rebuild(faqs, "tuning");
                    List<QueryCandidates> set = new ArrayList<>();
                    queries.forEach(
                            (query, correct) -> set.add(new QueryCandidates(index.candidates(query, 10), correct)));
                    sets.add(set);
                }
            }
            double[] coverage = {0, 0.1, 0.2, 0.3, 0.4, 0.6, 1};
            double[] bm25 = {0, 0.1, 0.2, 0.4, 1};
            double[] allWords = {0, 0.1, 0.2, 0.3, 0.4, 0.6, 1};
            double[] answer = {0, 0.5, 0.8, 1.0};
            double[] floor = {0.2, 0.3};
            for (double c : coverage) {
                for (double b : bm25) {
                    for (double w : allWords) {
                        double s = 1 - c - b - w;
                        if (s < -1e-9) {
                            continue;
                        }
                        for (double a : answer) {
                            for (double f : floor) {
                                RankFusion fusion = new RankFusion(c, b, w, Math.max(0, s), a, f, 0.8, answerBoost);
                                StringBuilder line = new StringBuilder();
                                double sum = 0;
                                for (List<QueryCandidates> set : sets) {
                                    RetrievalReport report = evaluate(fusion, set, 0.6);
                                    sum += report.pAt1();
                                    line.append(String.format(" | p1 %.3f mrr %.3f", report.pAt1(), report.mrrAt10()));
                                }
                                lines.add(String.format("%.4f %s%s", sum, fusion, line));
                            }
                        }
                    }
                }
            }
            if (answerBoost == answerBoosts[0]) {
                thresholds(RankFusion.DEFAULT, sets);
            }
        }
        lines.sort(Comparator.reverseOrder());
        lines.stream().limit(25).forEach(System.out::println);
        System.out.println("-- all words alone");
        lines.stream()
                .filter(l -> l.contains("allWordsWeight=1.0") && l.contains("answerDiscount=0.0, similarityFloor=0.2"))
                .forEach(System.out::println);
        System.out.println("-- best for the last set");
        lines.stream()
                .sorted(Comparator.comparing(l -> l.substring(l.lastIndexOf("p1"))))
                .skip(lines.size() - 10)
                .forEach(System.out::println);
    }

    static List<List<QueryCandidates>> candidates(String[] args, RankFusion fusion) throws Exception {
        List<List<QueryCandidates>> sets = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            List<Faq> faqs = FaqFile.read(Path.of(args[i]));
            Map<String, Set<String>> queries = LabelledQueries.read(
                    Path.of(args[i + 1]), faqs.stream().map(Faq::id).collect(Collectors.toSet()));
            try (FaqIndex index = new FaqIndex(
                    Files.createTempDirectory("tuning"),
                    CouncilSynonyms.builtIn(),
                    SentenceEmbeddings.shared(),
                    fusion)) {
                index.rebuild(faqs, "tuning");
                List<QueryCandidates> set = new ArrayList<>();
                queries.forEach((query, correct) -> set.add(new QueryCandidates(index.candidates(query, 10), correct)));
                sets.add(set);
            }
        }
        return sets;
    }

    static void thresholds(RankFusion chosen, List<List<QueryCandidates>> sets) {
        System.out.println("DEFAULT " + chosen);
        for (List<QueryCandidates> set : sets) {
            for (double t = 0.3; t <= 0.81; t += 0.05) {
                RetrievalReport r = evaluate(chosen, set, t);
                System.out.printf(
                        "  threshold %.2f p1 %.3f answered %.3f precision %.3f%n",
                        t, r.pAt1(), r.answered(), r.answeredPrecision());
            }
        }
    }

    static RetrievalReport evaluate(RankFusion fusion, List<QueryCandidates> set, double threshold) {
        Scoreboard scoreboard = new Scoreboard(threshold);
        for (QueryCandidates query : set) {
            List<FaqIndex.Candidate> ranked = query.candidates().stream()
                    .sorted(Comparator.comparingDouble((FaqIndex.Candidate c) -> fusion.score(c))
                            .reversed())
                    .limit(10)
                    .toList();
            scoreboard.record(
                    ranked.stream().map(FaqIndex.Candidate::faqId).toList(),
                    ranked.isEmpty() ? 0 : fusion.score(ranked.getFirst()),
                    query.correct());
        }
        return scoreboard.report();
    }
}
