package org.councilchat.engine.nlu;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.councilchat.engine.Entity;
import org.councilchat.knowledge.ContactDetails;
import org.councilchat.knowledge.Postcode;

/**
 * Finds the things residents name in their messages, with character offsets, as Rasa's regex and lookup
 * extractors would: UK postcodes, dates (absolute, and relative to a reference date), waste streams from a
 * lookup table of synonyms ("green bin" is garden waste), council tax account numbers, house numbers, email
 * addresses and UK phone numbers. Where two findings overlap the earlier, longer one wins, so a phone number
 * is never also an account number. Stateless and thread-safe.
 *
 * <p>Relative weekdays: "Tuesday", "on Tuesday" and "this Tuesday" are the next Tuesday on or after the
 * reference date; "next Tuesday" is the Tuesday of next week (as most British speakers mean it). A day and
 * month with no year is the next such date on or after the reference date.
 */
public final class EntityExtractor {

    /** The {@link Entity#extractor()} of everything found here. */
    public static final String NAME = "CouncilEntityExtractor";

    private static final Pattern ACCOUNT_NUMBER = Pattern.compile("(?<![0-9A-Za-z])[1-9][0-9]{7,9}(?![0-9A-Za-z])");

    private static final Pattern ACCOUNT_CONTEXT = Pattern.compile(
            "\\b(?:council\\s*tax|c\\.?tax|account|acc(?:t|ount)?\\s*(?:no|number)|reference|ref)\\b",
            Pattern.CASE_INSENSITIVE);

    private static final String STREET_WORDS = "road|rd|street|st|avenue|ave|lane|ln|close|drive|dr|way|crescent"
            + "|cres|court|ct|gardens|gdns|place|pl|terrace|grove|park|hill|square|sq|mews|parade|meadows"
            + "|fields|villas|cottages";

    /** "12 Acacia Avenue", "12a, Mill Lane", "flat 3", "number 7", "no. 42". */
    private static final Pattern HOUSE_NUMBER =
            Pattern.compile("(?i)(?:\\b(?:number|no\\.?|flat|house|apartment|unit)\\s*(\\d{1,4}[a-z]?)\\b)"
                    + "|(?:(?<![0-9/.:£$])\\b(\\d{1,4}[a-z]?)\\b(?=,?\\s+(?:[a-z'-]+\\s+){1,2}(?:" + STREET_WORDS
                    + ")\\b))");

    private static final Map<String, String> WASTE_STREAMS = wasteStreams();
    private static final Pattern WASTE_STREAM = alternation(WASTE_STREAMS.keySet());

    private static final String WEEKDAY = "(monday|tuesday|wednesday|thursday|friday|saturday|sunday"
            + "|mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)";
    private static final String MONTH = "(january|february|march|april|may|june|july|august|september|october"
            + "|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)";
    private static final String DAY = "(\\d{1,2})(?:st|nd|rd|th)?";

    /** Short forms that are also English words: days only after "on", "this" or "next". */
    private static final java.util.Set<String> AMBIGUOUS_DAYS = java.util.Set.of("sat", "sun", "wed", "mon");

    private static final Pattern RELATIVE_DAY = Pattern.compile(
            "(?i)\\b(?:(the\\s+)?day\\s+after\\s+tomorrow|today|tonight|tomorrow|tmrw|tmr|yesterday)\\b");
    private static final Pattern WEEKDAY_PHRASE = Pattern.compile("(?i)\\b(?:(next|this|on)\\s+)?" + WEEKDAY + "\\b");
    private static final Pattern IN_DAYS =
            Pattern.compile("(?i)\\bin\\s+(a|one|two|three|four|five|six|seven|\\d{1,2})\\s+(days?|weeks?)\\b");
    private static final Pattern DAY_MONTH =
            Pattern.compile("(?i)\\b" + DAY + "(?:\\s+of)?\\s+" + MONTH + "\\b(?:,?\\s+(\\d{4}))?");
    private static final Pattern MONTH_DAY =
            Pattern.compile("(?i)\\b" + MONTH + "\\s+" + DAY + "\\b(?:,?\\s+(\\d{4}))?");
    private static final Pattern NUMERIC_DATE =
            Pattern.compile("(?<![0-9/])(\\d{1,2})/(\\d{1,2})(?:/(\\d{4}|\\d{2}))?(?![0-9/])");

