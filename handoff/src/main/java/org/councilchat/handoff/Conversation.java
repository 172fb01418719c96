package org.councilchat.handoff;

import java.time.Instant;
import java.util.Map;

/**
 * A conversation as it stands: its state, who has it (and since when), the service it waits for when an agent
 * passed it back to the queue for a skill ({@code skill}, else null), and what the bot found out. It belongs to one
 * council ({@code councilId}, see {@code org.councilchat.councils}): only that council's staff may see or take it.
 */
public record Conversation(
        String id,
        String councilId,
        ConversationState state,
        String language,
        long lastSeq,
        Instant waitingSince,
        String handoffReason,
        String agentUsername,
        String agentName,
        Instant acceptedAt,
        String skill,
        Map<String, String> context) {

    public Conversation {
        context = context == null ? Map.of() : Map.copyOf(context);
    }
}
