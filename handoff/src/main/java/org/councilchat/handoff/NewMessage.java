package org.councilchat.handoff;

import java.util.List;
import org.councilchat.engine.BotReply;
import org.councilchat.knowledge.Answer;

/**
 * A message to add to a transcript; {@code clientMessageId} (optional) makes resends idempotent; {@code answer}
 * is an FAQ answer's own structure, when the message is one.
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
        Answer answer) {

    public static NewMessage typed(
            String conversationId, Sender sender, String senderName, String text, String clientMessageId) {
        return new NewMessage(
                conversationId, sender, senderName, text, List.of(), List.of(), List.of(), clientMessageId, null);
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
                reply.answer());
    }
}
