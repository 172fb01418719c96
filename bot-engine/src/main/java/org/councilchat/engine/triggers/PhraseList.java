package org.councilchat.engine.triggers;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Phrases matched on whole words of normalised text: lower case, accents and apostrophes dropped, anything
 * else that is not a letter or digit read as a space. So "I’m going to KILL myself!" contains "im going to
 * kill myself" and "kill myself", but "skill myself up" does not contain "kill myself". A {@code *} in a
 * phrase stands for exactly one word ("my * hits me": my partner, my husband, my dad).
 */
final class PhraseList {

    private final List<String> phrases;
    private final Pattern pattern;

    PhraseList(List<String> phrases) {
        this.phrases = List.copyOf(phrases);
        StringBuilder alternatives = new StringBuilder();
        for (String phrase : this.phrases) {
            String normalised = normalise(phrase);
            if (normalised.isEmpty() || normalised.equals("*")) {
                throw new IllegalArgumentException("The phrase '" + phrase + "' has no words to match");
            }
            if (!alternatives.isEmpty()) {
                alternatives.append('|');
            }
            String[] words = normalised.split(" ");
            for (int i = 0; i < words.length; i++) {
                alternatives.append(i == 0 ? "" : " ").append(words[i].equals("*") ? "[^ ]+" : Pattern.quote(words[i]));
            }
        }
        // Padded with spaces on both sides, so every phrase starts and ends on a word boundary.
        this.pattern = Pattern.compile(" (?:" + alternatives + ") ");
    }

    boolean matches(String normalisedText) {
        return !phrases.isEmpty() && pattern.matcher(" " + normalisedText + " ").find();
    }

    List<String> phrases() {
        return phrases;
    }

    /** The text as phrases are matched against it; {@code *} survives so phrases can use it. */
    static String normalise(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT)
                // "don’t" and "dont" alike: apostrophes join, they do not separate.
                .replaceAll("['’‘`´]", "");
        return plain.replaceAll("[^\\p{L}\\p{N}*]+", " ").strip();
    }
}
