package org.councilchat.engine.dialogue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.councilchat.engine.IntentClassifier;
import org.councilchat.engine.rules.ConversationRules;
import org.councilchat.engine.rules.CouncilConversationRules;
import org.councilchat.engine.rules.LiveConversationRules;
import org.springframework.context.MessageSource;

/** The conversation rules the bot ships with, checked against a test's intent model and message bundles. */
final class ShippedRules {

    private ShippedRules() {}

    static CouncilConversationRules against(IntentClassifier intents, MessageSource messages) {
        try (InputStream yaml = ShippedRules.class.getResourceAsStream("/dialogue/conversation-rules.yml")) {
            return CouncilConversationRules.everywhere(LiveConversationRules.fixed(ConversationRules.read(
                    yaml, "conversation-rules.yml", ConversationRules.Checks.against(intents, messages))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
