package org.councilchat.engine.rules;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** One step of a {@link ConversationRule}, as written in the rules file. */
public sealed interface RuleStep {

    /** Words from the message bundles; {0} is the bot's name and {@code arguments} are {1}, {2}, .... */
    record Say(String messageKey, List<String> arguments) implements RuleStep {
        public Say {
            arguments = List.copyOf(arguments);
        }
    }

    /** A link card under the words said before it. */
    record LinkCard(String textKey, String url) implements RuleStep {}

    /** Buttons under the words said before it. */
    record Buttons(List<Button> buttons) implements RuleStep {
        public Buttons {
            buttons = List.copyOf(buttons);
        }
    }

    /**
     * The knowledge base's confident answer, if it has one, followed by "Did this answer your question?"; the
     * rule's later steps are for when it has none.
     */
    record AnswerFromKnowledgeBase() implements RuleStep {}

    /** A form that asks for what it still needs, then looks up or records it. */
    record StartForm(Form form) implements RuleStep {}

    /** To an adviser in opening hours; otherwise the offer to leave a message. */
    record HandOver() implements RuleStep {}

    /** What the bot can help with, as buttons. */
    record Topics() implements RuleStep {}

    /** The bot's own buttons a rule may show. */
    enum Button {
        PERSON,
        TOPICS,
        BIN_DAY,
        MISSED_BIN,
        COUNCIL_TAX,
        LEAVE_MESSAGE;

        /** As written in the rules file: person, bin-day, .... */
        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Optional<Button> byKey(String key) {
            return Arrays.stream(values()).filter(b -> b.key().equals(key)).findFirst();
        }
    }

    /** The forms the bot has: each checks what the resident gives against live data. */
    enum Form {
        BIN_DAY,
        MISSED_BIN,
        LEAVE_MESSAGE;

        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Optional<Form> byKey(String key) {
            return Arrays.stream(values()).filter(f -> f.key().equals(key)).findFirst();
        }
    }
}
