package org.councilchat.handoff;

import java.time.Instant;
import java.util.List;
import org.councilchat.engine.BotReply.Link;
import org.councilchat.engine.BotReply.QuickReply;
import org.councilchat.knowledge.Answer;

/**
 * One stored message of a transcript; {@code seq} numbers a conversation's messages 1, 2, 3, ...; {@code answer}
 * is an FAQ answer's own structure (null for any other message), which pages show in place of the flattened
 * {@code text}, {@code lines} and {@code links}; {@code photo} is the photo a resident sent (null for any other
 * message), whose {@code text} says in words that a photo was sent; {@code language} is the language a resident's
 * message was written in ({@code en} or {@code cy}), or null where it could not be told ("MB1 1AA", "ok") or the
 * message is not a resident's words.
 */
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
        Instant sentAt,
        Answer answer,
        Photo photo,
        String language) {

    public ChatMessage {
        lines = lines == null ? List.of() : List.copyOf(lines);
        links = links == null ? List.of() : List.copyOf(links);
        buttons = buttons == null ? List.of() : List.copyOf(buttons);
    }
}
