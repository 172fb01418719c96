package org.councilchat.knowledge.evaluation;

import java.util.List;
import java.util.Set;
import org.councilchat.knowledge.RetrievalReport;

/** Adds up how each query went into the figures of a {@link RetrievalReport}. */
public final class Scoreboard {

    private final double threshold;
    private int queries;
    private int correctFirst;
    private double reciprocalRanks;
    private int inTopFive;
    private int answered;
    private int answeredCorrectly;

    public Scoreboard(double threshold) {
        this.threshold = threshold;
    }

    /**
     * Records one query.
     *
     * @param ranked the FAQ ids found, best first
     * @param topConfidence the confidence of the first one (ignored when none was found)
     * @param correct the ids of the FAQs that answer the query
     */
    public void record(List<String> ranked, double topConfidence, Set<String> correct) {
        queries++;
        int rank = 0;
        for (int i = 0; i < Math.min(10, ranked.size()); i++) {
            if (correct.contains(ranked.get(i))) {
                rank = i + 1;
                break;
            }
        }
        if (rank == 1) {
            correctFirst++;
        }
        if (rank > 0) {
            reciprocalRanks += 1.0 / rank;
        }
        if (rank > 0 && rank <= 5) {
            inTopFive++;
        }
        if (!ranked.isEmpty() && topConfidence >= threshold) {
            answered++;
            if (rank == 1) {
                answeredCorrectly++;
            }
        }
    }

    public RetrievalReport report() {
        return new RetrievalReport(
                queries,
                share(correctFirst, queries),
                queries == 0 ? 0 : reciprocalRanks / queries,
                share(inTopFive, queries),
                share(answered, queries),
                answered == 0 ? 1 : share(answeredCorrectly, answered),
                threshold);
    }

    private static double share(int count, int of) {
        return of == 0 ? 0 : (double) count / of;
    }
}
