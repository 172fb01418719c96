package org.councilchat.engine.nlu;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.ml.EventTrainer;
import opennlp.tools.ml.TrainerFactory;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.BinaryFileDataReader;
import opennlp.tools.ml.model.Event;
import opennlp.tools.ml.model.GenericModelReader;
import opennlp.tools.ml.model.GenericModelWriter;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.CollectionObjectStream;
import opennlp.tools.util.TrainingParameters;
import org.councilchat.engine.nlu.TextFeatures.SparseVector;

/**
 * OpenNLP's maximum-entropy model (GIS) over the same weighted features as the SVM. It is a probabilistic
 * model trained with a different loss, so where the SVM is unsure it often knows better, and blending the
 * two beats either alone. OpenNLP's models are immutable and safe to evaluate from many threads.
 */
final class OpenNlpMaxent {

    private final MaxentModel model;
    private final int[] outcomeOfClass;

    private OpenNlpMaxent(MaxentModel model, List<String> intents) {
        this.model = model;
        this.outcomeOfClass = new int[intents.size()];
        for (int k = 0; k < intents.size(); k++) {
            outcomeOfClass[k] = model.getIndex(intents.get(k));
        }
    }

    static OpenNlpMaxent train(
            List<SparseVector> vectors, int[] labels, List<String> intents, TextFeatures features, int iterations) {
        List<Event> events = new ArrayList<>(vectors.size());
        for (int i = 0; i < vectors.size(); i++) {
            SparseVector vector = vectors.get(i);
            events.add(new Event(intents.get(labels[i]), contexts(vector, features), vector.value()));
        }
        TrainingParameters parameters = new TrainingParameters();
        parameters.put(TrainingParameters.ALGORITHM_PARAM, "MAXENT");
        parameters.put(TrainingParameters.ITERATIONS_PARAM, iterations);
        parameters.put(TrainingParameters.CUTOFF_PARAM, 0);
        parameters.put(TrainingParameters.THREADS_PARAM, Runtime.getRuntime().availableProcessors());
        parameters.put("DataIndexer", "OnePassRealValue");
        parameters.put("PrintMessages", false);
        EventTrainer trainer = TrainerFactory.getEventTrainer(parameters, null);
        try {
            return new OpenNlpMaxent(trainer.train(new CollectionObjectStream<>(events)), intents);
        } catch (IOException e) {
            throw new UncheckedIOException("OpenNLP could not train its maxent model", e);
        }
    }

    /** The probability of each class, in the classifier's class order. */
    double[] probabilities(SparseVector vector, TextFeatures features) {
        double[] outcomes = model.eval(contexts(vector, features), vector.value());
        double[] probabilities = new double[outcomeOfClass.length];
        for (int k = 0; k < outcomeOfClass.length; k++) {
            probabilities[k] = outcomeOfClass[k] < 0 ? 0 : outcomes[outcomeOfClass[k]];
        }
        return probabilities;
    }

    private static String[] contexts(SparseVector vector, TextFeatures features) {
        String[] names = new String[vector.index().length];
        for (int j = 0; j < names.length; j++) {
            names[j] = features.name(vector.index()[j]);
        }
        return names;
    }

    void write(DataOutputStream out) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GenericModelWriter writer = new GenericModelWriter((AbstractModel) model, new DataOutputStream(bytes));
        writer.persist();
        writer.close();
        out.writeInt(bytes.size());
        bytes.writeTo(out);
    }

    static OpenNlpMaxent read(DataInputStream in, List<String> intents) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        MaxentModel model =
                new GenericModelReader(new BinaryFileDataReader(new ByteArrayInputStream(bytes))).getModel();
        return new OpenNlpMaxent(model, intents);
    }
}
