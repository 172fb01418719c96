package org.councilchat.knowledge.bins;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bank holidays of one UK division (england-and-wales, scotland or northern-ireland), read from a file
 * in GOV.UK's bank-holidays.json format.
 */
public final class BankHolidays {

    private final String division;
    private final TreeMap<LocalDate, String> holidays;

    public BankHolidays(String division, Map<LocalDate, String> holidays) {
        this.division = division;
        this.holidays = new TreeMap<>(holidays);
    }

    public static BankHolidays none() {
        return new BankHolidays("none", Map.of());
    }

    /** Reads one division from GOV.UK's format; an unknown division is an error, not an empty calendar. */
    public static BankHolidays read(InputStream json, String division) {
        try (json) {
            JsonNode root = JsonMapper.builder().build().readTree(json);
            JsonNode events = root.path(division).path("events");
            if (!events.isArray()) {
                throw new IllegalArgumentException("The bank holidays file has no division '" + division
                        + "'; expected england-and-wales, scotland or northern-ireland");
            }
            Map<LocalDate, String> holidays = new TreeMap<>();
            for (JsonNode event : events) {
                holidays.put(
                        LocalDate.parse(event.path("date").asString()),
                        event.path("title").asString());
            }
            return new BankHolidays(division, holidays);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the bank holidays", e);
        }
    }

    /** The holiday's name when {@code day} is a bank holiday. */
    public Optional<String> on(LocalDate day) {
        return Optional.ofNullable(holidays.get(day));
    }

    /** True when the calendar says nothing about {@code day}'s year and later: its data has run out. */
    public boolean coverageEndsBefore(LocalDate day) {
        return !holidays.isEmpty() && holidays.lastKey().getYear() < day.getYear();
    }

    public String division() {
        return division;
    }
}
