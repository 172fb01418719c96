package org.councilchat.engine.dialogue;

/**
 * What the bot remembers about one conversation between messages.
 *
 * @param awaiting what the bot last asked the resident for, so a bare "MB1 1AA" is understood
 * @param consecutiveFailures how many messages in a row the bot could not answer; drives the fallback ladder
 */
public record DialogueState(
        Awaiting awaiting,
        String postcode,
        String uprn,
        String address,
        String lastIntent,
        Double lastConfidence,
        String answeredFaqId,
        int consecutiveFailures) {

    public static final DialogueState NEW = new DialogueState(Awaiting.NOTHING, null, null, null, null, null, null, 0);

    /** What the bot is waiting for the resident to give. */
    public enum Awaiting {
        NOTHING,
        POSTCODE,
        ADDRESS
    }

    DialogueState awaiting(Awaiting next) {
        return new DialogueState(
                next, postcode, uprn, address, lastIntent, lastConfidence, answeredFaqId, consecutiveFailures);
    }

    DialogueState intent(String intent, double confidence) {
        return new DialogueState(
                awaiting, postcode, uprn, address, intent, confidence, answeredFaqId, consecutiveFailures);
    }

    DialogueState postcode(String next) {
        boolean changed = !next.equals(postcode);
        return new DialogueState(
                awaiting,
                next,
                changed ? null : uprn,
                changed ? null : address,
                lastIntent,
                lastConfidence,
                answeredFaqId,
                consecutiveFailures);
    }

    DialogueState property(String nextUprn, String nextAddress) {
        return new DialogueState(
                awaiting,
                postcode,
                nextUprn,
                nextAddress,
                lastIntent,
                lastConfidence,
                answeredFaqId,
                consecutiveFailures);
    }

    DialogueState answered(String faqId) {
        return new DialogueState(awaiting, postcode, uprn, address, lastIntent, lastConfidence, faqId, 0);
    }

    DialogueState helped() {
        return new DialogueState(awaiting, postcode, uprn, address, lastIntent, lastConfidence, answeredFaqId, 0);
    }

    DialogueState failed() {
        return new DialogueState(
                awaiting, postcode, uprn, address, lastIntent, lastConfidence, answeredFaqId, consecutiveFailures + 1);
    }
}
