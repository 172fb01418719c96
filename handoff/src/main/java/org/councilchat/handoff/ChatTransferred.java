package org.councilchat.handoff;

/**
 * An agent passed a chat on: to a colleague (the conversation is {@code WITH_AGENT} them) or back to the queue
 * ({@code WAITING}). Published before the resident is told, so the colleague's console has the chat first.
 */
public record ChatTransferred(Conversation conversation, String fromUsername, String fromName) {}
