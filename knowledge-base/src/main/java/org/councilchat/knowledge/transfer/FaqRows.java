package org.councilchat.knowledge.transfer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.councilchat.knowledge.Faq;
import org.councilchat.knowledge.FaqDraft;
import org.councilchat.knowledge.FaqFileFormat;
import org.councilchat.knowledge.faq.AnswerSanitizer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes FAQ files. Reading checks every row and collects every problem, naming the line and the
 * column (CSV) or field (JSONL), so an editor can fix the whole file in one go; only a file without problems
 * yields drafts.
 */
public final class FaqRows {

    /**
     * The columns (CSV) or fields (JSONL), in export order. {@code translation_of} is the id of the FAQ in the
     * other language that this one translates (a Welsh FAQ names its English original); it may be left out.
     */
    public static final List<String> FIELDS = List.of(
            "id",
            "service_area",
            "question",
            "phrasings",
            "answer_html",
            "source_url",
            "status",
            "language",
            "translation_of");

    private static final Set<String> REQUIRED = Set.of("id", "service_area", "question", "answer_html");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final String PHRASING_SEPARATOR = "|";
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final CSVFormat CSV_IN = CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(false)
            .get();
    private static final CSVFormat CSV_OUT =
            CSVFormat.RFC4180.builder().setHeader(FIELDS.toArray(String[]::new)).get();

    /** What was read: the drafts, or the problems that stop any of them being saved. */
    public record Read(List<FaqDraft> drafts, List<String> problems) {}

    private FaqRows() {}

    /**
     * @param publishUnmarked rows without a status are published (else they arrive as drafts)
     */
    public static Read read(Reader in, String fileName, FaqFileFormat format, boolean publishUnmarked) {
        try {
            return format == FaqFileFormat.CSV
                    ? readCsv(in, fileName, publishUnmarked)
                    : readJsonLines(in, fileName, publishUnmarked);
        } catch (IOException e) {
            return new Read(List.of(), List.of(fileName + ": cannot be read (" + e.getMessage() + ")"));
        }
    }

