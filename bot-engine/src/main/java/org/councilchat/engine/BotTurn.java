package org.councilchat.engine;

import java.util.List;

/**
 * The bot's answer to one resident message: its replies, what it has learned so far, and whether the
 * conversation should now go to a person (and why).
 */
public record BotTurn(List<BotReply> replies, Findings findings, HandoffReason handoff) {

    public BotTurn {
        replies = List.copyOf(replies);
    }

    public boolean wantsPerson() {
        return handoff != null;
    }

    /** Why the bot is passing a conversation to a person. */
    public enum HandoffReason {
        RESIDENT_ASKED,
        BOT_COULD_NOT_HELP
    }
}
