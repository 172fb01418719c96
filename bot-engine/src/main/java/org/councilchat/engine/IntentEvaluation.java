package org.councilchat.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How well an intent model did on a test set: the headline figures, one line per intent, and how long
 * training and single-message predictions took. Out-of-scope figures are null when the test data has no
 * {@code oos} intent.
 */
public record IntentEvaluation(
        int examples,
        double accuracy,
        double macroF1,
        Double inScopeAccuracy,
        Double outOfScopeRecall,
        double trainSeconds,
        double predictP50Millis,
        double predictP99Millis,
        List<IntentFigures> intents) {

    public IntentEvaluation {
        intents = List.copyOf(intents);
    }

    /** One intent's precision, recall and F1 on the test set, and what its examples were mistaken for. */
    public record IntentFigures(
            String intent, int support, double precision, double recall, double f1, List<Confusion> confusions) {

        public IntentFigures {
            confusions = List.copyOf(confusions);
        }
    }

    /** {@code count} test examples of one intent were predicted as {@code predicted}. */
    public record Confusion(String predicted, int count) {}

    /** The per-intent report, worst F1 first, as lines of text for a terminal. */
    public List<String> report() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                Locale.ROOT,
                "%-36s %7s %9s %7s %7s  %s",
                "intent",
                "support",
                "precision",
                "recall",
                "f1",
                "mistaken for"));
        intents.stream()
                .sorted((a, b) -> Double.compare(a.f1(), b.f1()))
                .forEach(figures -> lines.add(String.format(
                        Locale.ROOT,
                        "%-36s %7d %9.3f %7.3f %7.3f  %s",
                        figures.intent(),
                        figures.support(),
                        figures.precision(),
                        figures.recall(),
                        figures.f1(),
                        String.join(
                                ", ",
                                figures.confusions().stream()
                                        .map(c -> c.predicted() + " x" + c.count())
                                        .toList()))));
        return lines;
    }

    /** The headline figures as one line of JSON, in the order the issue lists them. */
    public String json() {
        StringBuilder json = new StringBuilder("{\"examples\": ").append(examples);
        field(json, "accuracy", accuracy);
        field(json, "macro_f1", macroF1);
        if (inScopeAccuracy != null) {
            field(json, "in_scope_accuracy", inScopeAccuracy);
        }
        if (outOfScopeRecall != null) {
            field(json, "oos_recall", outOfScopeRecall);
        }
        field(json, "train_seconds", trainSeconds);
        field(json, "predict_p50_ms", predictP50Millis);
        field(json, "predict_p99_ms", predictP99Millis);
        return json.append('}').toString();
    }

    private static void field(StringBuilder json, String name, double value) {
        json.append(", \"").append(name).append("\": ").append(String.format(Locale.ROOT, "%.4f", value));
    }
}
