package org.councilchat.handoff;

import java.util.List;
import org.councilchat.engine.BotReply;
import org.councilchat.knowledge.Answer;

/**
 * A message to add to a transcript; {@code clientMessageId} (optional) makes resends idempotent; {@code answer}
 * is an FAQ answer's own structure, when the message is one; {@code photo} the resident's photo, when it is one.
 */
public record NewMessage(
        String conversationId,
        Sender sender,
        String senderName,
        String text,
        List<String> lines,
        List<BotReply.Link> links,
        List<BotReply.QuickReply> buttons,
        String clientMessageId,
        Answer answer,
        Photo photo) {

    public static NewMessage typed(
            String conversationId, Sender sender, String senderName, String text, String clientMessageId) {
        return new NewMessage(
                conversationId, sender, senderName, text, List.of(), List.of(), List.of(), clientMessageId, null, null);
    }

    public static NewMessage fromBot(String conversationId, String botName, BotReply reply) {
        return new NewMessage(
                conversationId,
                Sender.BOT,
                botName,
                reply.text(),
                reply.lines(),
                reply.links(),
                reply.buttons(),
                null,
                reply.answer(),
                null);
    }

    /** A photo the resident sent, with {@code text} saying so in words for the transcript and screen readers. */
    public static NewMessage photo(String conversationId, String text, String clientMessageId, Photo photo) {
        return new NewMessage(
                conversationId,
                Sender.RESIDENT,
                null,
                text,
                List.of(),
                List.of(),
                List.of(),
                clientMessageId,
                null,
                photo);
    }
}
