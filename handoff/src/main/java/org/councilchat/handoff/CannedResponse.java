package org.councilchat.handoff;

import java.time.Instant;

/**
 * A reply agents insert into a chat and may edit before sending; {@code updatedBy} is a staff username.
 *
 * @param councilId the council whose chats it is for, or null for every council's (the contact centre's own)
 */
public record CannedResponse(
        long id, String title, String text, String updatedBy, Instant updatedAt, String councilId) {

    /** Offered in a chat of this council: the contact centre's own, and the council's. */
    public boolean forCouncil(String council) {
        return councilId == null || councilId.equals(council);
    }
}
