package org.councilchat.engine;

import java.util.List;
import org.councilchat.knowledge.Answer;

/**
 * One message from the bot: plain text (never HTML; line breaks are meaningful), optional list lines,
 * links and quick-reply buttons whose payload is sent back as if the resident had typed it.
 *
 * @param answer an FAQ answer's own structure (headings, lists and tables with links in place, and its source
 *     page), or null. Pages that can show it show it instead of {@code text}, {@code lines} and {@code links},
 *     which keep a flattened copy for channels that cannot (the Rasa REST channel, e-mail).
 */
public record BotReply(String text, List<String> lines, List<Link> links, List<QuickReply> buttons, Answer answer) {

    public BotReply {
        lines = List.copyOf(lines);
        links = List.copyOf(links);
        buttons = List.copyOf(buttons);
    }

    public BotReply(String text, List<String> lines, List<Link> links, List<QuickReply> buttons) {
        this(text, lines, links, buttons, null);
    }

    public static BotReply text(String text) {
        return new BotReply(text, List.of(), List.of(), List.of());
    }

    public BotReply withButtons(List<QuickReply> buttons) {
        return new BotReply(text, lines, links, buttons, answer);
    }

    /** A link to a council page. */
    public record Link(String title, String url) {}

    /** A button that answers for the resident. */
    public record QuickReply(String title, String payload) {}
}
