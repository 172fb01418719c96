package org.councilchat.knowledge;

import java.time.LocalDate;

/** A resident reported a missed bin that was due, and it was recorded with a reference for the crews. */
public record MissedBinReported(
        String reference,
        String councilId,
        String uprn,
        String address,
        String binName,
        LocalDate due,
        String conversationId) {}
