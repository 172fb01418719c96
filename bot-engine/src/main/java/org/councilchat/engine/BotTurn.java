package org.councilchat.engine;

import java.util.List;
import java.util.Locale;

/**
 * The bot's answer to one resident message: its replies, what it has learned so far, whether the
 * conversation should now go to a person (and why), and the language to carry on in (the resident may have
 * asked for the other one by typing "Cymraeg" or "English").
 */
public record BotTurn(List<BotReply> replies, Findings findings, HandoffReason handoff, Locale language) {

    public BotTurn {
        replies = List.copyOf(replies);
    }

    public boolean wantsPerson() {
        return handoff != null;
    }

    /** True when the chat must go to the front of the queue. */
    public boolean urgent() {
        return handoff == HandoffReason.SAFEGUARDING;
    }

    /** Why the bot is passing a conversation to a person. */
    public enum HandoffReason {
        RESIDENT_ASKED,
        BOT_COULD_NOT_HELP,
        /** A disclosure of risk: emergency contacts were shown, and the chat is urgent whatever the hours. */
        SAFEGUARDING
    }
}
