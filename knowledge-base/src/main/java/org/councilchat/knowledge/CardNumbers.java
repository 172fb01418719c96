package org.councilchat.knowledge;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds payment card numbers in what people type, so that none is ever stored, shown to an agent or passed to
 * the bot: a council must not take card details over chat (PCI DSS), however helpful the resident means to
 * be. The one definition of a card number, used wherever text is kept (transcripts, cases, notes, content
 * gaps).
 *
 * <p>A card number is 13 to 19 digits that pass the Luhn check every card number passes; most other long
 * numbers, such as references, fail it and are left alone. Digits are read as Unicode reads them, so a number
 * typed in full-width, Arabic-Indic or Devanagari digits is still one (anything NFKC folds to a decimal digit).
 * Between groups of digits people type spaces (any space separator), dashes, dots or slashes, at most {@value
 * #LONGEST_GAP} of them; zero-width and other format characters are ignored wherever they are. Only whole
 * groups make up a number, so the digits of one number are never joined to the next one's.
 */
public final class CardNumbers {

    private static final int SHORTEST = 13;
    private static final int LONGEST = 19;

    /** Separators between two groups of one number; "4111 - 1111" is still one number, a sentence is not. */
    static final int LONGEST_GAP = 3;

    private CardNumbers() {}

    /** The text with every card number replaced by {@code replacement}; the same text when there is none. */
    public static String replace(String text, String replacement) {
        List<Span> cards = find(text, false);
        if (cards.isEmpty()) {
            return text;
        }
        StringBuilder result = new StringBuilder(text.length());
        int from = 0;
        for (Span card : cards) {
            result.append(text, from, card.start()).append(replacement);
            from = card.end();
        }
        return result.append(text, from, text.length()).toString();
    }

    public static boolean contains(String text) {
        return !find(text, true).isEmpty();
    }

    /** Where the card numbers are, in order; only the first when {@code first} is set. */
    private static List<Span> find(String text, boolean first) {
        List<Span> cards = new ArrayList<>();
        if (text == null) {
            return cards;
        }
        List<Group> run = new ArrayList<>();
        int gap = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            switch (kind(cp)) {
                case IGNORED -> {}
                case DIGIT -> {
                    if (run.isEmpty() || gap > 0) {
                        run.add(new Group(i));
                    }
                    run.getLast().add(digit(cp), next);
                    gap = 0;
                }
                case SEPARATOR -> {
                    if (!run.isEmpty() && ++gap > LONGEST_GAP) {
                        cardsIn(run, cards);
                        run.clear();
                    }
                    if (run.isEmpty()) {
                        gap = 0;
                    }
                }
                case OTHER -> {
                    cardsIn(run, cards);
                    run.clear();
                    gap = 0;
                }
            }
            if (first && !cards.isEmpty()) {
                return cards;
            }
            i = next;
        }
        cardsIn(run, cards);
        return cards;
    }

    /**
     * The card numbers among consecutive groups of digits: from each group, the longest stretch of whole groups
     * that is one; the search goes on after it.
     */
    private static void cardsIn(List<Group> run, List<Span> cards) {
        int from = 0;
        while (from < run.size()) {
            int found = -1;
            StringBuilder digits = new StringBuilder();
            for (int to = from; to < run.size() && digits.length() + run.get(to).length() <= LONGEST; to++) {
                digits.append(run.get(to).digits);
                if (digits.length() >= SHORTEST && luhn(digits)) {
                    found = to;
                }
            }
            if (found < 0) {
                from++;
            } else {
                cards.add(new Span(run.get(from).start, run.get(found).end));
                from = found + 1;
            }
        }
    }

    static boolean luhn(CharSequence digits) {
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

    private enum Kind {
        DIGIT,
        SEPARATOR,
        IGNORED,
        OTHER
    }

    private static Kind kind(int cp) {
        if (cp >= '0' && cp <= '9') {
            return Kind.DIGIT;
        }
        if (cp == ' ' || cp == '-' || cp == '.' || cp == '/') {
            return Kind.SEPARATOR;
        }
        if (cp < 0x80) {
            return Kind.OTHER;
        }
        int type = Character.getType(cp);
        if (type == Character.FORMAT) {
            return Kind.IGNORED;
        }
        if (type == Character.DECIMAL_DIGIT_NUMBER) {
            return Kind.DIGIT;
        }
        if (Character.isSpaceChar(cp) || type == Character.DASH_PUNCTUATION || cp == '\u2212') {
            return Kind.SEPARATOR;
        }
        // Full-width stops and slashes, circled or superscript digits: what NFKC makes of them.
        String folded = Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFKC);
        if (folded.codePointCount(0, folded.length()) == 1 && folded.codePointAt(0) != cp) {
            return kind(folded.codePointAt(0));
        }
        return Kind.OTHER;
    }

    /** The value of a code point {@link #kind} found to be a digit. */
    private static char digit(int cp) {
        int value = Character.digit(cp, 10);
        if (value < 0) {
            String folded = Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFKC);
            value = Character.digit(folded.codePointAt(0), 10);
        }
        return (char) ('0' + value);
    }

    /**
     * Digits typed together, and where they are in the text. Only the first {@code LONGEST + 1} digits are
     * kept: a longer group is no card, and a megabyte of digits must not cost a megabyte per digit.
     */
    private static final class Group {
        private final StringBuilder digits = new StringBuilder();
        private final int start;
        private int end;
        private int length;

        Group(int start) {
            this.start = start;
        }

        void add(char digit, int newEnd) {
            if (length <= LONGEST) {
                digits.append(digit);
            }
            length++;
            end = newEnd;
        }

        int length() {
            return length;
        }
    }

    private record Span(int start, int end) {}
}
