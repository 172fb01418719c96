package org.councilchat.knowledge;

/** A review step that cannot be taken, with the reason an editor is shown. */
public class FaqReviewRefused extends RuntimeException {

    public FaqReviewRefused(String reason) {
        super(reason);
    }
}
