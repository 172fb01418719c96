package org.councilchat.engine;

/** Hears how far training has got, for a progress display. Called from training threads. */
@FunctionalInterface
public interface TrainingProgress {

    TrainingProgress SILENT = (stage, done, total) -> {};

    /** {@code done} of {@code total} steps of {@code stage} ("svm", "maxent", ...) are finished. */
    void update(String stage, int done, int total);

    /** A choice training made on held-out examples, in words ("embedding scale 2: 92.5 % right"). */
    default void chose(String what) {}
}
