package org.councilchat.knowledge.bins;

import java.time.LocalDate;

/**
 * An explicit change to one round's collection: moved to {@code newDate}, or cancelled when {@code newDate}
 * is null. Exceptions win over the bank-holiday rule.
 */
public record CollectionException(String roundId, LocalDate scheduledDate, LocalDate newDate, String reason) {

    public boolean cancelled() {
        return newDate == null;
    }
}
