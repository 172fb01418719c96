package org.councilchat.handoff;

/**
 * A waiting chat was given to an agent without their asking (auto-assignment). The agent's console receives it
 * as it would a chat they accepted; the resident has already been told who joined.
 */
public record ChatAssigned(Conversation conversation) {}
