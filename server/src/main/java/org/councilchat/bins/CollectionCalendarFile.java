package org.councilchat.bins;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.councilchat.knowledge.PropertyAddress;
import org.councilchat.knowledge.ScheduledCollection;

/**
 * Writes a property's bin collections as an RFC 5545 calendar residents can subscribe to: one all-day
 * event per collection, with stable UIDs so a refreshed subscription updates rather than duplicates.
 */
final class CollectionCalendarFile {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String CRLF = "\r\n";

    private CollectionCalendarFile() {}

    /** Day names and "moved from" in the resident's language; the calendar itself is the same in either. */
    static String write(PropertyAddress property, List<ScheduledCollection> collections, Instant now, Locale language) {
        boolean welsh = "cy".equals(language.getLanguage());
        DateTimeFormatter usualDay = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", language);
        StringBuilder ics = new StringBuilder();
        line(ics, "BEGIN:VCALENDAR");
        line(ics, "VERSION:2.0");
        line(ics, "PRODID:-//Council Chat//Bin collections//EN");
        line(ics, "CALSCALE:GREGORIAN");
        line(ics, "METHOD:PUBLISH");
        line(ics, "X-WR-CALNAME:" + text((welsh ? "Casgliadau biniau: " : "Bin collections: ") + property.address()));
        for (ScheduledCollection collection : collections) {
            line(ics, "BEGIN:VEVENT");
            line(
                    ics,
                    "UID:" + property.uprn() + "-" + collection.stream() + "-"
                            + collection.date().format(DAY) + "@council-chat");
            line(ics, "DTSTAMP:" + STAMP.format(now));
            line(ics, "DTSTART;VALUE=DATE:" + collection.date().format(DAY));
            line(ics, "DTEND;VALUE=DATE:" + collection.date().plusDays(1).format(DAY));
            line(ics, "SUMMARY:" + text(collection.binNameIn(language)));
            if (collection.change() != null) {
                line(
                        ics,
                        "DESCRIPTION:"
                                + text((welsh ? "Wedi symud o " : "Moved from ")
                                        + collection.change().usualDate().format(usualDay) + ": "
                                        + collection.change().reason(language)));
            }
            line(ics, "TRANSP:TRANSPARENT");
            line(ics, "END:VEVENT");
        }
        line(ics, "END:VCALENDAR");
        return ics.toString();
    }

    /**
     * RFC 5545 TEXT escaping: backslash, semicolon, comma, and a line break of any kind (CR, LF or both) as
     * {@code \\n}. Other control characters are not allowed in TEXT and are left out: a bare CR would end the
     * content line and let the rest of a reason start a property of its own.
     */
    static String text(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case ';' -> escaped.append("\\;");
                case ',' -> escaped.append("\\,");
                case '\r' -> {
                    escaped.append("\\n");
                    if (i + 1 < value.length() && value.charAt(i + 1) == '\n') {
                        i++;
                    }
                }
                case '\n' -> escaped.append("\\n");
                default -> {
                    if (c == '\t' || !Character.isISOControl(c)) {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }

    /** Folds lines longer than 75 octets, as the RFC requires, without splitting a UTF-8 character. */
    private static void line(StringBuilder ics, String content) {
        StringBuilder current = new StringBuilder();
        int octets = 0;
        for (int i = 0; i < content.length(); ) {
            int codePoint = content.codePointAt(i);
            String character = new String(Character.toChars(codePoint));
            int size = character.getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > 75) {
                ics.append(current).append(CRLF);
                current.setLength(0);
                current.append(' ');
                octets = 1;
            }
            current.append(character);
            octets += size;
            i += Character.charCount(codePoint);
        }
        ics.append(current).append(CRLF);
    }
}
