package org.councilchat.handoff;

/** A resident taken to have left an agent's chat opened it again; the agent is told. */
public record ResidentCameBack(String conversationId, String agentUsername) {}
