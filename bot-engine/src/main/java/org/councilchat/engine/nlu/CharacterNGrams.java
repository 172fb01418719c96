package org.councilchat.engine.nlu;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * Character trigrams of each word ("bin" gives "_bi", "bin", "in_"), so misspellings such as "colection"
 * or "wen" still share most features with the words they stand for.
 */
public final class CharacterNGrams implements FeatureGenerator {

    private static final int N = 3;

    @Override
    public Collection<String> extractFeatures(String[] words, Map<String, Object> extraInformation) {
        List<String> features = new ArrayList<>();
        for (String word : words) {
            String padded = "_" + word + "_";
            for (int start = 0; start + N <= padded.length(); start++) {
                features.add("c3=" + padded.substring(start, start + N));
            }
        }
        return features;
    }
}
