package org.councilchat.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.councilchat.engine.nlu.ResidentText;
import org.councilchat.engine.nlu.TrainingCsv;
import org.councilchat.engine.nlu.TrainingExample;

/**
 * Tells whether a resident wrote in English or Welsh, so the bot can notice a Welsh message while the widget is
 * in English (and the other way round). A character 1-4-gram naive Bayes over accent-folded, lower-cased text,
 * trained on the English and Welsh intent training sets. Immutable and thread-safe once built.
 *
 * <p>Characters rather than words because residents' messages are short and full of typos and mutations
 * ("nghyfrif", "fy min"): "ngh", "dd", "wch", "ydy" and "th " say Welsh or English even in a word never seen.
 *
 * <p>NOTE: building reads both training sets (about 2,300 messages) and takes a few tens of milliseconds; a
 * guess is a few microseconds. Build one and share it.
 */
public final class WrittenLanguage {

    static final String ENGLISH = "en";
    static final String WELSH = "cy";
    static final String UNKNOWN = "unknown";

    private static final int MAX_GRAM = 4;

    /** Below this the guess is a coin toss between two languages and is reported as unknown. */
    private static final double LEAST_CONFIDENCE = 0.65;

    /**
     * How strongly a guess leans toward the conversation's language: residents rarely switch, and a short
     * message ("ie", "do", "na") is often a word in both languages, where this is what decides it.
     */
    private static final double CURRENT_LANGUAGE_PRIOR = 0.8;

    /** UK postcodes, Millbrook's made-up ones included: no evidence of a language, whoever types them. */
    private static final Pattern POSTCODE = Pattern.compile("\\b[a-z]{1,2}[0-9][a-z0-9]? ?[0-9][a-z]{2}\\b");

    private final Map<String, Model> models;

    private WrittenLanguage(Map<String, Model> models) {
        this.models = Map.copyOf(models);
    }

    /** Trained on the intent sets the bot ships with, {@code nlu/council-intents.csv} and {@code -cy.csv}. */
    public static WrittenLanguage fromTrainingData() {
        return trainedOn(Map.of(
                ENGLISH, read("/nlu/council-intents.csv"),
                WELSH, read("/nlu/council-intents-cy.csv")));
    }

    /**
     * The guesser trained on the intent sets the bot ships with, built once on first use and shared: like a model
     * file, it is the same for every conversation and every part of the bot.
     */
    public static WrittenLanguage shipped() {
        return Shipped.GUESSER;
    }

    private static final class Shipped {
        static final WrittenLanguage GUESSER = fromTrainingData();
    }

    /** Trained on the given messages of each language (keys are language codes such as {@code en}, {@code cy}). */
    public static WrittenLanguage trainedOn(Map<String, List<String>> messagesByLanguage) {
        if (messagesByLanguage.size() != 2) {
            throw new IllegalArgumentException("a language guess needs messages in exactly two languages");
        }
        Map<String, Model> models = new HashMap<>();
        messagesByLanguage.forEach((language, messages) -> {
            Model model = new Model();
            messages.forEach(message -> model.add(folded(message)));
            models.put(language, model);
        });
        return new WrittenLanguage(models);
    }

    /** The language {@code text} is written in, with no conversation to lean on. */
    public LanguageGuess guess(String text) {
        return guess(text, null);
    }

    /**
     * The language {@code text} is written in, leaning toward {@code currentLanguage} (may be null) when the
     * message itself says little. {@link LanguageGuess#language()} is {@code unknown} for messages with no
     * words to go on (a postcode, a number, "ok") or evidence too even to choose.
     */
    public LanguageGuess guess(String text, String currentLanguage) {
        String folded = folded(text);
        // Two letters or fewer ("ok", "x", "MB1 1AA") are words of either language, or none.
        if (folded.replace(" ", "").length() < 3) {
            return new LanguageGuess(UNKNOWN, 0);
        }
        String[] languages = models.keySet().stream().sorted().toArray(String[]::new);
        Model first = models.get(languages[0]);
        Model second = models.get(languages[1]);
        // Overlapping n-grams of four orders count the same letters four times over; dividing by the orders
        // keeps the confidence from being naive Bayes's usual near-certainty.
        double logOdds = (first.logLikelihood(folded) - second.logLikelihood(folded)) / MAX_GRAM;
        if (currentLanguage != null && models.containsKey(currentLanguage)) {
            double prior = Math.log(CURRENT_LANGUAGE_PRIOR / (1 - CURRENT_LANGUAGE_PRIOR));
            logOdds += currentLanguage.equals(languages[0]) ? prior : -prior;
        }
        double firstProbability = 1 / (1 + Math.exp(-logOdds));
        String language = firstProbability >= 0.5 ? languages[0] : languages[1];
        double confidence = Math.max(firstProbability, 1 - firstProbability);
        return confidence < LEAST_CONFIDENCE
                ? new LanguageGuess(UNKNOWN, confidence)
                : new LanguageGuess(language, confidence);
    }

    /** Lower case, no accents (residents type "tal" for "tâl"), no postcodes, digits or punctuation. */
    private static String folded(String text) {
        String words = String.join(" ", ResidentText.tokens(text));
        return POSTCODE.matcher(words)
                .replaceAll(" ")
                .replaceAll("[0-9]+", " ")
                .replaceAll(" +", " ")
                .strip();
    }

    private static List<String> read(String resource) {
        try (InputStream csv = WrittenLanguage.class.getResourceAsStream(resource)) {
            if (csv == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            return TrainingCsv.read(csv, resource).stream()
                    .map(TrainingExample::text)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One language's character n-gram counts, per order, with add-one smoothing over what either has seen. */
    private static final class Model {

        private final List<Map<String, Integer>> counts =
                List.of(new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>());
        private final long[] totals = new long[MAX_GRAM];

        void add(String folded) {
            forEachGram(folded, (order, gram) -> {
                counts.get(order - 1).merge(gram, 1, Integer::sum);
                totals[order - 1]++;
            });
        }

        double logLikelihood(String folded) {
            double[] sum = {0};
            forEachGram(folded, (order, gram) -> {
                Map<String, Integer> seen = counts.get(order - 1);
                // distinct n-grams of this order plus one for the unseen: add-one smoothing
                sum[0] += Math.log((seen.getOrDefault(gram, 0) + 1.0) / (totals[order - 1] + seen.size() + 1.0));
            });
            return sum[0];
        }

        private static void forEachGram(String folded, GramSink sink) {
            // Padded so a word's first and last letters count: Welsh "ll", "rh", "ff" start words, "-wch" ends them.
            String padded = " " + folded + " ";
            for (int order = 1; order <= MAX_GRAM; order++) {
                for (int start = 0; start + order <= padded.length(); start++) {
                    sink.accept(order, padded.substring(start, start + order));
                }
            }
        }

        private interface GramSink {
            void accept(int order, String gram);
        }
    }
}
