package org.councilchat.engine.dialogue;

import java.util.function.Consumer;

/**
 * What the bot remembers about one conversation between messages.
 *
 * @param awaiting what the bot last asked the resident for, so a bare "MB1 1AA" is understood
 * @param task what the resident wants done once the bot has the postcode and address: a bin day or a
 *     missed-bin report
 * @param wantedStream the waste stream the resident named ("my recycling wasn't collected"), or null
 * @param missedBinReference the reference of the missed-bin report made in this conversation, if any
 * @param consecutiveFailures how many messages in a row the bot could not answer; drives the fallback ladder
 * @param contactName the name given for a message to the contact centre, so it is not asked twice
 * @param contactDetails the checked email address or phone number given with it
 * @param caseReference the reference of the last message left for the contact centre, if any
 * @param safeguarding the kind of risk disclosed in this conversation, if any
 * @param service the council service of the resident's last recognised request (waste, council-tax, ...), for
 *     routing a handoff to advisers with that skill
 * @param feedbackQuestion while the bot waits for "Did this answer your question?": the question the answer
 *     ({@code answeredFaqId}) was given for, recorded with the resident's yes or no
 * @param topic the intent of the resident's last request about a council service ({@code bin_day},
 *     {@code council_tax_pay}, ...), kept when they go on to ask for a person, say thanks or say hello, so an
 *     agent reads what the chat was about ("Bin day, then asked for a person")
 * @param addressChosen whether the resident said which address ({@code uprn}) is theirs; false when the bin days
 *     were given for every address at a postcode whose addresses share the rounds, where {@code uprn} is only the
 *     first of them and a missed bin still needs the resident's own
 */
