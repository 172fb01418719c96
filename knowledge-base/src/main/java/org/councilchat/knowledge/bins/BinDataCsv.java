package org.councilchat.knowledge.bins;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
        for (CSVRecord row : records(
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
            String where = roundsName + " line " + (row.getRecordNumber() + 1);
            try {
                BinRound round = new BinRound(
                        required(row, "round_id"),
                        required(row, "stream").toLowerCase(Locale.ROOT),
                        required(row, "name"),
                        row.get("colour"),
                        DayOfWeek.valueOf(required(row, "day_of_week").toUpperCase(Locale.ROOT)),
                        Integer.parseInt(required(row, "interval_weeks")),
                        LocalDate.parse(required(row, "reference_date")),
                        optionalDate(row, "start_date"),
                        optionalDate(row, "end_date"),
                        yes(row, "subscription"));
                if (roundsById.putIfAbsent(round.id(), round) != null) {
                    problems.add(where + ": round " + round.id() + " appears twice");
                }
            } catch (DateTimeParseException e) {
                problems.add(where + ": reference_date must be a date like 2026-01-05");
            } catch (IllegalArgumentException | IllegalStateException e) {
                problems.add(where + ": " + e.getMessage());
            }
        }
        List<PropertyRounds> propertyRounds = new ArrayList<>();
        Set<String> uprns = new HashSet<>();
        for (CSVRecord row :
                records(properties, propertiesName, problems, "uprn", "address", "postcode", "round_ids")) {
            String where = propertiesName + " line " + (row.getRecordNumber() + 1);
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
            for (CSVRecord row :
                    records(exceptions, exceptionsName, problems, "round_id", "date", "new_date", "reason")) {
                String where = exceptionsName + " line " + (row.getRecordNumber() + 1);
                try {
                    BinRound round = roundsById.get(required(row, "round_id"));
                    if (round == null) {
                        throw new IllegalArgumentException("round " + row.get("round_id") + " is not in " + roundsName);
                    }
                    LocalDate date = LocalDate.parse(required(row, "date"));
                    if (!round.nextOnOrAfter(date).equals(date)) {
                        throw new IllegalArgumentException(date + " is not a collection day of round " + round.id());
                    }
                    String newDate = row.get("new_date");
                    if (!seen.add(round.id() + date)) {
                        throw new IllegalArgumentException("round " + round.id() + " on " + date + " appears twice");
                    }
                    changes.add(new CollectionException(
                            round.id(),
                            date,
                            newDate.isBlank() ? null : LocalDate.parse(newDate),
                            required(row, "reason")));
                } catch (DateTimeParseException e) {
                    problems.add(where + ": dates must look like 2026-12-25");
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

    private static List<CSVRecord> records(Reader csv, String name, List<String> problems, String... columns) {
        try {
            var parser = FORMAT.parse(csv);
            List<String> missing = Arrays.stream(columns)
                    .filter(column -> !parser.getHeaderMap().containsKey(column))
                    .toList();
            if (!missing.isEmpty()) {
                problems.add(name + " line 1: missing column(s) " + String.join(", ", missing));
                return List.of();
            }
            return parser.getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + name, e);
        } catch (UncheckedIOException | IllegalStateException e) {
            problems.add(name + ": not valid CSV (" + e.getMessage() + ")");
            return List.of();
        } catch (IllegalArgumentException e) {
            // The header itself is unusable, e.g. a spreadsheet's trailing comma leaves a column without a name.
            problems.add(name + " line 1: " + e.getMessage());
            return List.of();
        }
    }

    /** An optional column: absent from the file or empty in the row both mean "not set". */
    private static LocalDate optionalDate(CSVRecord row, String column) {
        String value = row.isMapped(column) && row.isSet(column) ? row.get(column) : "";
        return value.isBlank() ? null : LocalDate.parse(value);
    }

    private static boolean yes(CSVRecord row, String column) {
        String value =
                row.isMapped(column) && row.isSet(column) ? row.get(column).toLowerCase(Locale.ROOT) : "";
        return switch (value) {
            case "", "no", "false", "n" -> false;
            case "yes", "true", "y" -> true;
            default -> throw new IllegalArgumentException(column + " must be yes or no, not '" + value + "'");
        };
    }

    private static String required(CSVRecord row, String column) {
        String value = row.isSet(column) ? row.get(column) : "";
        if (value.isBlank()) {
            throw new IllegalArgumentException(column + " is empty");
        }
        return value;
    }
}
