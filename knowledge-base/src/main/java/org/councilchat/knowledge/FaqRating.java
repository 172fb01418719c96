package org.councilchat.knowledge;

/** How residents rated one FAQ: how often it helped and how often it did not. */
public record FaqRating(int helped, int didNotHelp) {

    public static final FaqRating NONE = new FaqRating(0, 0);

    public int total() {
        return helped + didNotHelp;
    }
}
