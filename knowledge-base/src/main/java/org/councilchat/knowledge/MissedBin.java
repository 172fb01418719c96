package org.councilchat.knowledge;

import java.time.LocalDate;
import java.util.Locale;

/** What happened when a resident reported a missed bin; each bin is named in English and in Welsh. */
public sealed interface MissedBin {

    /** Nothing was due recently, so nothing was missed; {@code lastCollection} may be null. */
    record NotDue(String binName, LocalDate lastCollection, LocalDate nextCollection, String welshBinName)
            implements MissedBin {

        public String binNameIn(Locale language) {
            return NextCollection.inWelsh(language) ? welshBinName : binName;
        }
    }

    /** Recorded now, with the reference the resident can quote. */
    record Reported(String reference, String binName, LocalDate dueDate, String welshBinName) implements MissedBin {

        public String binNameIn(Locale language) {
            return NextCollection.inWelsh(language) ? welshBinName : binName;
        }
    }

    /** The same collection was already reported; here is that reference. */
    record AlreadyReported(String reference, String binName, LocalDate dueDate, String welshBinName)
            implements MissedBin {

        public String binNameIn(Locale language) {
            return NextCollection.inWelsh(language) ? welshBinName : binName;
        }
    }

    /** The property has no collection of that kind. */
    record NoSuchBin(String stream) implements MissedBin {}
}
