package org.councilchat.engine.nlu;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.councilchat.engine.IntentClassifier;
import org.councilchat.engine.IntentRanking;
import org.councilchat.engine.IntentScore;
import org.councilchat.engine.TrainingProgress;
import org.councilchat.engine.nlu.TextFeatures.SparseVector;
import org.councilchat.knowledge.SentenceEmbedder;

/**
 * The intent classifier: tf-idf word and character n-grams scored by an OpenNLP maxent model and by
 * one-vs-rest linear SVMs, blended into one calibrated probability per intent. The SVMs also see the
 * message's sentence embedding (all-MiniLM-L6-v2, 384 dense features), scaled by a factor tuned on held-out
 * examples so that neither the sparse nor the dense block swamps the other; a scale of 0 means the model
 * does without embeddings. The SVM margins become
 * probabilities through a softmax whose temperature, like the blend weight and the out-of-scope threshold,
 * is tuned on held-out examples. When the data has an {@value #OUT_OF_SCOPE} intent, a message whose best
 * in-scope probability is under the threshold is ranked out of scope. Immutable; safe to share.
 */
public final class BlendedIntentClassifier implements IntentClassifier {

    /** The intent for messages the bot was not built for, as in CLINC150. */
    public static final String OUT_OF_SCOPE = "oos";

    /**
     * The most in-scope accuracy the out-of-scope threshold may cost. Balancing in-scope accuracy against
     * out-of-scope recall alone picks high thresholds from the few out-of-scope examples held out, and
     * residents who asked a fair question would be told it is not something the bot does.
     */
    static final double MAX_IN_SCOPE_LOSS = 0.02;

    private final List<String> intents;
    private final TextFeatures features;
    private final LinearSvm svm;
    private final OpenNlpMaxent maxent;
    private final Calibration calibration;
    private final double embeddingScale;
    private final Function<String, float[]> embedding;
    private final int outOfScope;

    BlendedIntentClassifier(
            List<String> intents,
            TextFeatures features,
            LinearSvm svm,
            OpenNlpMaxent maxent,
            Calibration calibration,
            double embeddingScale,
            Function<String, float[]> embedding) {
        this.intents = List.copyOf(intents);
        this.features = features;
        this.svm = svm;
        this.maxent = maxent;
        this.calibration = calibration;
        this.embeddingScale = embeddingScale;
        this.embedding = embeddingScale == 0 ? null : embedding;
        this.outOfScope = intents.indexOf(OUT_OF_SCOPE);
    }

    /**
     * Scales of the embedding block tried on the held-out examples (the tf-idf vector has length sqrt 2: one
     * unit-length block of words and one of characters). 0 is among them, so embeddings are used only where
     * they help. Scale 1 was tried too and lost to 2 on the held-back tenth of both BANKING77 (0.920 against
     * 0.925) and HWU64 (0.907 against 0.914); each scale tried costs one more SVM training over dense data,
     * the dearest step of training.
     */
    static final double[] EMBEDDING_SCALES = {0, 2};

    /** liblinear's own cap on coordinate-descent passes, which sparse text features never come near. */
    private static final int SPARSE_ITERATIONS = 1000;

    /**
     * With 384 dense columns every pass costs about three times as much and the solver creeps towards its
     * tolerance for hundreds of passes, gaining almost nothing after the first few dozen.
     * NOTE: this cap is what keeps BANKING77 training near two minutes on 2 cores.
     */
    private static final int DENSE_ITERATIONS = 100;

    /**
     * How the two models' scores become one probability.
     *
     * @param temperature divides the SVM margins before the softmax; smaller is more confident
     * @param maxentWeight the maxent model's share of the blend, in [0,1]
     * @param outOfScopeThreshold below this best in-scope probability a message is out of scope (0: never)
     */
    public record Calibration(double temperature, double maxentWeight, double outOfScopeThreshold) {

        /** For data too small to hold any back: a moderately confident SVM, an even blend, no threshold. */
        static final Calibration UNTUNED = new Calibration(0.1, 0.5, 0);
    }

