package org.councilchat.engine.dialogue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When the contact centre's advisers answer chats: opening times per weekday in the council's time zone,
 * closed on bank holidays unless told otherwise. Immutable.
 *
 * <p>Each rule reads {@code DAYS HH:MM-HH:MM}, where DAYS is a day ({@code MON}), a range ({@code MON-FRI}) or
 * a list ({@code SAT,SUN}); {@code 24:00} ends at midnight. A day may have several rules (a lunch break).
 */
public final class ContactCentreHours {

    private static final Pattern RULE = Pattern.compile(
            "([A-Z]{3}(?:-[A-Z]{3})?(?:,[A-Z]{3}(?:-[A-Z]{3})?)*)\\s+(\\d{2}:\\d{2})\\s*-\\s*(\\d{2}:\\d{2})");

    /** Far enough ahead to pass Christmas and New Year, with their bank holidays, from any day. */
    private static final int LOOK_AHEAD_DAYS = 21;

    private final Map<DayOfWeek, List<Opening>> week;
    private final boolean closedOnBankHolidays;
    private final ZoneId zone;
    private final Function<LocalDate, Optional<String>> bankHolidays;

    private record Opening(LocalTime from, LocalTime until, boolean untilMidnight) {
        boolean covers(LocalTime time) {
            return !time.isBefore(from) && (untilMidnight || time.isBefore(until));
        }
    }

    /**
     * @param rules the opening times, as above
     * @param bankHolidays the name of the bank holiday on a day, if it is one
     * @throws IllegalArgumentException naming the rule that cannot be read
     */
    public ContactCentreHours(
            List<String> rules,
            boolean closedOnBankHolidays,
            ZoneId zone,
            Function<LocalDate, Optional<String>> bankHolidays) {
        this.week = new EnumMap<>(DayOfWeek.class);
        for (String rule : rules) {
            parse(rule);
        }
        this.closedOnBankHolidays = closedOnBankHolidays;
        this.zone = zone;
        this.bankHolidays = bankHolidays;
    }

    /** Open every hour of every day: for councils whose advisers never close, and for tests. */
    public static ContactCentreHours always(ZoneId zone) {
        return new ContactCentreHours(List.of("MON-SUN 00:00-24:00"), false, zone, day -> Optional.empty());
    }

    public boolean isOpen(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        return openOn(local.toLocalDate())
                && week.getOrDefault(local.getDayOfWeek(), List.of()).stream()
                        .anyMatch(opening -> opening.covers(local.toLocalTime()));
    }

    /** When advisers are next answering after {@code now} (now itself when open); empty if never within three weeks. */
    public Optional<ZonedDateTime> nextOpening(Instant now) {
        if (isOpen(now)) {
            return Optional.of(now.atZone(zone));
        }
        ZonedDateTime local = now.atZone(zone);
        for (int ahead = 0; ahead <= LOOK_AHEAD_DAYS; ahead++) {
            LocalDate day = local.toLocalDate().plusDays(ahead);
            if (!openOn(day)) {
                continue;
            }
            Optional<ZonedDateTime> start = week.getOrDefault(day.getDayOfWeek(), List.of()).stream()
                    .map(opening -> day.atTime(opening.from()).atZone(zone))
                    .filter(time -> time.isAfter(local))
                    .min(ZonedDateTime::compareTo);
            if (start.isPresent()) {
                return start;
            }
        }
        return Optional.empty();
    }

    private boolean openOn(LocalDate day) {
        return !closedOnBankHolidays || bankHolidays.apply(day).isEmpty();
    }

    private void parse(String rule) {
        Matcher matcher = RULE.matcher(rule.strip().toUpperCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Cannot read the opening hours '" + rule
                    + "': write them like MON-FRI 09:00-17:00 or SAT,SUN 10:00-13:00");
        }
        LocalTime from;
        LocalTime until;
        boolean untilMidnight = matcher.group(3).equals("24:00");
        try {
            from = LocalTime.parse(matcher.group(2));
            until = untilMidnight ? LocalTime.MAX : LocalTime.parse(matcher.group(3));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Cannot read the times in the opening hours '" + rule + "'", e);
        }
        if (!until.isAfter(from)) {
            throw new IllegalArgumentException(
                    "The opening hours '" + rule + "' close before they open; use 24:00 for midnight");
        }
        for (DayOfWeek day : days(matcher.group(1), rule)) {
            week.computeIfAbsent(day, d -> new ArrayList<>()).add(new Opening(from, until, untilMidnight));
        }
    }

    private static List<DayOfWeek> days(String spec, String rule) {
        List<DayOfWeek> days = new ArrayList<>();
        for (String part : spec.split(",")) {
            String[] ends = part.split("-");
            DayOfWeek first = day(ends[0], rule);
            DayOfWeek last = day(ends[ends.length - 1], rule);
            for (DayOfWeek day = first; ; day = day.plus(1)) {
                days.add(day);
                if (day == last) {
                    break;
                }
            }
        }
        return days;
    }

    private static DayOfWeek day(String abbreviation, String rule) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().startsWith(abbreviation)) {
                return day;
            }
        }
        throw new IllegalArgumentException(
                "Unknown day '" + abbreviation + "' in the opening hours '" + rule + "'; use MON, TUE, ... SUN");
    }
}
