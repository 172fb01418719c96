package org.councilchat.engine;

import java.io.IOException;

/**
 * A training file was refused: it names the file, the line (1-based) and what is wrong there, so a council
 * can fix it. Nothing from a refused file is used.
 */
public class TrainingDataInvalid extends IOException {

    private final String source;
    private final int line;
    private final String reason;

    public TrainingDataInvalid(String source, int line, String reason) {
        super(source + (line > 0 ? " line " + line : "") + ": " + reason);
        this.source = source;
        this.line = line;
        this.reason = reason;
    }

    public String source() {
        return source;
    }

    /** The 1-based line of the problem, or 0 when it is about the whole file. */
    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
