package org.councilchat.knowledge;

import java.util.List;

/** Bin data could not be read; each problem names its file and line. Nothing was imported. */
public class BinDataInvalid extends RuntimeException {

    private final List<String> problems;

    public BinDataInvalid(List<String> problems) {
        super(problems.size() + " problem(s) in the bin data, first: " + problems.getFirst());
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
