package org.councilchat.knowledge;

import java.time.LocalDate;
import java.util.Locale;

/**
 * One collection on a day, for calendars and lists; {@code change} says why it is not on its usual day, and
 * {@code welshBinName} is the bin's Welsh name (the council's, or one made as {@link NextCollection#welshNameFor}).
 */
public record ScheduledCollection(
        String binName, String stream, LocalDate date, NextCollection.Change change, String welshBinName) {

    public ScheduledCollection {
        if (welshBinName == null || welshBinName.isBlank()) {
            welshBinName = NextCollection.welshNameFor(stream, null, binName);
        }
    }

    /** A collection whose bin the council named in English only. */
    public ScheduledCollection(String binName, String stream, LocalDate date, NextCollection.Change change) {
        this(binName, stream, date, change, null);
    }

    /** The bin's name in the resident's language. */
    public String binNameIn(Locale language) {
        return NextCollection.inWelsh(language) ? welshBinName : binName;
    }
}
