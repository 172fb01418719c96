package org.councilchat.knowledge;

import java.time.LocalDate;

/**
 * The next collection of one waste stream at a property, and the one after it.
 *
 * @param binName how the council names the bin, e.g. "Blue bin (recycling)"
 * @param stream the waste stream: refuse, recycling, garden, food, glass
 * @param colour the bin's colour as residents know it ("green"), or null
 * @param following the collection after, or null when the round ends first
 * @param change why {@code date} is not the usual day (a bank holiday, a cancellation), or null
 * @param subscriptionOnly true for rounds only subscribers get, such as garden waste
 */
public record NextCollection(
        String binName,
        String stream,
        String colour,
        LocalDate date,
        LocalDate following,
        Change change,
        boolean subscriptionOnly) {

    /**
     * A collection that is not on its usual day.
     *
     * @param usualDate the day it would normally have been
     * @param cancelled true when the usual collection does not happen at all (the next one is {@code date})
     * @param reason the council's reason, e.g. "Christmas Day"
     */
    public record Change(LocalDate usualDate, boolean cancelled, String reason) {}
}