    /**
     * Settings of a training run.
     *
     * @param c the SVM's regularisation: larger fits the training data more closely
     * @param minCount features seen in fewer training messages are dropped
     * @param maxentIterations GIS iterations of the OpenNLP model
     * @param refit after tuning on a held-out part, train again on everything
     * @param sentenceEmbeddings give the SVMs each message's sentence embedding as well (when it helps on
     *     the held-out examples)
     */
    public record Settings(double c, int minCount, int maxentIterations, boolean refit, boolean sentenceEmbeddings) {

        public static final Settings DEFAULT = new Settings(1.0, 2, 50, true, true);

        public Settings withRefit(boolean refit) {
            return new Settings(c, minCount, maxentIterations, refit, sentenceEmbeddings);
        }

        public Settings withSentenceEmbeddings(boolean sentenceEmbeddings) {
            return new Settings(c, minCount, maxentIterations, refit, sentenceEmbeddings);
        }
    }

    /**
     * Trains on {@code training}, tunes the calibration on {@code tuning}; without tuning examples every
     * tenth example of each intent is held back for tuning (and, with {@link Settings#refit()}, the models
     * are then trained again on everything). Every intent needs at least one example with words in it.
     */
    public static BlendedIntentClassifier train(
            List<TrainingExample> training,
            List<TrainingExample> tuning,
            Settings settings,
            TrainingProgress progress) {
        List<TrainingExample> usable = withWords(training);
        if (usable.isEmpty()) {
            throw new IllegalArgumentException("There are no training examples with words in them");
        }
        List<TrainingExample> fit = usable;
        List<TrainingExample> held = tuning == null ? List.of() : withWords(tuning);
        boolean heldBackFromTraining = held.isEmpty();
        if (heldBackFromTraining) {
            List<List<TrainingExample>> split = everyTenthHeldBack(usable);
            fit = split.get(0);
            held = split.get(1);
        }
        List<String> intents = intentsOf(heldBackFromTraining ? usable : concat(usable, held));
        Function<String, float[]> embedding = settings.sentenceEmbeddings()
                ? embedOnce(heldBackFromTraining ? usable : concat(usable, held), progress)
                : null;
        double[] scales = embedding == null || held.isEmpty() ? new double[] {0} : EMBEDDING_SCALES;
        Fitted fitted = Fitted.of(fit, intents, settings, progress);
        OpenNlpMaxent firstMaxent = fitted.maxent(settings, progress);
        BlendedIntentClassifier first = null;
        Calibration tuned = Calibration.UNTUNED;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < scales.length; i++) {
            progress.update("tuning", i, scales.length);
            BlendedIntentClassifier candidate = new BlendedIntentClassifier(
                    intents,
                    fitted.features(),
                    fitted.svm(scales[i], embedding, settings, progress),
                    firstMaxent,
                    Calibration.UNTUNED,
                    scales[i],
                    embedding);
            if (held.isEmpty()) {
                first = candidate;
                break;
            }
            Calibration calibration = candidate.tune(held);
            double score = candidate.heldOutScore(held, calibration);
            if (scales.length > 1) {
                progress.chose(String.format(
                        java.util.Locale.ROOT,
                        "embedding scale %.1f: held-back accuracy less log loss/1000 %.4f, maxent weight %.1f",
                        scales[i],
                        score,
                        calibration.maxentWeight()));
            }
            if (score > bestScore + 1e-12) {
                bestScore = score;
                first = candidate;
                tuned = calibration;
            }
        }
        progress.update("tuning", 1, 1);
        Function<String, float[]> serving =
                first.embeddingScale == 0 ? null : EnglishEmbeddings.only(SentenceEmbedder.shared()::embed);
        if (settings.refit() && !held.isEmpty()) {
            List<TrainingExample> everything = heldBackFromTraining ? usable : concat(usable, held);
            List<String> allIntents = intentsOf(everything);
            Fitted all = Fitted.of(everything, allIntents, settings, progress);
            return new BlendedIntentClassifier(
                    allIntents,
                    all.features(),
                    all.svm(first.embeddingScale, embedding, settings, progress),
                    all.maxent(settings, progress),
                    tuned,
                    first.embeddingScale,
                    serving);
        }
        return new BlendedIntentClassifier(
                intents, first.features, first.svm, first.maxent, tuned, first.embeddingScale, serving);
    }

    /** Trains with the default settings, holding back a tenth for tuning. */
    public static BlendedIntentClassifier train(List<TrainingExample> training) {
        return train(training, null, Settings.DEFAULT, TrainingProgress.SILENT);
    }

    /**
     * Embeds every distinct training text once, several at a time, and answers from that cache for the
     * rest of the run (the tuning and final models see the same texts).
     * NOTE: about 3 ms of one core per short text; BANKING77's 10,000 texts take 15-20 s on 2 cores.
     */
    private static Function<String, float[]> embedOnce(List<TrainingExample> examples, TrainingProgress progress) {
        List<String> texts = examples.stream()
                .map(TrainingExample::text)
                .filter(text -> !EnglishEmbeddings.isWelsh(text))
                .distinct()
                .toList();
        Map<String, float[]> cache = new ConcurrentHashMap<>(texts.size() * 2);
        SentenceEmbedder embedder = SentenceEmbedder.shared();
        int batch = 256;
        for (int from = 0; from < texts.size(); from += batch) {
            progress.update("embedding", from, texts.size());
            List<String> some = texts.subList(from, Math.min(texts.size(), from + batch));
            List<float[]> vectors = embedder.embedAll(some);
            for (int i = 0; i < some.size(); i++) {
                cache.put(some.get(i), vectors.get(i));
            }
        }
        progress.update("embedding", texts.size(), texts.size());
        return EnglishEmbeddings.only(text -> cache.computeIfAbsent(text, embedder::embed));
    }

    /** The tf-idf side of a training run: vocabulary, vectors and labels of its examples. */
    private record Fitted(
            List<TrainingExample> examples,
            List<String> intents,
            TextFeatures features,
            List<SparseVector> vectors,
            int[] labels) {

        static Fitted of(
                List<TrainingExample> examples, List<String> intents, Settings settings, TrainingProgress progress) {
            List<String[]> tokens =
                    examples.stream().map(e -> ResidentText.tokens(e.text())).toList();
            progress.update("features", 0, 1);
            TextFeatures features = TextFeatures.fit(tokens, examples.size() < 1000 ? 1 : settings.minCount());
            List<SparseVector> vectors = tokens.stream().map(features::vector).toList();
            int[] labels =
                    examples.stream().mapToInt(e -> intents.indexOf(e.intent())).toArray();
            progress.update("features", 1, 1);
            return new Fitted(examples, intents, features, vectors, labels);
        }

        LinearSvm svm(double scale, Function<String, float[]> embedding, Settings settings, TrainingProgress progress) {
            List<SparseVector> inputs = vectors;
            int width = features.size();
            if (scale != 0) {
                inputs = new ArrayList<>(vectors.size());
                for (int i = 0; i < vectors.size(); i++) {
                    SparseVector vector = vectors.get(i);
                    inputs.add(
                            features.hasKnownWord(vector)
                                    ? withEmbedding(
                                            vector,
                                            embedding.apply(examples.get(i).text()),
                                            scale,
                                            features.size())
                                    : vector);
                }
                width += SentenceEmbedder.DIMENSIONS;
            }
            return LinearSvm.train(
                    inputs,
                    labels,
                    intents.size(),
                    width,
                    settings.c(),
                    scale == 0 ? SPARSE_ITERATIONS : DENSE_ITERATIONS,
                    done -> progress.update("svm", done, intents.size()));
        }

        OpenNlpMaxent maxent(Settings settings, TrainingProgress progress) {
            progress.update("maxent", 0, 1);
            OpenNlpMaxent maxent = OpenNlpMaxent.train(vectors, labels, intents, features, settings.maxentIterations());
            progress.update("maxent", 1, 1);
            return maxent;
        }
    }

    /**
     * The tf-idf vector with the scaled embedding appended as columns {@code offset..offset+383}. Only the
     * SVMs see it: OpenNLP's real-valued maxent takes no negative feature values.
     */
    static SparseVector withEmbedding(SparseVector sparse, float[] embedding, double scale, int offset) {
        int n = sparse.index().length;
        int[] index = java.util.Arrays.copyOf(sparse.index(), n + embedding.length);
        float[] value = java.util.Arrays.copyOf(sparse.value(), n + embedding.length);
        for (int d = 0; d < embedding.length; d++) {
            index[n + d] = offset + d;
            value[n + d] = (float) (scale * embedding[d]);
        }
        return new SparseVector(index, value);
    }

    @Override
    public IntentRanking classify(String residentWords) {
        double[] probabilities = probabilities(residentWords);
        List<IntentScore> scores = new ArrayList<>(intents.size());
        for (int k = 0; k < intents.size(); k++) {
            scores.add(new IntentScore(intents.get(k), probabilities[k]));
        }
        scores.sort(Comparator.comparingDouble(IntentScore::confidence).reversed());
        return new IntentRanking(scores);
    }

    /** The calibrated probability of each intent, in {@link #intents()} order, out-of-scope rule applied. */
    double[] probabilities(String residentWords) {
        SparseVector vector = features.vector(ResidentText.tokens(residentWords));
        if (vector.index().length == 0) {
            // Nothing the models have seen: both would only echo their biases, which is no evidence at all.
            double[] even = new double[intents.size()];
            java.util.Arrays.fill(even, 1.0 / intents.size());
            return applyOutOfScope(even, calibration.outOfScopeThreshold());
        }
        double[][] parts = parts(residentWords, vector);
        double[] blended = blend(parts[0], parts[1], calibration);
        return applyOutOfScope(blended, calibration.outOfScopeThreshold());
    }

    /** The SVM margins and the maxent probabilities of a message. */
    private double[][] parts(String residentWords, SparseVector vector) {
        // A message with no word the model knows ("blorp zingle") still has an embedding, and a confident-looking
        // one; only its character n-grams, which say it is unfamiliar, are left to speak for it.
        SparseVector svmInput = embeddingScale == 0 || !features.hasKnownWord(vector)
                ? vector
                : withEmbedding(vector, embedding.apply(residentWords), embeddingScale, features.size());
        return new double[][] {svm.scores(svmInput), maxent.probabilities(vector, features)};
    }

    private static double[] blend(double[] margins, double[] maxent, Calibration calibration) {
        double[] p = softmax(margins, calibration.temperature());
        double w = calibration.maxentWeight();
        for (int k = 0; k < p.length; k++) {
            p[k] = (1 - w) * p[k] + w * maxent[k];
        }
        return p;
    }

    /**
     * Moves the weight of an unsure message to the out-of-scope intent: it gets at least what the best
     * in-scope intent lacks of certainty, so it ranks first, and the ranking still sums to one.
     */
    private double[] applyOutOfScope(double[] p, double threshold) {
        if (outOfScope < 0 || threshold <= 0) {
            return p;
        }
        double bestInScope = 0;
        for (int k = 0; k < p.length; k++) {
            if (k != outOfScope) {
                bestInScope = Math.max(bestInScope, p[k]);
            }
        }
        if (bestInScope >= threshold) {
            return p;
        }
        p[outOfScope] = Math.max(p[outOfScope], Math.max(bestInScope, 1 - bestInScope) + 1e-9);
        double sum = 0;
        for (double v : p) {
            sum += v;
        }
        for (int k = 0; k < p.length; k++) {
            p[k] /= sum;
        }
        return p;
    }

    private static double[] softmax(double[] margins, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (double m : margins) {
            max = Math.max(max, m);
        }
        double[] p = new double[margins.length];
        double sum = 0;
        for (int k = 0; k < margins.length; k++) {
            p[k] = Math.exp((margins[k] - max) / temperature);
            sum += p[k];
        }
        for (int k = 0; k < p.length; k++) {
            p[k] /= sum;
        }
        return p;
    }

    /**
     * Picks the temperature that makes the SVM's probabilities most honest on held-out examples (least
     * log loss), then the blend weight that gets most of them right, then the out-of-scope threshold that
     * balances in-scope accuracy against out-of-scope recall, as the baseline it is compared with does, within
     * {@link #MAX_IN_SCOPE_LOSS}.
     */
    private Calibration tune(List<TrainingExample> held) {
        List<double[][]> parts = new ArrayList<>();
        int[] gold = new int[held.size()];
        for (int i = 0; i < held.size(); i++) {
            String text = held.get(i).text();
            parts.add(parts(text, features.vector(ResidentText.tokens(text))));
            gold[i] = intents.indexOf(held.get(i).intent());
        }
        double bestTemperature = 0.1;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (double t = 0.01; t <= 2.0; t *= 1.15) {
            double loss = logLoss(parts, gold, new Calibration(t, 0, 0));
            if (loss < bestLoss) {
                bestLoss = loss;
                bestTemperature = t;
            }
        }
        double bestWeight = 0.5;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int step = 0; step <= 10; step++) {
            double w = step / 10.0;
            Calibration candidate = new Calibration(bestTemperature, w, 0);
            // accuracy first; log loss only breaks ties (it is on a far smaller scale)
            double score = accuracy(parts, gold, candidate) - 1e-3 * logLoss(parts, gold, candidate);
            if (score > bestScore + 1e-12) {
                bestScore = score;
                bestWeight = w;
            }
        }
        Calibration blended = new Calibration(bestTemperature, bestWeight, 0);
        return new Calibration(bestTemperature, bestWeight, outOfScopeThreshold(parts, gold, blended));
    }

    /**
     * How well this model, calibrated so, does on held-out examples: accuracy, log loss breaking ties. Used
     * to choose the embedding scale.
     */
    private double heldOutScore(List<TrainingExample> held, Calibration calibration) {
        List<double[][]> parts = new ArrayList<>();
        int[] gold = new int[held.size()];
        for (int i = 0; i < held.size(); i++) {
            String text = held.get(i).text();
            parts.add(parts(text, features.vector(ResidentText.tokens(text))));
            gold[i] = intents.indexOf(held.get(i).intent());
        }
        return accuracy(parts, gold, calibration) - 1e-3 * logLoss(parts, gold, calibration);
    }

    private double outOfScopeThreshold(List<double[][]> parts, int[] gold, Calibration calibration) {
        if (outOfScope < 0 || java.util.Arrays.stream(gold).noneMatch(g -> g == outOfScope)) {
            return 0;
        }
        int n = gold.length;
        double[] best = new double[n];
        int[] predicted = new int[n];
        TreeSet<Double> candidates = new TreeSet<>();
        candidates.add(0.0);
        for (int i = 0; i < n; i++) {
            double[] p = blend(parts.get(i)[0], parts.get(i)[1], calibration);
            predicted[i] = argmax(p);
            for (int k = 0; k < p.length; k++) {
                if (k != outOfScope) {
                    best[i] = Math.max(best[i], p[k]);
                }
            }
            candidates.add(best[i]);
        }
        long inScope =
                java.util.Arrays.stream(gold).filter(g -> g != outOfScope).count();
        long outOfScopeCount = n - inScope;
        double bestThreshold = 0;
        double bestObjective = Double.NEGATIVE_INFINITY;
        double unthresholded = -1;
        for (double t : candidates) {
            int rightIn = 0;
            int caught = 0;
            for (int i = 0; i < n; i++) {
                boolean saysOutOfScope = predicted[i] == outOfScope || best[i] < t;
                if (gold[i] == outOfScope) {
                    caught += saysOutOfScope ? 1 : 0;
                } else if (!saysOutOfScope && predicted[i] == gold[i]) {
                    rightIn++;
                }
            }
            double inScopeAccuracy = rightIn / (double) Math.max(1, inScope);
            if (unthresholded < 0) {
                unthresholded = inScopeAccuracy; // the first candidate is 0: no threshold
            }
            if (inScopeAccuracy < unthresholded - MAX_IN_SCOPE_LOSS) {
                continue;
            }
            double objective = (inScopeAccuracy + caught / (double) outOfScopeCount) / 2;
            if (objective > bestObjective + 1e-12) {
                bestObjective = objective;
                bestThreshold = t;
            }
        }
        return bestThreshold;
    }

    private static double logLoss(List<double[][]> parts, int[] gold, Calibration calibration) {
        double loss = 0;
        for (int i = 0; i < gold.length; i++) {
            double[] p = blend(parts.get(i)[0], parts.get(i)[1], calibration);
            loss -= Math.log(Math.max(p[gold[i]], 1e-12));
        }
        return loss / gold.length;
    }

    private static double accuracy(List<double[][]> parts, int[] gold, Calibration calibration) {
        int right = 0;
        for (int i = 0; i < gold.length; i++) {
            right += argmax(blend(parts.get(i)[0], parts.get(i)[1], calibration)) == gold[i] ? 1 : 0;
        }
        return right / (double) gold.length;
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }

    private static List<String> intentsOf(List<TrainingExample> examples) {
        return new ArrayList<>(
                new TreeSet<>(examples.stream().map(TrainingExample::intent).toList()));
    }

    private static List<TrainingExample> concat(List<TrainingExample> a, List<TrainingExample> b) {
        List<TrainingExample> both = new ArrayList<>(a);
        both.addAll(b);
        return both;
    }

    private static List<TrainingExample> withWords(List<TrainingExample> examples) {
        return examples.stream()
                .filter(e -> ResidentText.tokens(e.text()).length > 0)
                .toList();
    }

    /** Every tenth example of each intent, in order, for tuning; intents with fewer than two keep all. */
    private static List<List<TrainingExample>> everyTenthHeldBack(List<TrainingExample> examples) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        Map<String, Long> total = new LinkedHashMap<>();
        examples.forEach(e -> total.merge(e.intent(), 1L, Long::sum));
        List<TrainingExample> fit = new ArrayList<>();
        List<TrainingExample> held = new ArrayList<>();
        for (TrainingExample example : examples) {
            int position = seen.merge(example.intent(), 1, Integer::sum);
            boolean holdBack = total.get(example.intent()) >= 2
                    && (position % 10 == 0 || (position == 2 && total.get(example.intent()) < 10));
            (holdBack ? held : fit).add(example);
        }
        return List.of(fit, held);
    }

    @Override
    public java.util.Set<String> knownIntents() {
        return java.util.Set.copyOf(intents());
    }

    public List<String> intents() {
        return intents;
    }

    public Calibration calibration() {
        return calibration;
    }

    /** The factor the sentence embedding is scaled by before the SVMs see it; 0 when it is not used. */
    public double embeddingScale() {
        return embeddingScale;
    }

    /** Whether the model needs each message's sentence embedding. */
    public boolean usesSentenceEmbeddings() {
        return embeddingScale != 0;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(intents.size());
        for (String intent : intents) {
            out.writeUTF(intent);
        }
        out.writeDouble(calibration.temperature());
        out.writeDouble(calibration.maxentWeight());
        out.writeDouble(calibration.outOfScopeThreshold());
        out.writeDouble(embeddingScale);
        features.write(out);
        svm.write(out);
        maxent.write(out);
    }

    static BlendedIntentClassifier read(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<String> intents = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            intents.add(in.readUTF());
        }
        Calibration calibration = new Calibration(in.readDouble(), in.readDouble(), in.readDouble());
        double embeddingScale = in.readDouble();
        TextFeatures features = TextFeatures.read(in);
        LinearSvm svm = LinearSvm.read(in);
        OpenNlpMaxent maxent = OpenNlpMaxent.read(in, intents);
        return new BlendedIntentClassifier(
                intents,
                features,
                svm,
                maxent,
                calibration,
                embeddingScale,
                embeddingScale == 0 ? null : EnglishEmbeddings.only(SentenceEmbedder.shared()::embed));
    }
}
