package org.councilchat.handoff;

import java.util.List;

/**
 * What an agent is told about a chat, in words: what it is about and why it came to a person ("Bin day, then
 * asked for a person"), and what the bot learned as labelled facts. Never an intent id or a confidence score:
 * those are the bot's workings, not the resident's situation.
 *
 * @param topic one line; null when the bot learned nothing and the chat did not come through the bot
 * @param urgent the resident disclosed a risk: the console shows it in red with a label, sounds an alert that
 *     muting does not silence, and the supervisor's live view shows how long it has waited
 */
public record ChatSummary(String topic, List<Fact> facts, boolean urgent) {

    public ChatSummary {
        facts = facts == null ? List.of() : List.copyOf(facts);
    }

    /**
     * One thing the bot learned ("Postcode", "MB1 1AA").
     *
     * @param key which finding it is ({@code postcode}, {@code service}, ...), for a page to pick facts by; never
     *     shown
     */
    public record Fact(String key, String label, String value) {}
}
