package org.councilchat.knowledge;

import java.util.Locale;

/**
 * How well FAQ search did on a set of labelled queries. Every figure is a share of queries, in [0,1].
 *
 * @param queries distinct queries run
 * @param pAt1 the top hit is a correct FAQ
 * @param mrrAt10 mean of 1/rank of the first correct FAQ in the top 10 (0 when none is)
 * @param successAt5 a correct FAQ is in the top 5
 * @param answered the top hit clears the confidence threshold, so the chat would answer with it
 * @param answeredPrecision of the answered queries, the share answered with a correct FAQ (1 when none was)
 * @param threshold the confidence threshold used for {@code answered}
 */
public record RetrievalReport(
        int queries,
        double pAt1,
        double mrrAt10,
        double successAt5,
        double answered,
        double answeredPrecision,
        double threshold) {

    /** The figures as one line of JSON, the last line {@code kb eval} prints. */
    public String toJson() {
        return String.format(
                Locale.ROOT,
                "{\"queries\": %d, \"p_at_1\": %.4f, \"mrr_at_10\": %.4f, \"success_at_5\": %.4f,"
                        + " \"answered\": %.4f, \"answered_precision\": %.4f}",
                queries,
                pAt1,
                mrrAt10,
                successAt5,
                answered,
                answeredPrecision);
    }
}
