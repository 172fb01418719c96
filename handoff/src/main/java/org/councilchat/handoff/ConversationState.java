package org.councilchat.handoff;

/** Where a conversation is: with the bot, waiting for an agent, with an agent, or finished. */
public enum ConversationState {
    BOT,
    WAITING,
    WITH_AGENT,
    CLOSED
}
