package org.councilchat.handoff;

/** An administrator changed an agent's languages, skills or chat limit. */
public record AgentSeatChanged(String username) {}
