package org.councilchat.handoff;

import java.time.Instant;
import java.util.Map;

/** A conversation in the agent queue, with its 1-based position. */
public record WaitingChat(
        String conversationId,
        int position,
        Instant waitingSince,
        String reason,
        String preview,
        Map<String, String> context) {}
