package org.councilchat.knowledge;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;

/**
 * The next collection of one waste stream at a property, and the one after it.
 *
 * @param binName how the council names the bin, e.g. "Blue bin (recycling)"
 * @param stream the waste stream: refuse, recycling, garden, food, glass
 * @param colour the bin's colour as residents know it ("green"), or null
 * @param following the collection after, or null when the round ends first
 * @param change why {@code date} is not the usual day (a bank holiday, a cancellation), or null
 * @param subscriptionOnly true for rounds only subscribers get, such as garden waste
 * @param welshBinName the council's Welsh name for the bin ("Bin du (gwastraff cyffredinol)"); where the council
 *     gave none, one made from the stream and colour ({@link #welshNameFor})
 */
public record NextCollection(
        String binName,
        String stream,
        String colour,
        LocalDate date,
        LocalDate following,
        Change change,
        boolean subscriptionOnly,
        String welshBinName) {

    /** The Welsh for the colours councils give their bins; a bin ("bin", masculine) takes them unmutated. */
    private static final Map<String, String> WELSH_COLOURS = Map.of(
            "black", "du",
            "blue", "glas",
            "green", "gwyrdd",
            "grey", "llwyd",
            "gray", "llwyd",
            "brown", "brown",
            "red", "coch",
            "purple", "porffor");

    /** What each waste stream is called in Welsh, as Welsh councils name their bins. */
    private static final Map<String, String> WELSH_STREAMS = Map.of(
            "refuse", "gwastraff cyffredinol",
            "recycling", "ailgylchu",
            "garden", "gwastraff gardd",
            "glass", "gwydr");

    public NextCollection {
        if (welshBinName == null || welshBinName.isBlank()) {
            welshBinName = welshNameFor(stream, colour, binName);
        }
    }

    /** A collection whose bin the council named in English only. */
    public NextCollection(
            String binName,
            String stream,
            String colour,
            LocalDate date,
            LocalDate following,
            Change change,
            boolean subscriptionOnly) {
        this(binName, stream, colour, date, following, change, subscriptionOnly, null);
    }

    /** The bin's name in the resident's language: Welsh for a Welsh speaker, otherwise the council's name. */
    public String binNameIn(Locale language) {
        return inWelsh(language) ? welshBinName : binName;
    }

    static boolean inWelsh(Locale language) {
        return "cy".equals(language.getLanguage());
    }

    /**
     * A Welsh name for a bin the council named only in English, so a Welsh speaker is not given "Black bin
     * (general waste)" in the middle of a Welsh sentence: "Bin du (gwastraff cyffredinol)", "Bin ailgylchu",
     * "Cadi bwyd". A stream the words cannot tell ("other") keeps the council's own name.
     */
    public static String welshNameFor(String stream, String colour, String englishName) {
        if ("food".equals(stream)) {
            return "Cadi bwyd";
        }
        String kind = WELSH_STREAMS.get(stream);
        if (kind == null) {
            return englishName;
        }
        String welshColour = colour == null ? null : WELSH_COLOURS.get(colour.toLowerCase(Locale.ROOT));
        return welshColour == null ? "Bin " + kind : "Bin " + welshColour + " (" + kind + ")";
    }

    /**
     * A collection that is not on its usual day.
     *
     * @param usualDate the day it would normally have been
     * @param cancelled true when the usual collection does not happen at all (the next one is {@code date})
     * @param reason the council's reason, e.g. "Christmas Day"
     */
    public record Change(LocalDate usualDate, boolean cancelled, String reason) {

        /** GOV.UK's own Welsh titles for the bank holidays (gov.uk/gwyliau-banc), the reasons most moves give. */
        private static final Map<String, String> WELSH_BANK_HOLIDAYS = Map.ofEntries(
                Map.entry("New Year’s Day", "Dydd Calan"),
                Map.entry("2nd January", "2 Ionawr"),
                Map.entry("St Patrick’s Day", "Dydd Gŵyl Sant Padrig"),
                Map.entry("Good Friday", "Dydd Gwener y Groglith"),
                Map.entry("Easter Monday", "Llun y Pasg"),
                Map.entry("Early May bank holiday", "Gŵyl banc dechrau Mai"),
                Map.entry("Spring bank holiday", "Gŵyl banc y gwanwyn"),
                Map.entry("Battle of the Boyne (Orangemen’s Day)", "Brwydr y Boyne (Diwrnod yr Orenwyr)"),
                Map.entry("Summer bank holiday", "Gŵyl banc yr haf"),
                Map.entry("St Andrew’s Day", "Dydd Gŵyl Sant Andreas"),
                Map.entry("Christmas Day", "Dydd Nadolig"),
                Map.entry("Boxing Day", "Gŵyl San Steffan"));

        /**
         * The reason in the resident's language: a bank holiday's Welsh title for a Welsh speaker; a reason the
         * council wrote itself ("Crew shortage") stays in the council's words.
         */
        public String reason(Locale language) {
            return reason != null && inWelsh(language) ? WELSH_BANK_HOLIDAYS.getOrDefault(reason, reason) : reason;
        }
    }
}
