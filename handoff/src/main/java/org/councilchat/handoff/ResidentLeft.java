package org.councilchat.handoff;

/**
 * A resident with an agent closed the page or lost the connection and did not come back within
 * {@code council-chat.handoff.resident-grace-period}: the chat stays with the agent, who is told.
 */
public record ResidentLeft(String conversationId, String agentUsername) {}
