package org.councilchat.knowledge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The contact details residents type: e-mail addresses and UK phone numbers. The one definition of both, for
 * everything that looks for them: redaction before words are stored, the bot taking a message for the
 * contact centre, and the entities of the Rasa-compatible API. (Card numbers are {@link CardNumbers}, postcodes
 * {@link Postcode}.)
 *
 * <p>A phone number is a UK number as people write it: {@code 07700 900123}, {@code +44 7700 900123},
 * {@code +44 (0)7700 900123}, {@code 0044 7700 900123}, {@code (01632) 960 001}, {@code 020-7946-0018}: a 0
 * (or +44 or 0044 in its place), then nine or ten digits grouped by spaces, dashes, dots or brackets. Shorter
 * runs of digits are amounts, dates and house numbers, and are left alone. Stateless and thread-safe.
 */
public final class ContactDetails {

    /** What was found. */
    public enum Kind {
        EMAIL,
        PHONE
    }

    /**
     * One contact detail in a text.
     *
     * @param value an e-mail address in lower case, or a phone number in international form ({@code +447700900123})
     * @param start where it starts in the text searched
     * @param end where it ends (exclusive)
     */
    public record Found(Kind kind, String value, int start, int end) {

        /** The number as it is dialled within the UK ({@code 07700900123}); an e-mail address as it is. */
        public String asWritten() {
            return kind == Kind.PHONE ? "0" + value.substring(UK.length()) : value;
        }
    }

    private static final String UK = "+44";

    private static final String LOCAL_PART = "[\\p{L}\\p{N}._%+'-]";

    private static final Pattern EMAIL = Pattern.compile("(?<!" + LOCAL_PART + ")" + LOCAL_PART + "{1,64}"
            + "@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}(?![\\p{L}\\p{N}])");

    private static final Pattern PHONE = Pattern.compile(
            "(?<![0-9+])(?:(?:\\+|00)44[\\s-]?(?:\\(0\\)[\\s-]?)?|\\(?0)" + "(?:[\\s().-]{0,2}[0-9]){9,10}(?![0-9])");

    private ContactDetails() {}

    /** Every e-mail address and phone number in the text, in order; an e-mail address's digits are not a number. */
    public static List<Found> findAllIn(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<Found> found = new ArrayList<>();
        Matcher email = EMAIL.matcher(text);
        while (email.find()) {
            found.add(new Found(Kind.EMAIL, email.group().toLowerCase(Locale.ROOT), email.start(), email.end()));
        }
        Matcher phone = PHONE.matcher(text);
        while (phone.find()) {
            int start = phone.start();
            int end = phone.end();
            if (found.stream().noneMatch(e -> e.start() < end && start < e.end())) {
                internationalForm(phone.group())
                        .ifPresent(number -> found.add(new Found(Kind.PHONE, number, start, end)));
            }
        }
        found.sort(Comparator.comparingInt(Found::start));
        return List.copyOf(found);
    }

    /** The first e-mail address in the text, or else its first phone number: how a resident said to reach them. */
    public static Optional<Found> preferredIn(String text) {
        List<Found> found = findAllIn(text);
        return found.stream()
                .filter(f -> f.kind() == Kind.EMAIL)
                .findFirst()
                .or(() -> found.stream().findFirst());
    }

    /** {@code +44} and the national number, or empty when what matched cannot be a UK number. */
    private static Optional<String> internationalForm(String written) {
        String digits = written.replaceAll("[^0-9+]", "");
        String national;
        if (digits.startsWith(UK)) {
            national = digits.substring(UK.length());
        } else if (digits.startsWith("0044")) {
            national = digits.substring(4);
        } else {
            national = digits.substring(1);
        }
        if (national.startsWith("0") && digits.length() - national.length() > 1) {
            national = national.substring(1); // "+44 (0)7700 900123"
        }
        boolean plausible = (national.length() == 9 || national.length() == 10) && national.charAt(0) != '0';
        return plausible ? Optional.of(UK + national) : Optional.empty();
    }
}
