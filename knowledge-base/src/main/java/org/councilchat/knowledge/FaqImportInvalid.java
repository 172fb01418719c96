package org.councilchat.knowledge;

import java.util.List;

/** An FAQ file could not be imported; each problem names the file, the line and the column or field. Nothing was saved. */
public class FaqImportInvalid extends RuntimeException {

    private final List<String> problems;

    public FaqImportInvalid(List<String> problems) {
        super(problems.size() + " problem(s) in the FAQ file, first: " + problems.getFirst());
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
