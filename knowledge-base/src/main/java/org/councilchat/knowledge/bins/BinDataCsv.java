package org.councilchat.knowledge.bins;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.councilchat.knowledge.BinData;
import org.councilchat.knowledge.BinDataInvalid;
import org.councilchat.knowledge.Postcode;
import org.councilchat.knowledge.PropertyAddress;
import org.councilchat.knowledge.bins.BinRoundRepository.PropertyRounds;

/**
 * Reads the two bin CSV files (documented in README: rounds.csv and properties.csv), checking everything
 * before anything is imported. Every problem is reported with its file and line, not just the first.
 */
public final class BinDataCsv {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setTrim(true)
            .setIgnoreEmptyLines(true)
            .get();

    private BinDataCsv() {}

    public static BinData read(Reader rounds, String roundsName, Reader properties, String propertiesName) {
        return read(rounds, roundsName, properties, propertiesName, null, null);
    }

    /** As {@link #read(Reader, String, Reader, String)}, with an optional exceptions file (null for none). */
    public static BinData read(
            Reader rounds,
            String roundsName,
            Reader properties,
            String propertiesName,
            Reader exceptions,
            String exceptionsName) {
        List<String> problems = new ArrayList<>();
        Map<String, BinRound> roundsById = new LinkedHashMap<>();
        for (Row row : records(
                rounds,
                roundsName,
                problems,
                "round_id",
                "stream",
                "name",
                "colour",
                "day_of_week",
                "interval_weeks",
                "reference_date")) {
            String where = roundsName + " line " + row.line();
            try {
                BinRound round = new BinRound(
                        required(row, "round_id"),
                        required(row, "stream").toLowerCase(Locale.ROOT),
                        required(row, "name"),
                        row.get("colour"),
                        weekday(row, "day_of_week"),
                        weeks(row, "interval_weeks"),
                        date(row, "reference_date"),
                        optionalDate(row, "start_date"),
                        optionalDate(row, "end_date"),
                        yes(row, "subscription"),
                        row.get("name_cy").isBlank() ? null : row.get("name_cy"));
                if (roundsById.putIfAbsent(round.id(), round) != null) {
                    problems.add(where + ": round " + round.id() + " appears twice");
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                problems.add(where + ": " + e.getMessage());
            }
        }
        List<PropertyRounds> propertyRounds = new ArrayList<>();
        Set<String> uprns = new HashSet<>();
        for (Row row : records(properties, propertiesName, problems, "uprn", "address", "postcode", "round_ids")) {
            String where = propertiesName + " line " + row.line();
            try {
                String uprn = required(row, "uprn");
                if (!uprn.matches("[0-9]{1,12}")) {
                    throw new IllegalArgumentException("uprn must be up to 12 digits");
                }
                Postcode postcode = Postcode.parse(required(row, "postcode"))
                        .orElseThrow(() -> new IllegalArgumentException(
                                "postcode '" + row.get("postcode") + "' is not a full UK postcode"));
                List<String> roundIds = Arrays.stream(required(row, "round_ids").split(";"))
                        .map(String::strip)
                        .filter(id -> !id.isEmpty())
                        .toList();
                for (String roundId : roundIds) {
                    if (!roundsById.containsKey(roundId)) {
                        throw new IllegalArgumentException("round " + roundId + " is not in " + roundsName);
                    }
                }
                if (!uprns.add(uprn)) {
                    throw new IllegalArgumentException("uprn " + uprn + " appears twice");
                }
                propertyRounds.add(
                        new PropertyRounds(new PropertyAddress(uprn, required(row, "address"), postcode), roundIds));
            } catch (IllegalArgumentException | IllegalStateException e) {
                problems.add(where + ": " + e.getMessage());
            }
        }
        List<CollectionException> changes = new ArrayList<>();
        if (exceptions != null) {
            Set<String> seen = new HashSet<>();
            for (Row row : records(exceptions, exceptionsName, problems, "round_id", "date", "new_date", "reason")) {
                String where = exceptionsName + " line " + row.line();
                try {
                    BinRound round = roundsById.get(required(row, "round_id"));
                    if (round == null) {
                        throw new IllegalArgumentException("round " + row.get("round_id") + " is not in " + roundsName);
                    }
                    LocalDate date = date(row, "date");
                    if (!round.nextOnOrAfter(date).equals(date)) {
                        throw new IllegalArgumentException(
                                "date " + date + " is not a collection day of round " + round.id());
                    }
                    if (!seen.add(round.id() + date)) {
                        throw new IllegalArgumentException("round " + round.id() + " on " + date + " appears twice");
                    }
                    changes.add(new CollectionException(
                            round.id(), date, optionalDate(row, "new_date"), required(row, "reason")));
                } catch (IllegalArgumentException | IllegalStateException e) {
                    problems.add(where + ": " + e.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new BinDataInvalid(problems);
        }
        return new BinData(List.copyOf(roundsById.values()), propertyRounds, changes);
    }

    /** A CSV row with the line of the file it starts on, counting blank lines and quoted line breaks. */
    private record Row(CSVRecord record, int line) {

        private static final Pattern LINE_BREAK = Pattern.compile("\\R");

        /**
         * The value in a column. A line break inside a quoted value (an address over two lines, as spreadsheets
         * export them) becomes ", "; any other control character is refused, as it would end up in residents'
         * calendar files and the agents' pages.
         */
        String get(String column) {
            String value = record.isMapped(column) && record.isSet(column) ? record.get(column) : "";
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                value = String.join(
                        ", ",
                        LINE_BREAK
                                .splitAsStream(value)
                                .map(String::strip)
                                .filter(part -> !part.isEmpty())
                                .toList());
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                    throw new IllegalArgumentException(String.format(
                            "%s has a control character (U+%04X) at character %d", column, (int) c, i + 1));
                }
            }
            return value;
        }
    }

    private static List<Row> records(Reader csv, String name, List<String> problems, String... columns) {
        String text;
        try {
            text = read(csv);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + name, e);
        }
        try {
            var parser = FORMAT.parse(new StringReader(text));
            List<String> missing = Arrays.stream(columns)
                    .filter(column -> !parser.getHeaderMap().containsKey(column))
                    .toList();
            if (!missing.isEmpty()) {
                problems.add(name + " line 1: missing column(s) " + String.join(", ", missing));
                return List.of();
            }
            LineNumbers lines = new LineNumbers(text);
            List<Row> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                rows.add(new Row(record, lines.lineAt(record.getCharacterPosition())));
            }
            return rows;
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            problems.add(name + ": not valid CSV (" + e.getMessage() + ")");
            return List.of();
        } catch (IllegalArgumentException e) {
            // The header itself is unusable, e.g. a spreadsheet's trailing comma leaves a column without a name.
            problems.add(name + " line 1: " + e.getMessage());
            return List.of();
        }
    }

