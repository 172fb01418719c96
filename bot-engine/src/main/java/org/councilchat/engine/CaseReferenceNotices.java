package org.councilchat.engine;

import java.util.Optional;
import org.councilchat.knowledge.ContactDetails;

/**
 * Whether the reference of a message left for the contact centre also reaches the resident by text or e-mail, so
 * the bot can say so: a resident on a phone who closes the chat still has it, and knows where to look. Implemented
 * by the server's GOV.UK Notify integration, which sends it.
 */
public interface CaseReferenceNotices {

    /** For a deployment that sends nothing: the reference is in the chat only. */
    CaseReferenceNotices NONE = (contact, language) -> Optional.empty();

    /**
     * How the reference of a case left with this contact goes to the resident besides the chat.
     *
     * @param contact the e-mail address or phone number the resident gave
     * @param language {@code en} or {@code cy}
     * @return {@link ContactDetails.Kind#PHONE} for a text, {@link ContactDetails.Kind#EMAIL} for an e-mail, or empty
     *     when it is not sent (a landline, or no template for it)
     */
    Optional<ContactDetails.Kind> sentBy(String contact, String language);
}
