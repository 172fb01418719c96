package org.councilchat.handoff;

/**
 * A resident or an agent started or stopped typing in a conversation with an agent. Never stored: it only
 * tells the other side that an answer is on its way.
 *
 * @param who {@link Sender#RESIDENT} or {@link Sender#AGENT}
 * @param name the agent's display name when the agent is typing, otherwise null
 * @param agentUsername the agent who holds the conversation
 */
public record TypingChanged(String conversationId, Sender who, String name, String agentUsername, boolean typing) {}
