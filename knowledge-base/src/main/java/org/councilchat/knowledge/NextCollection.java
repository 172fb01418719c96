package org.councilchat.knowledge;

import java.time.LocalDate;

/**
 * The next collection of one waste stream at a property, and the one after it.
 *
 * @param binName how the council names the bin, e.g. "Blue bin (recycling)"
 * @param stream the waste stream: refuse, recycling, garden, food, glass
 */
public record NextCollection(String binName, String stream, LocalDate date, LocalDate following) {}
