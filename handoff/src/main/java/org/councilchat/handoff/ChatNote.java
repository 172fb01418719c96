package org.councilchat.handoff;

import java.time.Instant;

/**
 * Something staff wrote on a chat for each other, never for the resident: an internal note, or the note an
 * agent left when passing the chat on. {@code afterSeq} is the last message of the transcript when it was
 * written, so a console can show it in its place.
 */
public record ChatNote(
        long id, String conversationId, Kind kind, long afterSeq, String authorName, String text, Instant writtenAt) {

    /** Why the note was written. */
    public enum Kind {
        /** An agent's note on the chat. */
        NOTE,
        /** The note an agent left for whoever takes the chat next. */
        TRANSFER
    }
}
