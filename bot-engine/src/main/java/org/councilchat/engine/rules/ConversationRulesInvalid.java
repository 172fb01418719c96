package org.councilchat.engine.rules;

/** A rules file that cannot be used; the message names the file, the line and what is wrong, for the council's IT team. */
public class ConversationRulesInvalid extends RuntimeException {

    public ConversationRulesInvalid(String message) {
        super(message);
    }
}
