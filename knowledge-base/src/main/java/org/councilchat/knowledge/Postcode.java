package org.councilchat.knowledge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A full UK postcode in its normal form: upper case, one space before the three-character inward code
 * ("MB1 1AA"). Validation is deliberately loose (the shape, not Royal Mail's letter rules) because Royal
 * Mail reserves the right to change those rules; whether a postcode exists is for the data to say.
 */
public record Postcode(String value) {

    private static final Pattern FULL = Pattern.compile("[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}");

    /**
     * Royal Mail's letter rules (BS 7666): used only to decide whether a mistyped postcode has exactly one
     * sensible reading, never to reject what a resident typed.
     */
    private static final Pattern STRICT = Pattern.compile("(?:[A-PR-UWYZ][0-9][0-9]?"
            + "|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?"
            + "|[A-PR-UWYZ][0-9][A-HJKPSTUW]"
            + "|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])"
            + "[0-9][ABD-HJLNP-UW-Z]{2}");

    private static final Pattern OUTWARD = Pattern.compile("[A-Z]{1,2}[0-9][A-Z0-9]?");
    private static final Pattern IN_TEXT =
            Pattern.compile("(?<![A-Za-z0-9])([A-Za-z]{1,2}[0-9][A-Za-z0-9]?)\\s*([0-9][A-Za-z]{2})(?![A-Za-z0-9])");

    public Postcode {
        if (!FULL.matcher(value.replace(" ", "")).matches()) {
            throw new IllegalArgumentException("not a full postcode");
        }
    }

    /** Parses what a resident typed (any case, any spacing) as a full postcode. */
    public static Optional<Postcode> parse(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String compact = typed.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
        if (!FULL.matcher(compact).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Postcode(
                compact.substring(0, compact.length() - 3) + " " + compact.substring(compact.length() - 3)));
    }

    /**
     * Parses a postcode, correcting the common slips of O for 0 and I for 1 (or the other way round) when
     * exactly one correction gives a valid postcode: "SW1A OAA" is read as "SW1A 0AA".
     */
    public static Optional<Postcode> parseCorrectingSlips(String typed) {
        Optional<Postcode> exact = parse(typed);
        if (exact.isPresent() || typed == null) {
            return exact;
        }
        String compact = typed.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
        if (compact.length() < 5 || compact.length() > 7 || !compact.matches("[A-Z0-9]+")) {
            return Optional.empty();
        }
        Set<String> readings = new TreeSet<>();
        readings(compact.toCharArray(), 0, readings);
        return readings.size() == 1 ? parse(readings.iterator().next()) : Optional.empty();
    }

    private static void readings(char[] chars, int from, Set<String> found) {
        if (from == chars.length) {
            String candidate = new String(chars);
            if (STRICT.matcher(candidate).matches()) {
                found.add(candidate);
            }
            return;
        }
        readings(chars, from + 1, found);
        char original = chars[from];
        char swapped = switch (original) {
            case 'O' -> '0';
            case '0' -> 'O';
            case 'I' -> '1';
            case '1' -> 'I';
            default -> original;
        };
        if (swapped != original) {
            chars[from] = swapped;
            readings(chars, from + 1, found);
            chars[from] = original;
        }
    }

    /**
     * Every full postcode one slip of the keyboard away from what was typed: one character changed, missed out,
     * added, or two side by side swapped ("MB2 3FE" for "MB2 3EF"). A few hundred at most, for a lookup of the
     * ones a council knows, so a resident who mistyped is asked "Did you mean ...?" rather than told their home
     * is not in the area.
     */
    public static Set<Postcode> nearMisses(String typed) {
        Set<Postcode> near = new TreeSet<>(Comparator.comparing(Postcode::value));
        if (typed == null) {
            return near;
        }
        String compact = typed.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
        if (compact.length() < 4 || compact.length() > 8 || !compact.matches("[A-Z0-9]+")) {
            return near;
        }
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        Set<String> variants = new HashSet<>();
        for (int i = 0; i <= compact.length(); i++) {
            for (char c : alphabet.toCharArray()) {
                variants.add(compact.substring(0, i) + c + compact.substring(i)); // a character missed out
                if (i < compact.length()) {
                    variants.add(compact.substring(0, i) + c + compact.substring(i + 1)); // one mistyped
                }
            }
            if (i < compact.length()) {
                variants.add(compact.substring(0, i) + compact.substring(i + 1)); // one too many
            }
            if (i + 1 < compact.length()) {
                variants.add(compact.substring(0, i)
                        + compact.charAt(i + 1)
                        + compact.charAt(i)
                        + compact.substring(i + 2)); // two swapped
            }
        }
        variants.remove(compact);
        for (String variant : variants) {
            parse(variant).ifPresent(near::add);
        }
        return near;
    }

    /** True when the text is only an outward code such as "SW1A": the resident needs to give the rest. */
    public static boolean isOutwardOnly(String typed) {
        return typed != null
                && OUTWARD.matcher(typed.strip().toUpperCase(Locale.ROOT)).matches();
    }

    /** Finds the first full postcode within a sentence ("when is my bin day mb1 1aa?"). */
    public static Optional<Postcode> findIn(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = IN_TEXT.matcher(text);
        return matcher.find() ? parse(matcher.group(1) + matcher.group(2)) : Optional.empty();
    }

    /** A full postcode found in a sentence, with where it is (character offsets, end exclusive). */
    public record Found(Postcode postcode, int start, int end) {}

    /** Every full postcode in a sentence, with its offsets, for entity extraction. */
    public static List<Found> findAllIn(String text) {
        List<Found> found = new ArrayList<>();
        if (text == null) {
            return found;
        }
        Matcher matcher = IN_TEXT.matcher(text);
        while (matcher.find()) {
            int start = matcher.start();
            int end = matcher.end();
            parse(matcher.group(1) + matcher.group(2))
                    .ifPresent(postcode -> found.add(new Found(postcode, start, end)));
        }
        return found;
    }

    @Override
    public String toString() {
        return value;
    }
}
