package org.councilchat.handoff;

import java.time.Instant;

/** A reply agents insert into a chat and may edit before sending; {@code updatedBy} is a staff username. */
public record CannedResponse(long id, String title, String text, String updatedBy, Instant updatedAt) {}
