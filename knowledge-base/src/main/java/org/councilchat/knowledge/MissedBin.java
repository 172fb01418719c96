package org.councilchat.knowledge;

import java.time.LocalDate;

/** What happened when a resident reported a missed bin. */
public sealed interface MissedBin {

    /** Nothing was due recently, so nothing was missed; {@code lastCollection} may be null. */
    record NotDue(String binName, LocalDate lastCollection, LocalDate nextCollection) implements MissedBin {}

    /** Recorded now, with the reference the resident can quote. */
    record Reported(String reference, String binName, LocalDate dueDate) implements MissedBin {}

    /** The same collection was already reported; here is that reference. */
    record AlreadyReported(String reference, String binName, LocalDate dueDate) implements MissedBin {}

    /** The property has no collection of that kind. */
    record NoSuchBin(String stream) implements MissedBin {}
}
