package org.councilchat.handoff;

/** A conversation changed state: queued, taken by an agent, closed. */
public record ConversationMoved(Conversation conversation) {}