    /** All the entities in the message, in order of where they start; dates are read relative to {@code today}. */
    public List<Entity> extract(String message, LocalDate today) {
        if (message == null || message.isBlank()) {
            return List.of();
        }
        List<Entity> found = new ArrayList<>();
        contactDetails(message, found);
        postcodes(message, found);
        dates(message, today, found);
        accountNumbers(message, found);
        houseNumbers(message, found);
        wasteStreams(message, found);
        return withoutOverlaps(found);
    }

    private static void contactDetails(String message, List<Entity> found) {
        for (ContactDetails.Found detail : ContactDetails.findAllIn(message)) {
            String entity = detail.kind() == ContactDetails.Kind.EMAIL ? "email" : "phone_number";
            found.add(new Entity(entity, detail.value(), detail.start(), detail.end(), NAME));
        }
    }

    private static void postcodes(String message, List<Entity> found) {
        for (Postcode.Found postcode : Postcode.findAllIn(message)) {
            found.add(new Entity("postcode", postcode.postcode().value(), postcode.start(), postcode.end(), NAME));
        }
    }

    private static void accountNumbers(String message, List<Entity> found) {
        if (!ACCOUNT_CONTEXT.matcher(message).find()) {
            return; // eight digits alone could be anything; residents say what they are
        }
        Matcher m = ACCOUNT_NUMBER.matcher(message);
        while (m.find()) {
            found.add(entity("council_tax_account", m.group(), m));
        }
    }

    private static void houseNumbers(String message, List<Entity> found) {
        Matcher m = HOUSE_NUMBER.matcher(message);
        while (m.find()) {
            int group = m.group(1) != null ? 1 : 2;
            found.add(new Entity(
                    "house_number", m.group(group).toUpperCase(Locale.ROOT), m.start(group), m.end(group), NAME));
        }
    }

    private static void wasteStreams(String message, List<Entity> found) {
        Matcher m = WASTE_STREAM.matcher(message);
        while (m.find()) {
            String words = m.group().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            found.add(entity("waste_stream", WASTE_STREAMS.get(words), m));
        }
    }

    private static void dates(String message, LocalDate today, List<Entity> found) {
        Matcher m = RELATIVE_DAY.matcher(message);
        while (m.find()) {
            String word = m.group().toLowerCase(Locale.ROOT);
            LocalDate date = word.contains("after")
                    ? today.plusDays(2)
                    : switch (word) {
                        case "tomorrow", "tmrw", "tmr" -> today.plusDays(1);
                        case "yesterday" -> today.minusDays(1);
                        default -> today;
                    };
            found.add(entity("date", date.toString(), m));
        }
        m = WEEKDAY_PHRASE.matcher(message);
        while (m.find()) {
            if (m.group(1) == null && AMBIGUOUS_DAYS.contains(m.group(2).toLowerCase(Locale.ROOT))) {
                continue; // "I sat by the bin", "the sun was out"
            }
            DayOfWeek day = weekday(m.group(2));
            LocalDate date = today.with(TemporalAdjusters.nextOrSame(day));
            if ("next".equalsIgnoreCase(m.group(1))) {
                LocalDate nextWeek = today.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
                date = nextWeek.with(TemporalAdjusters.nextOrSame(day));
            }
            found.add(entity("date", date.toString(), m));
        }
        m = IN_DAYS.matcher(message);
        while (m.find()) {
            int count = count(m.group(1));
            boolean weeks = m.group(2).toLowerCase(Locale.ROOT).startsWith("week");
            found.add(entity(
                    "date", today.plusDays((long) count * (weeks ? 7 : 1)).toString(), m));
        }
        m = DAY_MONTH.matcher(message);
        while (m.find()) {
            addDate(found, calendarDate(today, Integer.parseInt(m.group(1)), month(m.group(2)), m.group(3)), m);
        }
        m = MONTH_DAY.matcher(message);
        while (m.find()) {
            addDate(found, calendarDate(today, Integer.parseInt(m.group(2)), month(m.group(1)), m.group(3)), m);
        }
        m = NUMERIC_DATE.matcher(message);
        while (m.find()) {
            int monthNumber = Integer.parseInt(m.group(2));
            if (monthNumber >= 1 && monthNumber <= 12) { // British order: day first
                addDate(found, calendarDate(today, Integer.parseInt(m.group(1)), Month.of(monthNumber), m.group(3)), m);
            }
        }
    }

