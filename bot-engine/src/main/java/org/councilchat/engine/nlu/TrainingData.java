package org.councilchat.engine.nlu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    private static Map<String, List<String>> merge(Map<String, List<String>> a, Map<String, List<String>> b) {
        Map<String, List<String>> merged = new LinkedHashMap<>();
        a.forEach((name, values) -> merged.put(name, new ArrayList<>(values)));
        b.forEach((name, values) ->
                merged.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
        merged.replaceAll((name, values) -> List.copyOf(values));
        return merged;
    }
}
