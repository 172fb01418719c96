package org.councilchat.knowledge.feedback;

import java.util.List;
import java.util.regex.Pattern;
import org.councilchat.knowledge.CardNumbers;
import org.councilchat.knowledge.Postcode;

/**
 * Takes contact details and card numbers out of residents' words before they are stored: email addresses,
 * phone numbers, card numbers (as {@link CardNumbers} finds them) and postcodes become [email], [phone], [card] and [postcode]. What is
 * left still shows editors what was asked ("my bin wasn't collected at [postcode]").
 *
 * <p>Errs towards redacting: a long reference number may become [phone], which costs an editor nothing, while
 * a real contact detail kept would be a breach.
 */
public final class Redaction {

    private static final Pattern EMAIL =
            Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+", Pattern.UNICODE_CHARACTER_CLASS);

    /** UK numbers as people type them: 07700 900123, +44 7700 900123, (01632) 960 001, 0161-496-0000. */
    private static final Pattern PHONE =
            Pattern.compile("(?<![0-9+])(?:\\+|00)?(?:44[\\s-]?)?\\(?0?[0-9]{2,5}\\)?(?:[\\s-]?[0-9]){5,8}(?![0-9])");

    private Redaction() {}

    public static String redact(String words) {
        if (words == null) {
            return "";
        }
        String text = EMAIL.matcher(words).replaceAll("[email]");
        text = CardNumbers.replace(text, "[card]");
        text = PHONE.matcher(text).replaceAll(match -> phoneLike(match.group()) ? "[phone]" : match.group());
        return redactPostcodes(text);
    }

    /** At least 10 digits, as every UK number has with its area code; shorter runs are dates, amounts or years. */
    private static boolean phoneLike(String candidate) {
        return candidate.chars().filter(Character::isDigit).count() >= 10;
    }

    private static String redactPostcodes(String text) {
        List<Postcode.Found> found = Postcode.findAllIn(text);
        if (found.isEmpty()) {
            return text;
        }
        StringBuilder redacted = new StringBuilder(text);
        for (int i = found.size() - 1; i >= 0; i--) {
            redacted.replace(found.get(i).start(), found.get(i).end(), "[postcode]");
        }
        return redacted.toString();
    }
}
