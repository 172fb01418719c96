package org.councilchat.engine.dialogue;

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
        String feedbackQuestion) {

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
            null);

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
        FEEDBACK;

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
        return new DialogueState(
                awaiting,
                task,
                wantedStream,
                next,
                changed ? null : uprn,
                changed ? null : address,
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
                feedbackQuestion);
    }

    DialogueState awaiting(Awaiting next) {
        return new DialogueState(
                next,
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
                feedbackQuestion);
    }

    DialogueState task(Task next) {
        return new DialogueState(
                awaiting,
                next,
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
                feedbackQuestion);
    }

    DialogueState wanting(String stream) {
        return new DialogueState(
                awaiting,
                task,
                stream,
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
                feedbackQuestion);
    }

    DialogueState intent(String intent, double confidence) {
        return new DialogueState(
                awaiting,
                task,
                wantedStream,
                postcode,
                uprn,
                address,
                intent,
                confidence,
                answeredFaqId,
                missedBinReference,
                consecutiveFailures,
                contactName,
                contactDetails,
                caseReference,
                safeguarding,
                service,
                feedbackQuestion);
    }

    DialogueState reported(String reference) {
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
                reference,
                0,
                contactName,
                contactDetails,
                caseReference,
                safeguarding,
                service,
                feedbackQuestion);
    }

    DialogueState answered(String faqId) {
        return new DialogueState(
                awaiting,
                task,
                wantedStream,
                postcode,
                uprn,
                address,
                lastIntent,
                lastConfidence,
                faqId,
                missedBinReference,
                0,
                contactName,
                contactDetails,
                caseReference,
                safeguarding,
                service,
                feedbackQuestion);
    }

    DialogueState helped() {
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
                0,
                contactName,
                contactDetails,
                caseReference,
                safeguarding,
                service,
                feedbackQuestion);
    }

    DialogueState failed() {
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
                consecutiveFailures + 1,
                contactName,
                contactDetails,
                caseReference,
                safeguarding,
                service,
                feedbackQuestion);
    }

    DialogueState property(String nextUprn, String nextAddress) {
        return new DialogueState(
                awaiting,
                task,
                wantedStream,
                postcode,
                nextUprn,
                nextAddress,
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
                feedbackQuestion);
    }

    /** The name the resident gave for a message to the contact centre. */
    DialogueState contactName(String name) {
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
                name,
                contactDetails,
                caseReference,
                safeguarding,
                service,
                feedbackQuestion);
    }

    /** The checked email address or phone number the resident gave. */
    DialogueState contactDetails(String details) {
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
                details,
                caseReference,
                safeguarding,
                service,
                feedbackQuestion);
    }

    DialogueState caseOpened(String reference) {
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
                0,
                contactName,
                contactDetails,
                reference,
                safeguarding,
                service,
                feedbackQuestion);
    }

    DialogueState disclosed(String concern) {
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
                0,
                contactName,
                contactDetails,
                caseReference,
                concern,
                service,
                feedbackQuestion);
    }

    /** The service of a recognised request; kept when the next request has none (a "thanks", a postcode). */
    DialogueState service(String next) {
        if (next == null) {
            return this;
        }
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
                next,
                feedbackQuestion);
    }

    /** Waiting for "Did this answer your question?" about the FAQ just given for {@code question}. */
    DialogueState askedForFeedback(String question) {
        return new DialogueState(
                Awaiting.FEEDBACK,
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
                question);
    }
}
