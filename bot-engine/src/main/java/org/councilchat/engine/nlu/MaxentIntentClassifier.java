package org.councilchat.engine.nlu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import opennlp.tools.doccat.BagOfWordsFeatureGenerator;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.doccat.NGramFeatureGenerator;
import opennlp.tools.util.CollectionObjectStream;
import opennlp.tools.util.TrainingParameters;
import opennlp.tools.util.ext.ExtensionLoader;
import org.councilchat.engine.IntentClassifier;
import org.councilchat.engine.IntentRanking;
import org.councilchat.engine.IntentScore;

/**
 * An OpenNLP maximum-entropy document categorizer over words, word bigrams and character trigrams. The
 * trained model is immutable; each thread gets its own light categorizer over it because
 * {@link DocumentCategorizerME} keeps per-call state.
 */
public final class MaxentIntentClassifier implements IntentClassifier {

    static {
        // OpenNLP re-creates feature generators by class name and only trusts packages it is told about.
        ExtensionLoader.registerAllowedPackage(CharacterNGrams.class.getPackageName());
    }

    private final DoccatModel model;
    private final ThreadLocal<DocumentCategorizerME> categorizers;

    private MaxentIntentClassifier(DoccatModel model) {
        this.model = model;
        this.categorizers = ThreadLocal.withInitial(() -> new DocumentCategorizerME(model));
    }

    /** Trains on labelled examples; every intent needs at least one example. */
    public static MaxentIntentClassifier train(List<TrainingExample> examples) {
        List<DocumentSample> samples = examples.stream()
                .map(example -> new DocumentSample(example.intent(), ResidentText.tokens(example.text())))
                .filter(sample -> sample.getText().length > 0)
                .toList();
        TrainingParameters parameters = TrainingParameters.defaultParams();
        parameters.put(TrainingParameters.ITERATIONS_PARAM, 300);
        parameters.put(TrainingParameters.CUTOFF_PARAM, 1);
        try {
            DoccatFactory features = new DoccatFactory(new FeatureGenerator[] {
                new BagOfWordsFeatureGenerator(), new NGramFeatureGenerator(2, 2), new CharacterNGrams()
            });
            return new MaxentIntentClassifier(
                    DocumentCategorizerME.train("en", new CollectionObjectStream<>(samples), parameters, features));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not train the intent classifier", e);
        }
    }

    @Override
    public IntentRanking classify(String residentWords) {
        DocumentCategorizerME categorizer = categorizers.get();
        String[] tokens = ResidentText.tokens(residentWords);
        double[] probabilities = categorizer.categorize(tokens.length == 0 ? new String[] {""} : tokens);
        List<IntentScore> scores = new ArrayList<>(probabilities.length);
        for (int i = 0; i < probabilities.length; i++) {
            scores.add(new IntentScore(categorizer.getCategory(i), probabilities[i]));
        }
        scores.sort(Comparator.comparingDouble(IntentScore::confidence).reversed());
        return new IntentRanking(scores);
    }

    public DoccatModel model() {
        return model;
    }
}