    private static void addDate(List<Entity> found, Optional<LocalDate> date, Matcher m) {
        date.ifPresent(d -> found.add(entity("date", d.toString(), m)));
    }

    /** The date, or with no year the next one on or after {@code today}; empty for "31 February". */
    private static Optional<LocalDate> calendarDate(LocalDate today, int day, Month month, String year) {
        try {
            if (year != null) {
                int y = Integer.parseInt(year);
                return Optional.of(LocalDate.of(y < 100 ? 2000 + y : y, month, day));
            }
            LocalDate thisYear = LocalDate.of(today.getYear(), month, Math.min(day, month.maxLength()));
            if (day > month.length(today.isLeapYear())) {
                thisYear = LocalDate.of(today.getYear() + 1, month, day); // 29 February of a later year
            }
            return Optional.of(thisYear.isBefore(today) ? LocalDate.of(today.getYear() + 1, month, day) : thisYear);
        } catch (java.time.DateTimeException notADate) {
            return Optional.empty();
        }
    }

    private static DayOfWeek weekday(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.getDisplayName(TextStyle.FULL, Locale.UK)
                    .toLowerCase(Locale.ROOT)
                    .startsWith(w)) {
                return day;
            }
        }
        throw new IllegalArgumentException(word);
    }

    private static Month month(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        for (Month month : Month.values()) {
            if (month.getDisplayName(TextStyle.FULL, Locale.UK)
                    .toLowerCase(Locale.ROOT)
                    .startsWith(w)) {
                return month;
            }
        }
        throw new IllegalArgumentException(word);
    }

    private static int count(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "a", "one" -> 1;
            case "two" -> 2;
            case "three" -> 3;
            case "four" -> 4;
            case "five" -> 5;
            case "six" -> 6;
            case "seven" -> 7;
            default -> Integer.parseInt(word);
        };
    }

    /** Earliest first; of overlapping findings the longer (then the one found first) is kept. */
    private static List<Entity> withoutOverlaps(List<Entity> found) {
        List<Entity> byLength = new ArrayList<>(found);
        byLength.sort(Comparator.comparingInt((Entity e) -> e.end() - e.start()).reversed());
        List<Entity> kept = new ArrayList<>();
        for (Entity candidate : byLength) {
            if (kept.stream().noneMatch(k -> candidate.start() < k.end() && k.start() < candidate.end())) {
                kept.add(candidate);
            }
        }
        kept.sort(Comparator.comparingInt(Entity::start));
        return List.copyOf(kept);
    }

    private static Entity entity(String kind, String value, Matcher m) {
        return new Entity(kind, value, m.start(), m.end(), NAME);
    }

    /** Words for each waste stream, as a Rasa lookup table with synonyms would hold them. */
    private static Map<String, String> wasteStreams() {
        Map<String, String> words = new LinkedHashMap<>();
        Map.of(
                        "garden",
                        List.of(
                                "garden waste",
                                "green waste",
                                "green bin",
                                "garden bin",
                                "grass cuttings",
                                "hedge trimmings",
                                "garden"),
                        "food",
                        List.of("food waste", "food caddy", "food bin", "kitchen caddy", "caddy", "food scraps"),
                        "recycling",
                        List.of("recycling", "blue bin", "recycling bin", "recyclables", "paper and card", "cardboard"),
                        "refuse",
                        List.of(
                                "general waste",
                                "black bin",
                                "grey bin",
                                "gray bin",
                                "rubbish",
                                "refuse",
                                "household waste",
                                "landfill bin"),
                        "glass",
                        List.of("glass", "glass box", "bottles and jars", "bottle bank"),
                        "bulky",
                        List.of("bulky waste", "bulky item", "bulky items", "large items"))
                .forEach((stream, synonyms) -> synonyms.forEach(word -> words.put(word, stream)));
        return words;
    }

    /** Longest phrases first, so "garden waste" beats "garden"; whole words, any case and spacing. */
    private static Pattern alternation(java.util.Collection<String> phrases) {
        List<String> sorted = new ArrayList<>(phrases);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        StringBuilder regex = new StringBuilder("(?i)\\b(?:");
        for (int i = 0; i < sorted.size(); i++) {
            regex.append(i == 0 ? "" : "|").append(Pattern.quote(sorted.get(i)).replace(" ", "\\E\\s+\\Q"));
        }
        return Pattern.compile(regex.append(")\\b").toString());
    }
}
