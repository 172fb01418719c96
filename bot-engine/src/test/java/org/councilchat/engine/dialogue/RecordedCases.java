package org.councilchat.engine.dialogue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.councilchat.engine.CaseIntake;

/** Keeps the cases the bot opens in memory, numbered CASE-1, CASE-2, ..., for tests to inspect. */
final class RecordedCases implements CaseIntake {

    final List<NewCase> opened = new ArrayList<>();
    final Map<String, String> contactsAdded = new LinkedHashMap<>();

    @Override
    public String open(NewCase newCase) {
        opened.add(newCase);
        return "CASE-" + opened.size();
    }

    @Override
    public void addContact(String reference, String contact) {
        contactsAdded.putIfAbsent(reference, contact);
    }
}
