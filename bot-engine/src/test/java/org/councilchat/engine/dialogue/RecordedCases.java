package org.councilchat.engine.dialogue;

import java.util.ArrayList;
import java.util.List;
import org.councilchat.engine.CaseIntake;

/** Keeps the cases the bot opens in memory, numbered CASE-1, CASE-2, ..., for tests to inspect. */
final class RecordedCases implements CaseIntake {

    final List<NewCase> opened = new ArrayList<>();

    @Override
    public String open(NewCase newCase) {
        opened.add(newCase);
        return "CASE-" + opened.size();
    }
}
