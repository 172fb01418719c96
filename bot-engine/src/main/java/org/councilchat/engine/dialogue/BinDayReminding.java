package org.councilchat.engine.dialogue;

import static org.councilchat.engine.dialogue.Replies.cancelButton;
import static org.councilchat.engine.dialogue.Replies.done;
import static org.councilchat.engine.dialogue.Replies.pressed;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.councilchat.engine.BinDayReminders;
import org.councilchat.engine.BinDayReminders.Offer;
import org.councilchat.engine.BinDayReminders.Subscribed;
import org.councilchat.engine.BinDayReminders.Subscription;
import org.councilchat.engine.BotReply;
import org.councilchat.engine.dialogue.Dialogue.Step;
import org.councilchat.knowledge.ContactDetails;

/**
 * "Remind me the evening before", the button under a bin-day answer where the council sends reminders: the bot asks
 * for a mobile number or an e-mail address (whichever the council sends by), once, with a cancel button, and sets
 * the reminders up for the address it answered for. Anything typed that is not a contact is a new question.
 */
final class BinDayReminding {

    /** Fewer digits than a phone number has, and no @: a question, not a contact with a slip in it. */
    private static final int DIGITS_OF_A_NUMBER = 6;

    private static final DateTimeFormatter AROUND = DateTimeFormatter.ofPattern("HH:mm");

    private final BinDayReminders reminders;
    private final BinDays binDays;

    BinDayReminding(BinDayReminders reminders, BinDays binDays) {
        this.reminders = reminders;
        this.binDays = binDays;
    }

    /** The button pressed: asks where to send them, or for the postcode first in a chat that has none yet. */
    Optional<Step> asked(Replies replies, DialogueState state) {
        if (!pressed(replies, "bins.remind.payload")) {
            return Optional.empty();
        }
        Optional<Offer> offer = reminders.offered(replies.councilId, replies.locale.getLanguage());
        if (offer.isEmpty()) {
            replies.say("bins.remindNotOffered");
            return Optional.of(
                    done(replies, state.awaiting(DialogueState.Awaiting.NOTHING).helped(), null));
        }
        if (state.uprn() == null) {
            replies.say("bins.askPostcode");
            return Optional.of(done(
                    replies,
                    state.task(DialogueState.Task.BIN_DAY)
                            .awaiting(DialogueState.Awaiting.POSTCODE)
                            .helped(),
                    null));
        }
        replies.add(BotReply.text(replies.text(
                        "bins.remindAsk." + channels(offer.get()),
                        AROUND.format(offer.get().around()),
                        named(replies, state)))
                .withButtons(List.of(cancelButton(replies))));
        return Optional.of(done(
                replies, state.awaiting(DialogueState.Awaiting.REMINDER_CONTACT).helped(), null));
    }

    /**
     * The answer to "What mobile number or e-mail address should I use?"; empty when it is neither, nor anything
     * like one, which the bot then answers as a new question.
     */
    Optional<Step> contactGiven(Replies replies, DialogueState state) {
        if (state.awaiting() != DialogueState.Awaiting.REMINDER_CONTACT) {
            return Optional.empty();
        }
        DialogueState asked = state.awaiting(DialogueState.Awaiting.NOTHING).helped();
        if (pressed(replies, "message.cancel.payload")) {
            replies.say("bins.remindCancelled");
            return Optional.of(done(replies, asked, null));
        }
        String words = replies.residentWords.strip();
        Optional<ContactDetails.Found> contact = ContactDetails.preferredIn(words);
        String language = replies.locale.getLanguage();
        if (contact.isEmpty()) {
            if (!looksLikeAContact(words)) {
                return Optional.empty();
            }
            Optional<Offer> offer = reminders.offered(replies.councilId, language);
            return Optional.of(offer.isPresent() ? askAgain(replies, state, offer.get()) : notOffered(replies, asked));
        }
        Subscribed subscribed = reminders.subscribe(new Subscription(
                replies.conversationId,
                replies.councilId,
                state.uprn(),
                named(replies, state),
                contact.get().asWritten(),
                language));
        return Optional.of(
                switch (subscribed) {
                    case Subscribed.Started started -> {
                        replies.say(
                                started.text() ? "bins.remindStarted.text" : "bins.remindStarted.email",
                                started.sentTo(),
                                AROUND.format(reminders
                                        .offered(replies.councilId, language)
                                        .map(Offer::around)
                                        .orElse(LocalTime.of(18, 0))),
                                named(replies, state),
                                started.monthsFor());
                        yield done(replies, asked, null);
                    }
                    case Subscribed.AlreadyStarted already -> {
                        replies.say("bins.remindAlready", already.sentTo());
                        yield done(replies, asked, null);
                    }
                    case Subscribed.CannotReach cannot -> askAgain(replies, state, cannot.offered());
                    case Subscribed.TooMany ignored -> {
                        replies.say("bins.remindTooMany");
                        yield done(replies, asked, null);
                    }
                    case Subscribed.NotOffered ignored -> notOffered(replies, asked);
                });
    }

    private static Step askAgain(Replies replies, DialogueState state, Offer offer) {
        replies.add(BotReply.text(replies.text("bins.remindAskAgain." + channels(offer)))
                .withButtons(List.of(cancelButton(replies))));
        return done(replies, state, null);
    }

    private static Step notOffered(Replies replies, DialogueState asked) {
        replies.say("bins.remindNotOffered");
        return done(replies, asked, null);
    }

    /** "2 Mill Lane, Millbrook, MB1 1AA", or the postcode alone where its addresses are too many to name. */
    private String named(Replies replies, DialogueState state) {
        return binDays.collectionsFor(replies, state, binDays.savedProperty(state))
                .orElse(state.postcode());
    }

    private static String channels(Offer offer) {
        Set<ContactDetails.Kind> by = offer.channels();
        if (by.size() > 1) {
            return "both";
        }
        return by.contains(ContactDetails.Kind.PHONE) ? "text" : "email";
    }

    private static boolean looksLikeAContact(String words) {
        return words.indexOf('@') >= 0
                || words.chars().filter(Character::isDigit).count() >= DIGITS_OF_A_NUMBER;
    }
}
