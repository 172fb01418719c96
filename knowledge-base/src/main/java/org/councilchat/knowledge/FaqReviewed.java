package org.councilchat.knowledge;

/**
 * A step in an FAQ's review: a change was sent for review, approved (and so published, which {@link FaqSaved} says
 * too) or sent back without being published. {@code sentBy} is who sent the change; {@code editor} who took this
 * step.
 */
public record FaqReviewed(String faqId, String question, Step step, String editor, String sentBy) {

    public enum Step {
        SENT,
        APPROVED,
        SENT_BACK
    }
}
