package org.councilchat.handoff;

import java.time.Instant;
import java.util.List;
import org.councilchat.engine.BotReply.Link;
import org.councilchat.engine.BotReply.QuickReply;

/** One stored message of a transcript; {@code seq} numbers a conversation's messages 1, 2, 3, ... */
public record ChatMessage(
        String conversationId,
        long seq,
        Sender sender,
        String senderName,
        String text,
        List<String> lines,
        List<Link> links,
        List<QuickReply> buttons,
        String clientMessageId,
        Instant sentAt) {

    public ChatMessage {
        lines = lines == null ? List.of() : List.copyOf(lines);
        links = links == null ? List.of() : List.copyOf(links);
        buttons = buttons == null ? List.of() : List.copyOf(buttons);
    }
}
