package org.councilchat.engine.nlu;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a training file says, Rasa's NLU data model: labelled examples, synonyms (what a resident
 * writes -> the value it stands for), lookup tables and regular expressions, each by name.
 */
public record TrainingData(
        List<TrainingExample> examples,
        Map<String, String> synonyms,
        Map<String, List<String>> lookups,
        Map<String, List<String>> regexes) {

    public TrainingData {
        examples = List.copyOf(examples);
        synonyms = Map.copyOf(synonyms);
        lookups = Map.copyOf(lookups);
        regexes = Map.copyOf(regexes);
    }

    public static TrainingData of(List<TrainingExample> examples) {
        return new TrainingData(examples, Map.of(), Map.of(), Map.of());
    }

    /** This data and another's, as one; on a clash the other's synonyms win, lookups and regexes add up. */
    public TrainingData and(TrainingData other) {
        List<TrainingExample> allExamples = new ArrayList<>(examples);
        allExamples.addAll(other.examples);
        Map<String, String> allSynonyms = new LinkedHashMap<>(synonyms);
        allSynonyms.putAll(other.synonyms);
        return new TrainingData(allExamples, allSynonyms, merge(lookups, other.lookups), merge(regexes, other.regexes));
    }

    /**
     * Twelve hex digits of the SHA-256 of the examples (intent and text, in order): the same examples give the
     * same hash whether they came as CSV or Rasa YAML, so it names a model's training data.
     */
    public String contentHash() {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        for (TrainingExample example : examples) {
            // Separators that cannot occur in an intent name keep ("a b", "c") apart from ("a", "b c").
            sha256.update((example.intent() + "\u0000" + example.text() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha256.digest()).substring(0, 12);
    }

    /** How many examples each intent has, by intent name. */
    public Map<String, Integer> examplesPerIntent() {
        Map<String, Integer> counts = new TreeMap<>();
        examples.forEach(example -> counts.merge(example.intent(), 1, Integer::sum));
        return counts;
    }

    private static Map<String, List<String>> merge(Map<String, List<String>> a, Map<String, List<String>> b) {
        Map<String, List<String>> merged = new LinkedHashMap<>();
        a.forEach((name, values) -> merged.put(name, new ArrayList<>(values)));
        b.forEach((name, values) ->
                merged.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
        merged.replaceAll((name, values) -> List.copyOf(values));
        return merged;
    }
}
