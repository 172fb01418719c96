package org.councilchat.knowledge.bins;

import java.util.Map;

/**
 * Each council's bin calendar: the bank holidays of its own division with its own bank-holiday rule, where its
 * settings give them (a Scottish council's rounds move for St Andrew's Day, not Easter Monday), else the
 * deployment's.
 *
 * @param deployment the calendar of {@code council-chat.knowledge.bins}
 * @param byCouncil the calendars of the councils that keep other bank holidays or another rule, by council id
 */
public record CollectionCalendars(CollectionCalendar deployment, Map<String, CollectionCalendar> byCouncil) {

    public CollectionCalendars {
        byCouncil = Map.copyOf(byCouncil);
    }

    /** One calendar for every council. */
    public static CollectionCalendars everywhere(CollectionCalendar calendar) {
        return new CollectionCalendars(calendar, Map.of());
    }

    /** The calendar this council keeps; the deployment's for null or a council without its own. */
    public CollectionCalendar of(String councilId) {
        return councilId == null ? deployment : byCouncil.getOrDefault(councilId, deployment);
    }
}
