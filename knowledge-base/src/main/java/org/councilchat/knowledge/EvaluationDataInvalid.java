package org.councilchat.knowledge;

import java.nio.file.Path;

/**
 * An FAQ or query file for a retrieval evaluation could not be used: it is missing, or a line is not in the
 * expected format. The message names the file and the line (0 when the problem is the whole file).
 */
public class EvaluationDataInvalid extends RuntimeException {

    private final Path file;
    private final long line;

    public EvaluationDataInvalid(Path file, long line, String problem) {
        super(file + (line > 0 ? " line " + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    public long line() {
        return line;
    }
}
