package org.councilchat.engine.dialogue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.councilchat.knowledge.NextCollection;

/**
 * Which bins a resident is asking about ("is my green bin tomorrow?"). Words for each waste stream, plus the
 * colours the council itself uses for this property's bins, since "green" means garden waste in one
 * council and recycling in the next.
 */
final class WasteStreams {

    private static final Map<String, List<String>> WORDS = Map.of(
            "refuse",
                    List.of("rubbish", "refuse", "general waste", "general", "landfill", "residual", "household waste"),
            "recycling", List.of("recycling", "recycle", "recyclables", "paper", "cardboard", "plastic", "cans"),
            "garden", List.of("garden", "grass", "hedge", "green waste"),
            "food", List.of("food", "caddy", "kitchen", "compost"),
            "glass", List.of("glass", "bottles", "jars"));

    private WasteStreams() {}

    /** The streams, among this property's collections, that the words mention; empty when none is named. */
    static Set<String> mentioned(String words, List<NextCollection> collections) {
        String text = " " + words.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", " ") + " ";
        Set<String> streams = new TreeSet<>();
        for (NextCollection collection : collections) {
            if (collection.colour() != null
                    && contains(text, collection.colour().toLowerCase(Locale.ROOT))) {
                streams.add(collection.stream());
            }
        }
        WORDS.forEach((stream, synonyms) -> {
            if (synonyms.stream().anyMatch(word -> contains(text, word))) {
                streams.add(stream);
            }
        });
        return streams;
    }

    private static boolean contains(String text, String word) {
        return Pattern.compile("\\b" + Pattern.quote(word) + "\\b")
                .matcher(text)
                .find();
    }
}
