package org.councilchat.knowledge;

import java.time.LocalDate;

/** One collection on a day, for calendars and lists; {@code change} says why it is not on its usual day. */
public record ScheduledCollection(String binName, String stream, LocalDate date, NextCollection.Change change) {}
