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
        int consecutiveFailures) {

    public static final DialogueState NEW =
            new DialogueState(Awaiting.NOTHING, Task.BIN_DAY, null, null, null, null, null, null, null, null, 0);

    public DialogueState {
        task = task == null ? Task.BIN_DAY : task;
    }

    /** What the bot is waiting for the resident to give. */
    public enum Awaiting {
        NOTHING,
        POSTCODE,
        ADDRESS
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
                consecutiveFailures);
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
                consecutiveFailures);
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
                consecutiveFailures);
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
                consecutiveFailures);
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
                consecutiveFailures);
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
                0);
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
                0);
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
                0);
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
                consecutiveFailures + 1);
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
                consecutiveFailures);
    }
}
