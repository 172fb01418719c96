package org.councilchat.engine.dialogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.councilchat.councils.Council;
import org.councilchat.engine.BotReply;
import org.councilchat.engine.BotReply.Link;
import org.councilchat.engine.BotReply.QuickReply;
import org.councilchat.engine.BotTurn;
import org.councilchat.engine.BotTurn.HandoffReason;
import org.councilchat.engine.Findings;
import org.councilchat.engine.dialogue.Dialogue.Step;
import org.councilchat.engine.rules.RuleStep;
import org.springframework.context.MessageSource;

/**
 * The replies of one turn, worded in the resident's language, and the bot's own buttons. A press of one of our
 * buttons sends its payload as if typed, so {@link #pressed} recognises it in either language.
 */
final class Replies {

    /** Stands in for the bin name when a button's payload is matched against what the resident sent. */
    private static final String BIN_NAME = "\u0000";

    private final MessageSource messages;
    final Locale locale;
    final String residentWords;
    final String conversationId;
    /** The council whose resident this is: answered from its FAQs, its gaps told to its editors. */
    final String councilId;

    final List<BotReply> all = new ArrayList<>();

    Replies(MessageSource messages, Locale locale, String residentWords, String conversationId, String councilId) {
        this.messages = messages;
        this.locale = locale;
        this.residentWords = residentWords;
        this.conversationId = conversationId;
        this.councilId = councilId;
    }

    String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, locale);
    }

    /** The message, or empty when the bundles have none by that key (a council's own kind of risk, say). */
    Optional<String> textIfAny(String key, Object... arguments) {
        return Optional.ofNullable(messages.getMessage(key, arguments, null, locale));
    }

    void say(String key, Object... arguments) {
        add(BotReply.text(text(key, arguments)));
    }

    void add(BotReply reply) {
        all.add(reply);
    }

    /** Adds a link card or a button (whichever is not null) under the last thing said. */
    void underLast(Link link, QuickReply button) {
        BotReply last = all.removeLast();
        List<Link> links = new ArrayList<>(last.links());
        List<QuickReply> buttons = new ArrayList<>(last.buttons());
        if (link != null) {
            links.add(link);
        }
        if (button != null && !buttons.contains(button)) {
            buttons.add(button);
        }
        all.add(new BotReply(last.text(), last.lines(), links, buttons, last.answer()));
    }

    static QuickReply button(Replies replies, RuleStep.Button button) {
        return switch (button) {
            case PERSON -> personButton(replies);
            case TOPICS -> new QuickReply(replies.text("button.topics"), replies.text("button.topics.payload"));
            case BIN_DAY -> new QuickReply(replies.text("button.binDay"), replies.text("button.binDay.payload"));
            case MISSED_BIN ->
                new QuickReply(replies.text("button.missedBin"), replies.text("button.missedBin.payload"));
            case COUNCIL_TAX ->
                new QuickReply(replies.text("button.councilTax"), replies.text("button.councilTax.payload"));
            case LEAVE_MESSAGE -> new QuickReply(replies.text("message.leave"), replies.text("message.leave.payload"));
        };
    }

    static QuickReply personButton(Replies replies) {
        return new QuickReply(replies.text("button.person"), replies.text("button.person.payload"));
    }

    static QuickReply cancelButton(Replies replies) {
        return new QuickReply(replies.text("message.cancel"), replies.text("message.cancel.payload"));
    }

    /**
     * What the bot can do on this council's site, as buttons that send what a resident would type: the council's
     * own topics ({@link Council#topics()}; a district's when there is no council), then a person.
     */
    static List<QuickReply> topicButtons(Replies replies, Council council) {
        List<String> topics = council == null ? Council.onlyCouncil().topics() : council.topics();
        List<QuickReply> buttons = new ArrayList<>();
        for (String topic : topics) {
            String key = topicKey(topic);
            buttons.add(new QuickReply(replies.text(key), replies.text(key + ".payload")));
        }
        buttons.add(personButton(replies));
        return List.copyOf(buttons);
    }

    /** A topic's button in the messages: {@code school-place} is {@code button.schoolPlace}. */
    static String topicKey(String topic) {
        StringBuilder key = new StringBuilder("button.");
        boolean upper = false;
        for (char c : topic.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                key.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return key.toString();
    }

    /**
     * True when the words are what pressing one of our buttons sends: its payload, with a bin's name in place
     * of the payload's argument where it has one ("My {0} was not collected").
     */
    static boolean pressed(Replies replies, String payloadKey) {
        return pressedWith(replies, payloadKey).isPresent();
    }

    /** As {@link #pressed}, giving the payload's argument (the empty string for a payload without one). */
    static Optional<String> pressedWith(Replies replies, String payloadKey) {
        String words = replies.residentWords.strip().toLowerCase(Locale.ROOT);
        String[] around =
                replies.text(payloadKey, BIN_NAME).toLowerCase(Locale.ROOT).split(Pattern.quote(BIN_NAME), -1);
        if (around.length == 1) {
            return words.equals(around[0]) ? Optional.of("") : Optional.empty();
        }
        return words.length() > around[0].length() + around[1].length()
                        && words.startsWith(around[0])
                        && words.endsWith(around[1])
                ? Optional.of(words.substring(around[0].length(), words.length() - around[1].length()))
                : Optional.empty();
    }

    static Step done(Replies replies, DialogueState state, HandoffReason handoff) {
        return new Step(new BotTurn(replies.all, findings(state), handoff, replies.locale), state);
    }

    static Findings findings(DialogueState state) {
        return new Findings(
                state.lastIntent(),
                state.lastConfidence(),
                state.postcode(),
                state.address(),
                state.uprn(),
                state.answeredFaqId(),
                state.missedBinReference(),
                state.safeguarding(),
                state.caseReference(),
                state.service(),
                state.topic());
    }
}
