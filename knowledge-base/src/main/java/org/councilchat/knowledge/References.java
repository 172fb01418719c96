package org.councilchat.knowledge;

import java.security.SecureRandom;

/**
 * References residents are given to quote (a missed bin, a message left): a prefix and six characters from an
 * alphabet without 0/O and 1/I, because references are read out over the phone.
 */
public final class References {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private References() {}

    /** A new random reference such as {@code MB-7K4Q9X}; callers store it under a unique key and retry on a clash. */
    public static String next(String prefix) {
        StringBuilder reference = new StringBuilder(prefix);
        for (int i = 0; i < 6; i++) {
            reference.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return reference.toString();
    }
}