    private static Read readCsv(Reader in, String fileName, boolean publishUnmarked) throws IOException {
        List<FaqDraft> drafts = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, Long> ids = new HashMap<>();
        try (CSVParser parser = CSV_IN.parse(in)) {
            List<String> header = parser.getHeaderNames();
            for (String column : header) {
                if (!FIELDS.contains(column)) {
                    problems.add(fileName + " line 1: unknown column '" + column + "' (expected " + FIELDS + ")");
                }
            }
            for (String column : REQUIRED) {
                if (!header.contains(column)) {
                    problems.add(fileName + " line 1: column '" + column + "' is missing");
                }
            }
            if (!problems.isEmpty()) {
                return new Read(List.of(), problems);
            }
            long previousEnd = 1;
            for (CSVRecord record : parser) {
                long line = previousEnd + 1;
                previousEnd = parser.getCurrentLineNumber();
                if (record.size() == 1 && record.get(0).isBlank()) {
                    continue; // a blank line
                }
                if (!record.isConsistent()) {
                    problems.add(fileName + " line " + line + ": has " + record.size() + " columns, the header has "
                            + header.size());
                    continue;
                }
                Map<String, String> values = new LinkedHashMap<>();
                header.forEach(column -> values.put(column, record.get(column)));
                List<String> phrasings = Arrays.stream(
                                values.getOrDefault("phrasings", "").split(Pattern.quote(PHRASING_SEPARATOR)))
                        .map(String::strip)
                        .filter(p -> !p.isEmpty())
                        .toList();
                Row row = new Row(fileName + " line " + line + ", column ", "", values, phrasings, Set.of());
                check(row, publishUnmarked, ids, line, problems).ifPresent(drafts::add);
            }
        } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            // commons-csv reports a broken quote or a repeated header this way, naming the line itself
            String reason = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            problems.add(fileName + ": not valid CSV: " + reason);
        }
        return new Read(drafts, problems);
    }

    private static Read readJsonLines(Reader in, String fileName, boolean publishUnmarked) throws IOException {
        List<FaqDraft> drafts = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, Long> ids = new HashMap<>();
        List<String> lines = new BufferedReader(in).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            long line = i + 1;
            String text = lines.get(i);
            if (text.isBlank()) {
                continue;
            }
            String where = fileName + " line " + line;
            JsonNode json;
            try {
                json = JSON.readTree(text);
            } catch (JacksonException e) {
                problems.add(where + ": not valid JSON (" + e.getOriginalMessage() + ")");
                continue;
            }
            if (json == null || !json.isObject()) {
                problems.add(where + ": not a JSON object");
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            Set<String> badFields = new HashSet<>();
            List<String> phrasings = new ArrayList<>();
            for (var field : json.properties()) {
                String name = field.getKey();
                JsonNode value = field.getValue();
                if (!FIELDS.contains(name)) {
                    problems.add(where + ", field \"" + name + "\": unknown (expected " + FIELDS + ")");
                    continue;
                }
                badFields.add(name); // until it proves good
                if (name.equals("phrasings")) {
                    if (value.isArray()) {
                        for (JsonNode p : value) {
                            if (p.isString()) {
                                if (!p.asString().isBlank()) {
                                    phrasings.add(p.asString().strip());
                                }
                            } else {
                                problems.add(where + ", field \"phrasings\": must hold only strings");
                                break;
                            }
                        }
                        badFields.remove(name);
                    } else if (value.isNull()) {
                        badFields.remove(name);
                    } else {
                        problems.add(where + ", field \"phrasings\": must be an array of strings");
                    }
                } else if (value.isString() || value.isNull()) {
                    values.put(name, value.isNull() ? "" : value.asString());
                    badFields.remove(name);
                } else {
                    problems.add(where + ", field \"" + name + "\": must be a string");
                }
            }
            Row row = new Row(where + ", field \"", "\"", values, phrasings, badFields);
            check(row, publishUnmarked, ids, line, problems).ifPresent(drafts::add);
        }
        return new Read(drafts, problems);
    }

    /** One row's values and how its problems name it: {@code prefix + field + suffix + ": " + problem}. */
    private record Row(
            String prefix, String suffix, Map<String, String> values, List<String> phrasings, Set<String> badFields) {

        String value(String field) {
            String value = values.get(field);
            return value == null ? "" : value.strip();
        }

        String problem(String field, String problem) {
            return prefix + field + suffix + ": " + problem;
        }
    }

    private static Optional<FaqDraft> check(
            Row row, boolean publishUnmarked, Map<String, Long> ids, long line, List<String> problems) {
        int before = problems.size();
        for (String field : FIELDS) {
            if (REQUIRED.contains(field)
                    && !row.badFields().contains(field)
                    && row.value(field).isEmpty()) {
                problems.add(row.problem(field, "is empty"));
            }
        }
        String id = row.value("id");
        if (!id.isEmpty() && !ID.matcher(id).matches()) {
            problems.add(
                    row.problem("id", "'" + shortened(id) + "' must be up to 100 letters, digits, '.', '_' or '-'"));
        }
        Long earlier = ids.putIfAbsent(id, line);
        if (!id.isEmpty() && earlier != null) {
            problems.add(row.problem("id", "'" + id + "' is already used on line " + earlier));
        }
        tooLong(row, "service_area", 60, problems);
        tooLong(row, "question", 500, problems);
        tooLong(row, "source_url", 1000, problems);
        if (String.join("\n", row.phrasings()).length() > 4000) {
            problems.add(row.problem("phrasings", "are longer than 4000 characters in all"));
        }
        String answer = AnswerSanitizer.clean(row.value("answer_html"));
        if (!row.value("answer_html").isEmpty()
                && AnswerSanitizer.plainText(answer).isBlank()) {
            problems.add(row.problem("answer_html", "has no text once unsafe HTML is removed"));
        }
        if (answer.length() > 20_000) {
            problems.add(row.problem("answer_html", "is longer than 20000 characters"));
        }
        String url = row.value("source_url");
        if (!url.isEmpty() && !isWebAddress(url)) {
            problems.add(row.problem("source_url", "'" + shortened(url) + "' is not an http or https address"));
        }
        Faq.FaqStatus status = publishUnmarked ? Faq.FaqStatus.PUBLISHED : Faq.FaqStatus.DRAFT;
        if (!row.value("status").isEmpty()) {
            try {
                status = Faq.FaqStatus.valueOf(row.value("status").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(row.problem(
                        "status", "'" + shortened(row.value("status")) + "' is not one of draft, published, archived"));
            }
        }
        String language =
                row.value("language").isEmpty() ? "en" : row.value("language").toLowerCase(Locale.ROOT);
        if (!language.equals("en") && !language.equals("cy")) {
            problems.add(row.problem("language", "'" + shortened(language) + "' is not en or cy"));
        }
        String translationOf = row.value("translation_of");
        if (!translationOf.isEmpty() && !ID.matcher(translationOf).matches()) {
            problems.add(row.problem(
                    "translation_of", "'" + shortened(translationOf) + "' is not an FAQ id (letters, digits, . _ -)"));
        } else if (translationOf.equals(id) && !id.isEmpty()) {
            problems.add(row.problem("translation_of", "names the FAQ itself"));
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new FaqDraft(
                id,
                row.value("service_area"),
                row.value("question"),
                row.phrasings(),
                row.value("answer_html"),
                url.isEmpty() ? null : url,
                status,
                language,
                null,
                null,
                translationOf.isEmpty() ? null : translationOf));
    }

    private static void tooLong(Row row, String field, int limit, List<String> problems) {
        if (row.value(field).length() > limit) {
            problems.add(row.problem(field, "is longer than " + limit + " characters"));
        }
    }

    private static boolean isWebAddress(String url) {
        try {
            URI uri = new URI(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }

    private static String shortened(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }

    /** Writes every FAQ, in the order given, so that {@link #read} gives back the same FAQs. */
    public static void write(List<Faq> faqs, FaqFileFormat format, Writer out) throws IOException {
        if (format == FaqFileFormat.CSV) {
            CSVPrinter printer = CSV_OUT.print(out);
            for (Faq faq : faqs) {
                printer.printRecord(
                        faq.id(),
                        faq.serviceArea(),
                        faq.question(),
                        String.join(" " + PHRASING_SEPARATOR + " ", faq.phrasings()),
                        faq.answerHtml(),
                        faq.sourceUrl() == null ? "" : faq.sourceUrl(),
                        faq.status().name().toLowerCase(Locale.ROOT),
                        faq.language(),
                        faq.translationOf() == null ? "" : faq.translationOf());
            }
            printer.flush();
            return;
        }
        for (Faq faq : faqs) {
            ObjectNode json = JSON.createObjectNode();
            json.put("id", faq.id());
            json.put("service_area", faq.serviceArea());
            json.put("question", faq.question());
            json.putArray("phrasings")
                    .addAll(faq.phrasings().stream()
                            .map(p -> (JsonNode) JSON.getNodeFactory().stringNode(p))
                            .toList());
            json.put("answer_html", faq.answerHtml());
            if (faq.sourceUrl() != null) {
                json.put("source_url", faq.sourceUrl());
            }
            json.put("status", faq.status().name().toLowerCase(Locale.ROOT));
            json.put("language", faq.language());
            if (faq.translationOf() != null) {
                json.put("translation_of", faq.translationOf());
            }
            out.write(JSON.writeValueAsString(json));
            out.write("\n");
        }
        out.flush();
    }
}
