package org.councilchat.handoff;

import java.time.Instant;
import java.util.Map;

/**
 * A conversation in the agent queue, with its 1-based position, the resident's language ({@code en} or
 * {@code cy}) and the service it was passed on for ({@code skill}, null for anyone).
 */
public record WaitingChat(
        String conversationId,
        int position,
        Instant waitingSince,
        String reason,
        String preview,
        String language,
        String skill,
        Map<String, String> context) {}