    /** The whole file, without the byte-order mark spreadsheets put in front of a UTF-8 CSV's first header. */
    private static String read(Reader csv) throws IOException {
        StringWriter text = new StringWriter();
        csv.transferTo(text);
        String content = text.toString();
        return content.startsWith("\uFEFF") ? content.substring(1) : content;
    }

    /** Maps a character offset to its 1-based line, so problems point where a spreadsheet user looks. */
    private static final class LineNumbers {
        private final List<Long> lineStarts = new ArrayList<>();

        LineNumbers(String text) {
            this.text = text;
            lineStarts.add(0L);
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    lineStarts.add(i + 1L);
                }
            }
        }

        private final String text;

        /** The line of the first character of a record at {@code offset}, past any blank lines the parser skipped. */
        int lineAt(long offset) {
            while (offset < text.length() && (text.charAt((int) offset) == '\n' || text.charAt((int) offset) == '\r')) {
                offset++;
            }
            int found = Collections.binarySearch(lineStarts, offset);
            return (found >= 0 ? found : -found - 2) + 1;
        }
    }

    private static DayOfWeek weekday(Row row, String column) {
        String value = required(row, column);
        try {
            return DayOfWeek.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(column + " must be a day such as Monday, not '" + value + "'");
        }
    }

    private static int weeks(Row row, String column) {
        String value = required(row, column);
        try {
            int weeks = Integer.parseInt(value);
            if (weeks >= 1 && weeks <= 52) {
                return weeks;
            }
        } catch (NumberFormatException e) {
            // Reported below with the column's name.
        }
        throw new IllegalArgumentException(
                column + " must be a whole number of weeks from 1 to 52, not '" + value + "'");
    }

    private static LocalDate date(Row row, String column) {
        String value = required(row, column);
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(column + " must be a date like 2026-01-05, not '" + value + "'");
        }
    }

    /** An optional column: absent from the file or empty in the row both mean "not set". */
    private static LocalDate optionalDate(Row row, String column) {
        return row.get(column).isBlank() ? null : date(row, column);
    }

    private static boolean yes(Row row, String column) {
        String value = row.get(column).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "", "no", "false", "n" -> false;
            case "yes", "true", "y" -> true;
            default -> throw new IllegalArgumentException(column + " must be yes or no, not '" + value + "'");
        };
    }

    private static String required(Row row, String column) {
        String value = row.get(column);
        if (value.isBlank()) {
            throw new IllegalArgumentException(column + " is empty");
        }
        return value;
    }
}
