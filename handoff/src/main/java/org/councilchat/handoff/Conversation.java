package org.councilchat.handoff;

import java.time.Instant;
import java.util.Map;

/** A conversation as it stands: its state, who has it, and what the bot found out. */
public record Conversation(
        String id,
        ConversationState state,
        String language,
        long lastSeq,
        Instant waitingSince,
        String handoffReason,
        String agentUsername,
        String agentName,
        Map<String, String> context) {

    public Conversation {
        context = context == null ? Map.of() : Map.copyOf(context);
    }
}
