package org.councilchat.councils;

import java.security.Principal;
import java.util.Set;

/**
 * Which councils a signed-in member of staff works for: every page and destination that shows a council's chats,
 * cases, FAQs or figures asks here, and shows only those. Implemented by the application's sign-in set-up; the
 * identity always comes from the session, never from what a page sends.
 */
public interface CouncilStaff {

    /** The councils this member of staff works for (any role); empty for anyone not signed in as staff. */
    Set<String> councilsOf(Principal staff);
}
