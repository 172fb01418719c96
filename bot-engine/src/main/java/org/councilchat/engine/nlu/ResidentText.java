package org.councilchat.engine.nlu;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;

/** Turns what a resident typed into the tokens the classifier sees: lower case, no punctuation or accents. */
public final class ResidentText {

    private ResidentText() {}

    public static String[] tokens(String typed) {
        if (typed == null) {
            return new String[0];
        }
        // Accents go: residents on a phone type Welsh "tal" for "tâl", "dwr" for "dŵr" and "ty" for "tŷ" as
        // often as not, and both spellings must be one word to the model.
        String folded = Normalizer.normalize(typed, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                // "what's" and "whats" should look alike; other punctuation separates words
                .replace("'", "")
                .replace("’", "")
                .replaceAll("[^\\p{L}\\p{N}]+", " ")
                .strip();
        return folded.isEmpty()
                ? new String[0]
                : Arrays.stream(folded.split(" ")).toArray(String[]::new);
    }
}
