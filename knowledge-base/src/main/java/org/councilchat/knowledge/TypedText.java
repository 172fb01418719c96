package org.councilchat.knowledge;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.Supplier;

/**
 * What people type (residents' messages, messages they leave, rating comments, staff's notes), made fit to
 * keep: the one place that decides what counts as blank and what comes out before anything is stored, shown
 * to someone else or passed to the bot, whichever channel it came in by.
 *
 * <p>{@link #cleaned} takes out card numbers ({@link CardNumbers}), replaced by a notice in the chat's
 * language; bidirectional-text controls left open, which would otherwise reorder whatever is shown after the
 * text (an agent's buttons, the next message); and invisible characters at either end. A text of nothing but
 * spaces of any kind, format characters and other invisible characters is blank: it is never stored.
 */
public final class TypedText {

    private static final String BUNDLE = "i18n/knowledge";

    private TypedText() {}

    /** True for null, empty, or nothing a reader could see: spaces of every kind, format and control characters. */
    public static boolean isBlank(String text) {
        if (text == null) {
            return true;
        }
        return text.codePoints().allMatch(TypedText::invisible);
    }

    /** The text without invisible characters at either end; empty for null. */
    public static String strip(String text) {
        if (text == null) {
            return "";
        }
        int start = 0;
        int end = text.length();
        while (start < end && invisible(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (end > start && invisible(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        return text.substring(start, end);
    }

    /**
     * The text as it may be kept: card numbers replaced by a notice in {@code language}, unpaired bidi
     * controls taken out, stripped. Empty when nothing visible is left, so callers refuse it as empty.
     */
    public static String cleaned(String text, Locale language) {
        return cleaned(text, () -> language);
    }

    /**
     * As {@link #cleaned(String, Locale)}, asking for the language only when there is a card number to replace,
     * so that the ordinary message costs no look-up.
     */
    public static String cleaned(String text, Supplier<Locale> language) {
        String kept = strip(withoutUnpairedBidiControls(strip(text)));
        if (kept.isEmpty() || !CardNumbers.contains(kept)) {
            return kept;
        }
        return CardNumbers.replace(kept, cardNumberRemoved(language.get()));
    }

    /** What a card number becomes: "[card number removed]", in Welsh for a Welsh chat. */
    public static String cardNumberRemoved(Locale language) {
        Locale locale = language != null && "cy".equals(language.getLanguage()) ? Locale.of("cy") : Locale.ROOT;
        return ResourceBundle.getBundle(
                        BUNDLE,
                        locale,
                        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES))
                .getString("typed.cardNumberRemoved");
    }

    /**
     * The text without the bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) that
     * are not closed within it, and without closers that close nothing. Paired ones stay: a resident writing
     * Arabic or Hebrew among English words may need them, and they cannot reach beyond the text.
     */
    public static String withoutUnpairedBidiControls(String text) {
        if (text == null || text.chars().noneMatch(TypedText::bidiControl)) {
            return text;
        }
        boolean[] drop = new boolean[text.length()];
        Deque<Integer> open = new ArrayDeque<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u2029') {
                // A new paragraph closes whatever was open, so nothing stays open across one.
                open.forEach(unclosed -> drop[unclosed] = true);
                open.clear();
            } else if (isolateOpener(c) || embeddingOpener(c)) {
                open.push(i);
            } else if (c == '\u202C') {
                if (!open.isEmpty() && embeddingOpener(text.charAt(open.peek()))) {
                    open.pop();
                } else {
                    drop[i] = true;
                }
            } else if (c == '\u2069') {
                if (open.stream().anyMatch(opener -> isolateOpener(text.charAt(opener)))) {
                    // An isolate's closer also closes the embeddings opened inside it, which were left open.
                    while (!isolateOpener(text.charAt(open.peek()))) {
                        drop[open.pop()] = true;
                    }
                    open.pop();
                } else {
                    drop[i] = true;
                }
            }
        }
        open.forEach(unclosed -> drop[unclosed] = true);
        StringBuilder kept = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (!drop[i]) {
                kept.append(text.charAt(i));
            }
        }
        return kept.toString();
    }

    private static boolean bidiControl(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    private static boolean embeddingOpener(char c) {
        return c == '\u202A' || c == '\u202B' || c == '\u202D' || c == '\u202E';
    }

    private static boolean isolateOpener(char c) {
        return c >= '\u2066' && c <= '\u2068';
    }

    private static boolean invisible(int cp) {
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        if (type == Character.FORMAT || type == Character.CONTROL) {
            return true;
        }
        // Characters that draw nothing though Unicode calls them letters or marks: the combining grapheme
        // joiner, Hangul fillers, Khmer inherent vowels, Mongolian selectors, the blank Braille pattern and
        // variation selectors.
        return cp == 0x034F
                || cp == 0x115F
                || cp == 0x1160
                || cp == 0x17B4
                || cp == 0x17B5
                || (cp >= 0x180B && cp <= 0x180F)
                || cp == 0x2800
                || cp == 0x3164
                || (cp >= 0xFE00 && cp <= 0xFE0F)
                || cp == 0xFFA0
                || (cp >= 0xE0100 && cp <= 0xE01EF);
    }
}
