package org.councilchat.engine.rules;

import java.util.List;

/**
 * What the bot does when it recognises an intent.
 *
 * @param name the rule's name, for people reading errors and logs
 * @param service the council service the intent belongs to (routes a handoff to advisers with that skill), or
 *     null
 * @param minConfidence how sure the intent model must be, or null for the engine's threshold
 * @param line where the rule starts in its file, for error messages
 */
public record ConversationRule(
        String name, String intent, String service, Double minConfidence, List<RuleStep> steps, int line) {

    public ConversationRule {
        steps = List.copyOf(steps);
    }
}
