package org.councilchat.engine.nlu.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.councilchat.engine.IntentEvaluation;
import org.councilchat.engine.IntentRanking;
import org.councilchat.engine.IntentScore;
import org.councilchat.engine.nlu.TrainingExample;
import org.junit.jupiter.api.Test;

/** The figures of an evaluation, checked against a classifier whose answers are known in advance. */
class IntentScorerTests {

    /** Answers from a fixed table, so every figure can be worked out by hand. */
    private static final Map<String, String> ANSWERS =
            Map.of("a1", "a", "a2", "a", "a3", "b", "b1", "b", "b2", "b", "o1", "oos", "o2", "a");

    private static final List<TrainingExample> TEST = List.of(
            new TrainingExample("a1", "a"),
            new TrainingExample("a2", "a"),
            new TrainingExample("a3", "a"),
            new TrainingExample("b1", "b"),
            new TrainingExample("b2", "b"),
            new TrainingExample("o1", "oos"),
            new TrainingExample("o2", "oos"));

    @Test
    void countsOutOfScopeAsAnIntentAndReportsItsRecallApart() {
        IntentEvaluation evaluation = IntentScorer.score(
                words -> new IntentRanking(List.of(new IntentScore(ANSWERS.get(words), 1.0))), TEST, 1.5, "oos");

        assertThat(evaluation.examples()).isEqualTo(7);
        assertThat(evaluation.accuracy()).isEqualTo(5 / 7.0);
        assertThat(evaluation.inScopeAccuracy()).isEqualTo(4 / 5.0);
        assertThat(evaluation.outOfScopeRecall()).isEqualTo(1 / 2.0);
        // a: p 2/3 r 2/3; b: p 2/3 r 1; oos: p 1 r 1/2
        double f1A = 2 / 3.0;
        double f1B = 2 * (2 / 3.0) / (2 / 3.0 + 1);
        double f1Oos = 2 * 0.5 / 1.5;
        assertThat(evaluation.macroF1()).isCloseTo((f1A + f1B + f1Oos) / 3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(evaluation.intents())
                .filteredOn(figures -> figures.intent().equals("a"))
                .singleElement()
                .satisfies(a -> assertThat(a.confusions()).containsExactly(new IntentEvaluation.Confusion("b", 1)));
    }

    @Test
    void jsonHasTheAgreedFieldsInOrderAndOutOfScopeOnlyWhenTheDataHasIt() {
        IntentEvaluation withOutOfScope = IntentScorer.score(
                words -> new IntentRanking(List.of(new IntentScore(ANSWERS.get(words), 1.0))), TEST, 1.5, "oos");
        assertThat(withOutOfScope.json())
                .matches(
                        "\\{\"examples\": 7, \"accuracy\": 0\\.7143, \"macro_f1\": [0-9.]+, \"in_scope_accuracy\": 0\\.8000,"
                                + " \"oos_recall\": 0\\.5000, \"train_seconds\": 1\\.5000, \"predict_p50_ms\": [0-9.]+,"
                                + " \"predict_p99_ms\": [0-9.]+}");

        IntentEvaluation inScopeOnly = IntentScorer.score(
                words -> new IntentRanking(List.of(new IntentScore(ANSWERS.get(words), 1.0))),
                TEST.subList(0, 5),
                0.25,
                "oos");
        assertThat(inScopeOnly.json())
                .startsWith("{\"examples\": 5, \"accuracy\": 0.8000, \"macro_f1\": ")
                .doesNotContain("in_scope_accuracy")
                .doesNotContain("oos_recall")
                .contains("\"train_seconds\": 0.2500");
        assertThat(inScopeOnly.report().getFirst())
                .contains("precision")
                .contains("recall")
                .contains("f1");
    }
}
