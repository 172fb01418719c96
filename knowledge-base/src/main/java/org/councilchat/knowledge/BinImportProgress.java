package org.councilchat.knowledge;

/** Hears how far a bin data import has got, so a council officer importing a county's properties is not left guessing. */
@FunctionalInterface
public interface BinImportProgress {

    /** For callers that do not show progress. */
    BinImportProgress SILENT = (what, done, total) -> {};

    /**
     * Called as each kind of row goes in.
     *
     * @param what "rounds", "exceptions", "properties" or "property rounds"
     * @param done rows of that kind written so far (not yet committed: the import is all or nothing)
     * @param total rows of that kind to write
     */
    void imported(String what, int done, int total);
}
