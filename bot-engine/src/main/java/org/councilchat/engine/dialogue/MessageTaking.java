package org.councilchat.engine.dialogue;

import static org.councilchat.engine.dialogue.Replies.cancelButton;
import static org.councilchat.engine.dialogue.Replies.done;
import static org.councilchat.engine.dialogue.Replies.pressed;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.councilchat.engine.BotReply;
import org.councilchat.engine.CaseIntake;
import org.councilchat.engine.CaseIntake.NewCase;
import org.councilchat.engine.CaseReferenceNotices;
import org.councilchat.engine.dialogue.Dialogue.Step;
import org.councilchat.knowledge.ContactDetails;

/**
 * Taking a message for the contact centre when nobody can chat: the resident's name, a way to reach them (an
 * e-mail address or UK phone number, checked) and the message, skipping what they already gave, with a cancel
 * button at each step. Whatever is typed here is taken as written: a name says nothing of the language.
 */
final class MessageTaking {

    private final CaseIntake cases;
    private final CaseReferenceNotices notices;
    private final BiFunction<Replies, DialogueState, String> takingCouncil;

    /**
     * @param takingCouncil the council whose team a message is for: the resident's, or the one providing the
     *     service it is about (the county's, for a school place asked about on the district's site)
     */
    MessageTaking(
            CaseIntake cases, CaseReferenceNotices notices, BiFunction<Replies, DialogueState, String> takingCouncil) {
        this.cases = cases;
        this.notices = notices;
        this.takingCouncil = takingCouncil;
    }

    private static final Pattern NAME = Pattern.compile("\\p{L}[\\p{L} .'’-]{0,59}");

    /** Starts taking a message, skipping whatever the resident already told us in this conversation. */
    Step askForContact(Replies replies, DialogueState state) {
        if (state.contactName() == null) {
            replies.add(BotReply.text(replies.text("message.askName")).withButtons(List.of(cancelButton(replies))));
            return done(replies, state.awaiting(DialogueState.Awaiting.CONTACT_NAME), null);
        }
        if (state.contactDetails() == null) {
            replies.add(BotReply.text(replies.text("message.askContact", state.contactName()))
                    .withButtons(List.of(cancelButton(replies))));
            return done(replies, state.awaiting(DialogueState.Awaiting.CONTACT_DETAILS), null);
        }
        replies.add(BotReply.text(replies.text("message.askMessage")).withButtons(List.of(cancelButton(replies))));
        return done(replies, state.awaiting(DialogueState.Awaiting.CASE_MESSAGE), null);
    }

    Step takeMessage(Replies replies, DialogueState state) {
        if (pressed(replies, "message.cancel.payload")) {
            replies.say("message.cancelled");
            return done(replies, state.awaiting(DialogueState.Awaiting.NOTHING).helped(), null);
        }
        String words = replies.residentWords.strip();
        return switch (state.awaiting()) {
            case CONTACT_NAME -> {
                if (!NAME.matcher(words).matches()) {
                    replies.add(BotReply.text(replies.text("message.askNameAgain"))
                            .withButtons(List.of(cancelButton(replies))));
                    yield done(replies, state, null);
                }
                yield askForContact(replies, state.contactName(words));
            }
            case CONTACT_DETAILS -> {
                Optional<String> contact = contactIn(words);
                if (contact.isEmpty()) {
                    replies.add(BotReply.text(replies.text("message.askContactAgain"))
                            .withButtons(List.of(cancelButton(replies))));
                    yield done(replies, state, null);
                }
                yield askForContact(replies, state.contactDetails(contact.get()));
            }
            default -> {
                String reference = cases.open(new NewCase(
                        replies.conversationId,
                        state.contactName(),
                        state.contactDetails(),
                        words,
                        replies.locale.getLanguage(),
                        false,
                        takingCouncil.apply(replies, state)));
                String taken = replies.text("message.taken", state.contactName(), reference, state.contactDetails());
                // Said only where it goes: a resident told "we've texted it" looks for a text.
                String alsoSent = notices.sentBy(state.contactDetails(), replies.locale.getLanguage())
                        .map(kind -> " "
                                + replies.text(
                                        kind == ContactDetails.Kind.PHONE
                                                ? "message.takenTexted"
                                                : "message.takenEmailed",
                                        state.contactDetails()))
                        .orElse("");
                replies.add(BotReply.text(taken + alsoSent));
                yield done(
                        replies, state.awaiting(DialogueState.Awaiting.NOTHING).caseOpened(reference), null);
            }
        };
    }

    /** An email address, or else a UK phone number (as dialled: 07700900123), found anywhere in what was typed. */
    static Optional<String> contactIn(String words) {
        return ContactDetails.preferredIn(words).map(ContactDetails.Found::asWritten);
    }
}
