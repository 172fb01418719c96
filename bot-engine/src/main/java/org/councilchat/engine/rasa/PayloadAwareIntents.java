package org.councilchat.engine.rasa;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.councilchat.engine.IntentClassifier;
import org.councilchat.engine.IntentRanking;
import org.councilchat.engine.IntentScore;
import org.councilchat.engine.RasaPayload;

/**
 * Honours Rasa button payloads ({@code /bin_day{"postcode": "MB1 1AA"}}) wherever a message comes from: the
 * payload names the intent, with full confidence, and only other text goes to the model.
 */
public final class PayloadAwareIntents implements IntentClassifier {

    private final IntentClassifier model;

    public PayloadAwareIntents(IntentClassifier model) {
        this.model = model;
    }

    @Override
    public IntentRanking classify(String residentWords) {
        var payload = RasaPayload.parse(residentWords);
        if (payload.isEmpty()) {
            return model.classify(residentWords);
        }
        List<IntentScore> scores = new ArrayList<>();
        scores.add(new IntentScore(payload.get().intent(), 1.0));
        return new IntentRanking(scores);
    }

    @Override
    public java.util.Set<String> knownIntents() {
        return model.knownIntents();
    }

    @Override
    public Optional<String> modelVersion() {
        return model.modelVersion();
    }

    public IntentClassifier model() {
        return model;
    }
}
