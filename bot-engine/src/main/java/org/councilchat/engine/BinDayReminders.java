package org.councilchat.engine;

import java.time.LocalTime;
import java.util.Optional;
import java.util.Set;
import org.councilchat.knowledge.ContactDetails;

/**
 * A text or e-mail the evening before each bin collection at a resident's address, which the bot offers under its
 * bin-day answer ("Remind me the evening before") where the deployment can send them. Implemented by the server's
 * GOV.UK Notify integration; called inside the bot's transaction, so the subscription and the reply that confirms
 * it are stored together or not at all.
 */
public interface BinDayReminders {

    /** For a deployment that sends nothing: reminders are never offered. */
    BinDayReminders NONE = new BinDayReminders() {
        @Override
        public Optional<Offer> offered(String councilId, String language) {
            return Optional.empty();
        }

        @Override
        public Subscribed subscribe(Subscription subscription) {
            return new Subscribed.NotOffered();
        }
    };

    /** Whether reminders are offered to residents of this council chatting in this language, and how. */
    Optional<Offer> offered(String councilId, String language);

    /**
     * How reminders reach residents.
     *
     * @param channels {@link ContactDetails.Kind#PHONE} (a text to a UK mobile), {@link ContactDetails.Kind#EMAIL},
     *     or both
     * @param around the time of the evening before a collection when reminders go
     * @param monthsFor how long they last before they end by themselves, the resident's details deleted with them
     */
    record Offer(Set<ContactDetails.Kind> channels, LocalTime around, int monthsFor) {

        public Offer {
            channels = Set.copyOf(channels);
        }
    }

    /** Starts reminders for the address, to the contact the resident gave. */
    Subscribed subscribe(Subscription subscription);

    /**
     * A resident's request for reminders.
     *
     * @param councilId the council whose site the resident is on
     * @param uprn the property whose collections are reminded of
     * @param address how the reminders name it: the resident's address, or "your address in MB1 1AA" where the
     *     bot answered for every address at a postcode sharing the rounds
     * @param contact the e-mail address or phone number as the resident typed it
     * @param language {@code en} or {@code cy}: the reminders' language and the stop page's
     */
    record Subscription(
            String conversationId, String councilId, String uprn, String address, String contact, String language) {}

    /** What became of a request. */
    sealed interface Subscribed {

        /**
         * Reminders start with the next collection.
         *
         * @param sentTo where they go, as the bot repeats it back (the number as dialled, the e-mail address)
         * @param text true when they go by text, false by e-mail
         * @param monthsFor how long they last before they stop by themselves
         */
        record Started(String sentTo, boolean text, int monthsFor) implements Subscribed {}

        /** The same address already gets reminders at this contact. */
        record AlreadyStarted(String sentTo) implements Subscribed {}

        /** A landline, which cannot take a text, or a channel the council sends no reminders by. */
        record CannotReach(Offer offered) implements Subscribed {}

        /** This contact (or this chat) has as many reminders as one person may set up. */
        record TooMany() implements Subscribed {}

        /** Not offered in this council or language. */
        record NotOffered() implements Subscribed {}
    }
}
