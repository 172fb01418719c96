package org.councilchat.knowledge;

/** What a council does with bin collections in a week with a bank holiday. */
public enum BankHolidayRule {
    /** Collections go ahead on their usual days, bank holiday or not. */
    NO_CHANGE,
    /** Every collection from the bank holiday to the end of that week moves one day later (the common rule). */
    SHIFT_REST_OF_WEEK
}
