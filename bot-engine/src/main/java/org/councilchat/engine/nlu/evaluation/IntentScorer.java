package org.councilchat.engine.nlu.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.councilchat.engine.IntentClassifier;
import org.councilchat.engine.IntentEvaluation;
import org.councilchat.engine.IntentEvaluation.Confusion;
import org.councilchat.engine.IntentEvaluation.IntentFigures;
import org.councilchat.engine.nlu.TrainingExample;

/**
 * Scores a trained classifier on labelled test messages, one message at a time as the chat would, timing
 * each prediction. Figures follow scikit-learn's definitions so they can sit beside the baseline's: macro
 * F1 over every intent seen in the test data or the predictions, and {@code oos} counted as an intent.
 */
public final class IntentScorer {

    /** Predictions made before timing starts, so the JIT has compiled the hot path. */
    private static final int WARM_UP = 3000;

    private static final int CONFUSIONS_SHOWN = 3;

    private IntentScorer() {}

    public static IntentEvaluation score(
            IntentClassifier classifier, List<TrainingExample> test, double trainSeconds, String outOfScope) {
        if (test.isEmpty()) {
            throw new IllegalArgumentException("There are no test examples");
        }
        for (int i = 0; i < WARM_UP; i++) {
            classifier.classify(test.get(i % test.size()).text());
        }
        String[] predicted = new String[test.size()];
        double[] millis = new double[test.size()];
        for (int i = 0; i < test.size(); i++) {
            long start = System.nanoTime();
            predicted[i] = classifier.classify(test.get(i).text()).top().intent();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);

        TreeSet<String> labels = new TreeSet<>();
        Map<String, int[]> counts = new HashMap<>(); // true positives, predicted, gold
        Map<String, Map<String, Integer>> confusions = new HashMap<>();
        int right = 0;
        int inScope = 0;
        int inScopeRight = 0;
        int outOfScopeTotal = 0;
        int outOfScopeCaught = 0;
        for (int i = 0; i < test.size(); i++) {
            String gold = test.get(i).intent();
            labels.add(gold);
            labels.add(predicted[i]);
            counts.computeIfAbsent(gold, k -> new int[3])[2]++;
            counts.computeIfAbsent(predicted[i], k -> new int[3])[1]++;
            if (gold.equals(predicted[i])) {
                right++;
                counts.get(gold)[0]++;
            } else {
                confusions.computeIfAbsent(gold, k -> new HashMap<>()).merge(predicted[i], 1, Integer::sum);
            }
            if (gold.equals(outOfScope)) {
                outOfScopeTotal++;
                outOfScopeCaught += predicted[i].equals(outOfScope) ? 1 : 0;
            } else {
                inScope++;
                inScopeRight += gold.equals(predicted[i]) ? 1 : 0;
            }
        }
        List<IntentFigures> figures = new ArrayList<>();
        double f1Sum = 0;
        for (String label : labels) {
            int[] c = counts.get(label);
            double precision = c[1] == 0 ? 0 : c[0] / (double) c[1];
            double recall = c[2] == 0 ? 0 : c[0] / (double) c[2];
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            f1Sum += f1;
            List<Confusion> top = confusions.getOrDefault(label, Map.of()).entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(CONFUSIONS_SHOWN)
                    .map(e -> new Confusion(e.getKey(), e.getValue()))
                    .toList();
            figures.add(new IntentFigures(label, c[2], precision, recall, f1, top));
        }
        boolean hasOutOfScope = outOfScopeTotal > 0;
        return new IntentEvaluation(
                test.size(),
                right / (double) test.size(),
                f1Sum / labels.size(),
                hasOutOfScope ? inScopeRight / (double) Math.max(1, inScope) : null,
                hasOutOfScope ? outOfScopeCaught / (double) outOfScopeTotal : null,
                trainSeconds,
                percentile(millis, 50),
                percentile(millis, 99),
                figures);
    }

    /** Linear interpolation between ranks, as numpy's default percentile. */
    private static double percentile(double[] sorted, double percent) {
        double rank = percent / 100 * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }
}
