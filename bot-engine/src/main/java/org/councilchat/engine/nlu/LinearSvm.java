package org.councilchat.engine.nlu;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.councilchat.engine.nlu.TextFeatures.SparseVector;

/**
 * One-vs-rest linear SVMs (L2-regularised squared hinge loss, liblinear's dual coordinate descent: what
 * scikit-learn's {@code LinearSVC} runs). The classes are trained side by side on the available cores.
 * Weights are kept feature-major so scoring a sparse message touches one short row per feature.
 */
final class LinearSvm {

    static {
        Linear.disableDebugOutput();
    }

    private final int classes;
    private final int features;
    private final float[] weights; // [feature * classes + class]
    private final float[] bias;

    private LinearSvm(int classes, int features, float[] weights, float[] bias) {
        this.classes = classes;
        this.features = features;
        this.weights = weights;
        this.bias = bias;
    }

    /**
     * Trains on vectors labelled {@code 0..classes-1}; {@code done} hears each finished class. At most
     * {@code maxIterations} passes of coordinate descent are made per class.
     * NOTE: the problem is held once in liblinear's node objects, about 40 bytes per non-zero feature.
     */
    static LinearSvm train(
            List<SparseVector> vectors,
            int[] labels,
            int classes,
            int features,
            double c,
            int maxIterations,
            IntConsumer done) {
        Problem problem = new Problem();
        problem.l = vectors.size();
        problem.n = features + 1;
        problem.bias = 1;
        problem.x = new Feature[vectors.size()][];
        for (int i = 0; i < vectors.size(); i++) {
            SparseVector vector = vectors.get(i);
            Feature[] nodes = new Feature[vector.index().length + 1];
            for (int j = 0; j < vector.index().length; j++) {
                nodes[j] = new FeatureNode(vector.index()[j] + 1, vector.value()[j]);
            }
            nodes[nodes.length - 1] = new FeatureNode(features + 1, 1);
            problem.x[i] = nodes;
        }
        float[] weights = new float[features * classes];
        float[] bias = new float[classes];
        int threads = Math.max(1, Math.min(classes, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "svm-training");
            thread.setDaemon(true);
            return thread;
        });
        AtomicInteger finished = new AtomicInteger();
        try {
            List<Future<?>> jobs = new java.util.ArrayList<>();
            for (int k = 0; k < classes; k++) {
                int target = k;
                jobs.add(pool.submit(() -> {
                    Problem binary = new Problem();
                    binary.l = problem.l;
                    binary.n = problem.n;
                    binary.bias = problem.bias;
                    binary.x = problem.x;
                    binary.y = new double[problem.l];
                    for (int i = 0; i < problem.l; i++) {
                        binary.y[i] = labels[i] == target ? 1 : -1;
                    }
                    Parameter parameter = new Parameter(SolverType.L2R_L2LOSS_SVC_DUAL, c, 0.1);
                    parameter.setMaxIters(maxIterations);
                    Model model = Linear.train(binary, parameter);
                    // liblinear's binary model scores its first-seen label positive
                    double sign = model.getLabels()[0] == 1 ? 1 : -1;
                    double[] w = model.getFeatureWeights();
                    for (int f = 0; f < features; f++) {
                        weights[f * classes + target] = (float) (sign * w[f]);
                    }
                    bias[target] = (float) (sign * w[features]);
                    done.accept(finished.incrementAndGet());
                }));
            }
            for (Future<?> job : jobs) {
                job.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Training was interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Training the SVM failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new LinearSvm(classes, features, weights, bias);
    }

    /** Each class's decision value: above zero means the SVM votes for it. */
    double[] scores(SparseVector vector) {
        double[] scores = new double[classes];
        for (int k = 0; k < classes; k++) {
            scores[k] = bias[k];
        }
        int[] index = vector.index();
        float[] value = vector.value();
        for (int j = 0; j < index.length; j++) {
            int row = index[j] * classes;
            float x = value[j];
            for (int k = 0; k < classes; k++) {
                scores[k] += weights[row + k] * x;
            }
        }
        return scores;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(classes);
        out.writeInt(features);
        for (float w : weights) {
            out.writeFloat(w);
        }
        for (float b : bias) {
            out.writeFloat(b);
        }
    }

    static LinearSvm read(DataInputStream in) throws IOException {
        int classes = in.readInt();
        int features = in.readInt();
        float[] weights = new float[classes * features];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = in.readFloat();
        }
        float[] bias = new float[classes];
        for (int i = 0; i < classes; i++) {
            bias[i] = in.readFloat();
        }
        return new LinearSvm(classes, features, weights, bias);
    }
}