public record DialogueState(
        Awaiting awaiting,
        Task task,
        String wantedStream,
        String postcode,
        String uprn,
        String address,
        String lastIntent,
        Double lastConfidence,
        String answeredFaqId,
        String missedBinReference,
        int consecutiveFailures,
        String contactName,
        String contactDetails,
        String caseReference,
        String safeguarding,
        String service,
        String feedbackQuestion,
        String topic,
        boolean addressChosen) {

    public static final DialogueState NEW = new DialogueState(
            Awaiting.NOTHING,
            Task.BIN_DAY,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            0,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            false);

    private static final int FEEDBACK_QUESTION_MAX = 2000;

    public DialogueState {
        task = task == null ? Task.BIN_DAY : task;
    }

    /** What the bot is waiting for the resident to give. */
    public enum Awaiting {
        NOTHING,
        POSTCODE,
        ADDRESS,
        /** Taking a message for the contact centre: the resident's name, */
        CONTACT_NAME,
        /** then an email address or phone number, */
        CONTACT_DETAILS,
        /** then the message itself. */
        CASE_MESSAGE,
        /** A yes or no to "Did this answer your question?" after an answer from the knowledge base. */
        FEEDBACK,
        /**
         * After a disclosure out of hours, a way to reach the resident for the urgent case, asked for once and
         * optional: anything else is answered as usual.
         */
        URGENT_CONTACT,
        /** After "Remind me the evening before": the mobile number or e-mail address to send bin-day reminders to. */
        REMINDER_CONTACT;

        boolean takingAMessage() {
            return this == CONTACT_NAME || this == CONTACT_DETAILS || this == CASE_MESSAGE;
        }
    }

    /** What the postcode and address are for. */
    public enum Task {
        BIN_DAY,
        MISSED_BIN
    }

    /** A new postcode forgets the address chosen at the old one. */
    DialogueState postcode(String next) {
        boolean changed = !next.equals(postcode);
        return with(copy -> {
            copy.postcode = next;
            if (changed) {
                copy.uprn = null;
                copy.address = null;
                copy.addressChosen = false;
            }
        });
    }

    DialogueState awaiting(Awaiting next) {
        return with(copy -> copy.awaiting = next);
    }

    DialogueState topic(String intent) {
        return with(copy -> copy.topic = intent);
    }

    DialogueState task(Task next) {
        return with(copy -> copy.task = next);
    }

    DialogueState wanting(String stream) {
        return with(copy -> copy.wantedStream = stream);
    }

    DialogueState intent(String intent, double confidence) {
        return with(copy -> {
            copy.lastIntent = intent;
            copy.lastConfidence = confidence;
        });
    }

    DialogueState reported(String reference) {
        return with(copy -> {
            copy.missedBinReference = reference;
            copy.consecutiveFailures = 0;
        });
    }

    DialogueState answered(String faqId) {
        return with(copy -> {
            copy.answeredFaqId = faqId;
            copy.consecutiveFailures = 0;
        });
    }

    DialogueState helped() {
        return with(copy -> copy.consecutiveFailures = 0);
    }

    DialogueState failed() {
        return with(copy -> copy.consecutiveFailures++);
    }

    /** The address the bot answered for: a different one than before was the resident's choice. */
    DialogueState property(String nextUprn, String nextAddress) {
        boolean same = nextUprn != null && nextUprn.equals(uprn);
        return with(copy -> {
            copy.uprn = nextUprn;
            copy.address = nextAddress;
            copy.addressChosen = same ? addressChosen : true;
        });
    }

    /** The resident picked their address from the postcode's. */
    DialogueState addressPicked() {
        return with(copy -> copy.addressChosen = true);
    }

    /** The bin days were for every address at the postcode: none of them is yet known to be the resident's. */
    DialogueState forTheWholePostcode() {
        return with(copy -> copy.addressChosen = false);
    }

    /** The name the resident gave for a message to the contact centre. */
    DialogueState contactName(String name) {
        return with(copy -> copy.contactName = name);
    }

    /** The checked email address or phone number the resident gave. */
    DialogueState contactDetails(String details) {
        return with(copy -> copy.contactDetails = details);
    }

    DialogueState caseOpened(String reference) {
        return with(copy -> {
            copy.caseReference = reference;
            copy.consecutiveFailures = 0;
        });
    }

    DialogueState disclosed(String concern) {
        return with(copy -> {
            copy.safeguarding = concern;
            copy.consecutiveFailures = 0;
        });
    }

    /** The service of a recognised request; kept when the next request has none (a "thanks", a postcode). */
    DialogueState service(String next) {
        if (next == null) {
            return this;
        }
        return with(copy -> copy.service = next);
    }

    /** Waiting for "Did this answer your question?" about the FAQ just given for {@code question}. */
    DialogueState askedForFeedback(String question) {
        return with(copy -> {
            copy.awaiting = Awaiting.FEEDBACK;
            // The column's size; a council may allow longer messages than that.
            copy.feedbackQuestion =
                    question.length() > FEEDBACK_QUESTION_MAX ? question.substring(0, FEEDBACK_QUESTION_MAX) : question;
        });
    }

    /** This state with some fields changed: a record has no "with", and spelling out all seventeen is noise. */
    private DialogueState with(Consumer<Copy> change) {
        Copy copy = new Copy(this);
        change.accept(copy);
        return copy.build();
    }

    /** The fields of a state, to change before building the next one. */
    private static final class Copy {
        private Awaiting awaiting;
        private Task task;
        private String wantedStream;
        private String postcode;
        private String uprn;
        private String address;
        private String lastIntent;
        private Double lastConfidence;
        private String answeredFaqId;
        private String missedBinReference;
        private int consecutiveFailures;
        private String contactName;
        private String contactDetails;
        private String caseReference;
        private String safeguarding;
        private String service;
        private String feedbackQuestion;
        private String topic;
        private boolean addressChosen;

        Copy(DialogueState state) {
            awaiting = state.awaiting;
            task = state.task;
            wantedStream = state.wantedStream;
            postcode = state.postcode;
            uprn = state.uprn;
            address = state.address;
            lastIntent = state.lastIntent;
            lastConfidence = state.lastConfidence;
            answeredFaqId = state.answeredFaqId;
            missedBinReference = state.missedBinReference;
            consecutiveFailures = state.consecutiveFailures;
            contactName = state.contactName;
            contactDetails = state.contactDetails;
            caseReference = state.caseReference;
            safeguarding = state.safeguarding;
            service = state.service;
            feedbackQuestion = state.feedbackQuestion;
            topic = state.topic;
            addressChosen = state.addressChosen;
        }

        DialogueState build() {
            return new DialogueState(
                    awaiting,
                    task,
                    wantedStream,
                    postcode,
                    uprn,
                    address,
                    lastIntent,
                    lastConfidence,
                    answeredFaqId,
                    missedBinReference,
                    consecutiveFailures,
                    contactName,
                    contactDetails,
                    caseReference,
                    safeguarding,
                    service,
                    feedbackQuestion,
                    topic,
                    addressChosen);
        }
    }
}
