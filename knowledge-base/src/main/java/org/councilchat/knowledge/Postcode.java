package org.councilchat.knowledge;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A full UK postcode in its normal form: upper case, one space before the three-character inward code
 * ("MB1 1AA"). Validation is deliberately loose (the shape, not Royal Mail's letter rules) because Royal
 * Mail reserves the right to change those rules; whether a postcode exists is for the data to say.
 */
public record Postcode(String value) {

    private static final Pattern FULL = Pattern.compile("[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}");
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

    @Override
    public String toString() {
        return value;
    }
}
