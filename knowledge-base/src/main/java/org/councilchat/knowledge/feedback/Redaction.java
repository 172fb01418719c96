package org.councilchat.knowledge.feedback;

import java.util.List;
import java.util.regex.Pattern;
import org.councilchat.knowledge.CardNumbers;
import org.councilchat.knowledge.ContactDetails;
import org.councilchat.knowledge.Postcode;

/**
 * Takes contact details and card numbers out of residents' words before they are stored: email addresses and
 * phone numbers (as {@link ContactDetails} finds them), card numbers (as {@link CardNumbers} finds them) and
 * postcodes become [email], [phone], [card] and [postcode]. What is
 * left still shows editors what was asked ("my bin wasn't collected at [postcode]").
 *
 * <p>Errs towards redacting: a long reference number may become [phone], which costs an editor nothing, while
 * a real contact detail kept would be a breach.
 */
public final class Redaction {

    /**
     * Any run of ten or more digits that {@link ContactDetails} did not take for a phone number: a number
     * typed without its 0, or a long reference. Redacted too, as {@code [phone]}, erring on the safe side.
     */
    private static final Pattern LONG_NUMBER = Pattern.compile("(?<![0-9])[0-9](?:[\\s-]?[0-9]){9,}(?![0-9])");

    private Redaction() {}

    public static String redact(String words) {
        if (words == null) {
            return "";
        }
        // Cards first: a card number written in groups can also look like a phone number followed by digits.
        String carded = CardNumbers.replace(words, "[card]");
        StringBuilder text = new StringBuilder(carded);
        List<ContactDetails.Found> found = ContactDetails.findAllIn(carded);
        for (int i = found.size() - 1; i >= 0; i--) {
            ContactDetails.Found detail = found.get(i);
            text.replace(
                    detail.start(), detail.end(), detail.kind() == ContactDetails.Kind.EMAIL ? "[email]" : "[phone]");
        }
        String redacted = LONG_NUMBER.matcher(text).replaceAll("[phone]");
        return redactPostcodes(redacted);
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
