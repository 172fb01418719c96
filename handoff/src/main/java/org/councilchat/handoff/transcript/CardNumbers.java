package org.councilchat.handoff.transcript;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds payment card numbers in what people type, so that none is ever stored, shown to an agent or passed to
 * the bot: a council must not take card details over chat (PCI DSS), however helpful the resident means to
 * be. A card number is 13 to 19 digits, as people type them (with spaces or dashes), that pass the Luhn
 * check every card number passes; most other long numbers, such as references, fail it and are left alone.
 */
public final class CardNumbers {

    private static final Pattern CANDIDATE = Pattern.compile("(?<![0-9])[0-9](?:[ -]?[0-9]){12,18}(?![0-9])");

    private CardNumbers() {}

    /** The text with every card number replaced by {@code replacement}; the same text when there is none. */
    public static String replace(String text, String replacement) {
        Matcher candidates = CANDIDATE.matcher(text);
        StringBuilder result = new StringBuilder();
        boolean found = false;
        while (candidates.find()) {
            if (luhn(candidates.group())) {
                candidates.appendReplacement(result, Matcher.quoteReplacement(replacement));
                found = true;
            }
        }
        if (!found) {
            return text;
        }
        candidates.appendTail(result);
        return result.toString();
    }

    public static boolean contains(String text) {
        Matcher candidates = CANDIDATE.matcher(text);
        while (candidates.find()) {
            if (luhn(candidates.group())) {
                return true;
            }
        }
        return false;
    }

    static boolean luhn(String typed) {
        String digits = typed.replaceAll("[^0-9]", "");
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}
