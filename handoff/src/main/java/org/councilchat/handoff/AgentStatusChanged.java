package org.councilchat.handoff;

/**
 * An agent came online, went away, came back, went offline, or their console became ready to receive chats:
 * who could take a chat now may have changed.
 */
public record AgentStatusChanged(String username, AgentPresence.Status status) {}
