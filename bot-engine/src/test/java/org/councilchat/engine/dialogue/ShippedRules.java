package org.councilchat.engine.dialogue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.stream.Stream;
import org.councilchat.engine.IntentClassifier;
import org.councilchat.engine.rules.ConversationRules;
import org.councilchat.engine.rules.LiveConversationRules;
import org.springframework.context.MessageSource;

/** The conversation rules the bot ships with, checked against a test's intent model and message bundles. */
final class ShippedRules {

    private ShippedRules() {}

    static LiveConversationRules against(IntentClassifier intents, MessageSource messages) {
        try (InputStream yaml = ShippedRules.class.getResourceAsStream("/dialogue/conversation-rules.yml")) {
            return LiveConversationRules.fixed(
                    ConversationRules.read(yaml, "conversation-rules.yml", checks(intents, messages)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ConversationRules.Checks checks(IntentClassifier intents, MessageSource messages) {
        return new ConversationRules.Checks(
                intents.knownIntents(),
                key -> Stream.of(Locale.UK, Locale.forLanguageTag("cy"))
                        .allMatch(language -> messages.getMessage(key, null, null, language) != null));
    }
}
