package org.councilchat.knowledge;

/**
 * A value someone else chose (a name typed at sign-in, a link on a crawled page, a file name, a STOMP
 * destination), made safe to put in a log line: line breaks and other control characters are written as
 * escapes, so the value cannot start a forged log line or hide the rest of this one, and a long value is cut.
 */
public final class LoggedValue {

    /** Enough for any URL or name worth reading in a log. */
    static final int LONGEST = 300;

    private LoggedValue() {}

    /** {@code value} with CR, LF, other control, line-separator and bidi characters escaped as {@code \\uXXXX}. */
    public static String of(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value.toString();
        StringBuilder safe = new StringBuilder(Math.min(text.length(), LONGEST) + 8);
        int i = 0;
        for (; i < text.length() && safe.length() < LONGEST; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> safe.append("\\r");
                case '\n' -> safe.append("\\n");
                case '\t' -> safe.append("\\t");
                default -> {
                    if (Character.isISOControl(c)
                            || Character.getType(c) == Character.FORMAT
                            || Character.getType(c) == Character.LINE_SEPARATOR
                            || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                        safe.append(String.format("\\u%04X", (int) c));
                    } else {
                        safe.append(c);
                    }
                }
            }
        }
        if (i < text.length()) {
            safe.append("...");
        }
        return safe.toString();
    }
}
