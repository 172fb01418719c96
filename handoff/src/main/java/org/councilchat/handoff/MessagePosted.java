package org.councilchat.handoff;

/** A message was stored in a conversation's transcript (published after it is committed). */
public record MessagePosted(ChatMessage message, ConversationState conversationState, String agentUsername) {}
