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

    /** English words, then Welsh ones (with the soft mutations they take after "fy", "y" and "ei"). */
    private static final Map<String, List<String>> WORDS = Map.of(
            "refuse",
                    List.of(
                            "rubbish",
                            "refuse",
                            "general waste",
                            "general",
                            "landfill",
                            "residual",
                            "household waste",
                            "sbwriel",
                            "gwastraff cyffredinol",
                            "gwastraff y cartref"),
            "recycling",
                    List.of(
                            "recycling",
                            "recycle",
                            "recyclables",
                            "paper",
                            "cardboard",
                            "plastic",
                            "cans",
                            "ailgylchu",
                            "papur",
                            "cardfwrdd",
                            "plastig",
                            "caniau"),
            "garden", List.of("garden", "grass", "hedge", "green waste", "gardd", "ardd", "glaswellt", "gwair"),
            "food", List.of("food", "caddy", "kitchen", "compost", "bwyd", "cadi", "gadi", "compostio"),
            "glass", List.of("glass", "bottles", "jars", "gwydr", "wydr", "poteli", "jariau"));

    /** The Welsh for the colours councils give their bins, so "fy min gwyrdd" finds the green bin. */
    private static final Map<String, List<String>> WELSH_COLOURS = Map.of(
            "black", List.of("du", "ddu"),
            "blue", List.of("glas", "las"),
            "green", List.of("gwyrdd", "werdd"),
            "grey", List.of("llwyd", "lwyd"),
            "gray", List.of("llwyd", "lwyd"),
            "brown", List.of("brown", "frown"),
            "red", List.of("coch", "goch"),
            "purple", List.of("porffor", "borffor"));

    private WasteStreams() {}

    /** The streams, among this property's collections, that the words mention; empty when none is named. */
    static Set<String> mentioned(String words, List<NextCollection> collections) {
        String text = " " + words.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", " ") + " ";
        Set<String> streams = new TreeSet<>();
        for (NextCollection collection : collections) {
            if (collection.colour() == null) {
                continue;
            }
            String colour = collection.colour().toLowerCase(Locale.ROOT);
            if (contains(text, colour)
                    || WELSH_COLOURS.getOrDefault(colour, List.of()).stream().anyMatch(word -> contains(text, word))) {
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
