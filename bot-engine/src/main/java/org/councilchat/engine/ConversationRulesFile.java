package org.councilchat.engine;

import java.io.InputStream;
import org.councilchat.engine.rules.ConversationRules;
import org.councilchat.engine.rules.ConversationRulesInvalid;
import org.springframework.context.MessageSource;

/** Checks a council's conversation rules file before it is deployed, as the running bot would check it. */
public final class ConversationRulesFile {

    private ConversationRulesFile() {}

    /**
     * Reads and checks the rules against the intent model and the message bundles (English and Welsh).
     *
     * @return how many rules the file has
     * @throws IllegalArgumentException naming the file, the line and what is wrong
     */
    public static int check(InputStream yaml, String name, IntentClassifier intents, MessageSource messages) {
        try {
            return ConversationRules.read(yaml, name, ConversationRules.Checks.against(intents, messages))
                    .rules()
                    .size();
        } catch (ConversationRulesInvalid invalid) {
            throw new IllegalArgumentException(invalid.getMessage(), invalid);
        }
    }
}
