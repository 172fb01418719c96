package org.councilchat.engine.dialogue;

import java.util.ArrayList;
import java.util.List;
import org.councilchat.knowledge.AnswerFeedback;

/** Keeps what the bot tells editors in memory, for tests to inspect. */
final class RecordedFeedback implements AnswerFeedback {

    record Rating(String faqId, boolean helped, String question, String language) {}

    final List<String> unanswered = new ArrayList<>();
    final List<Rating> ratings = new ArrayList<>();
    /** The FAQs given in English to Welsh questions, with the question. */
    final List<Rating> onlyInEnglish = new ArrayList<>();
    /** The council each piece of feedback was kept for, in order. */
    final List<String> councils = new ArrayList<>();

    @Override
    public void unanswered(String councilId, String residentWords, String language) {
        councils.add(councilId);
        unanswered.add(residentWords);
    }

    @Override
    public void rated(String councilId, String faqId, boolean helped, String residentWords, String language) {
        councils.add(councilId);
        ratings.add(new Rating(faqId, helped, residentWords, language));
    }

    @Override
    public void answeredOnlyInEnglish(String councilId, String faqId, String residentWords, String language) {
        councils.add(councilId);
        onlyInEnglish.add(new Rating(faqId, false, residentWords, language));
    }
}
