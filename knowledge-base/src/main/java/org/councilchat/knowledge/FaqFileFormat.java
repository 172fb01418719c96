package org.councilchat.knowledge;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The formats FAQs are imported from and exported to (README, "FAQ import and export"). */
public enum FaqFileFormat {
    CSV,
    JSONL;

    /** The format a file name implies: .csv, or .jsonl / .ndjson. */
    public static Optional<FaqFileFormat> of(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return Optional.of(CSV);
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return Optional.of(JSONL);
        }
        return Optional.empty();
    }

    /** The format named on a command line ("csv", "jsonl"). */
    public static Optional<FaqFileFormat> named(String name) {
        try {
            return Optional.of(valueOf(name.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
