package org.councilchat.engine;

import java.util.List;

/**
 * One message from the bot: plain text (never HTML; line breaks are meaningful), optional list lines,
 * links and quick-reply buttons whose payload is sent back as if the resident had typed it.
 */
public record BotReply(String text, List<String> lines, List<Link> links, List<QuickReply> buttons) {

    public BotReply {
        lines = List.copyOf(lines);
        links = List.copyOf(links);
        buttons = List.copyOf(buttons);
    }

    public static BotReply text(String text) {
        return new BotReply(text, List.of(), List.of(), List.of());
    }

    public BotReply withButtons(List<QuickReply> buttons) {
        return new BotReply(text, lines, links, buttons);
    }

    /** A link to a council page. */
    public record Link(String title, String url) {}

    /** A button that answers for the resident. */
    public record QuickReply(String title, String payload) {}
}
