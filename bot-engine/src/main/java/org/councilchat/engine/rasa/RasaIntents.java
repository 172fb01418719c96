package org.councilchat.engine.rasa;

import org.councilchat.engine.IntentClassifier;
import org.councilchat.engine.IntentRanking;
import org.councilchat.engine.RasaClient;
import org.councilchat.engine.RasaUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Understanding from a Rasa server ({@code council-chat.rasa.nlu: rasa}); whenever Rasa cannot answer, the
 * built-in model does, so residents never see an outage.
 */
public final class RasaIntents implements IntentClassifier {

    private static final Logger log = LoggerFactory.getLogger(RasaIntents.class);

    private final RasaClient rasa;
    private final IntentClassifier builtin;

    public RasaIntents(RasaClient rasa, IntentClassifier builtin) {
        this.rasa = rasa;
        this.builtin = builtin;
    }

    @Override
    public IntentRanking classify(String residentWords) {
        if (!rasa.available()) {
            return builtin.classify(residentWords);
        }
        try {
            return rasa.parse(residentWords).ranking();
        } catch (RasaUnavailable down) {
            // Never the message itself: residents type addresses and phone numbers.
            log.warn("Rasa could not understand a message ({}); the built-in model answered", down.getMessage());
            return builtin.classify(residentWords);
        }
    }
}
