package org.councilchat.knowledge.evaluation;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.councilchat.knowledge.EvaluationDataInvalid;

/**
 * A {@code query,faq_id} CSV file: each query with the FAQs that answer it. A query on several rows has
 * several correct FAQs. Every FAQ id must be one of the FAQs being evaluated.
 */
public final class LabelledQueries {

    private LabelledQueries() {}

    /** The queries in file order, each with its correct FAQ ids. */
    public static Map<String, Set<String>> read(Path file, Set<String> knownFaqIds) {
        Map<String, Set<String>> queries = new LinkedHashMap<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser csv = CSVFormat.RFC4180.builder().get().parse(reader)) {
            boolean header = true;
            for (CSVRecord record : csv) {
                long line = csv.getCurrentLineNumber();
                if (header) {
                    List<String> columns = record.toList().stream()
                            .map(column -> column.strip().replace("\uFEFF", ""))
                            .toList();
                    if (!columns.equals(List.of("query", "faq_id"))) {
                        throw new EvaluationDataInvalid(
                                file, line, "the header must be query,faq_id but is " + String.join(",", columns));
                    }
                    header = false;
                    continue;
                }
                if (record.size() == 1 && record.get(0).isBlank()) {
                    continue;
                }
                if (record.size() != 2) {
                    throw new EvaluationDataInvalid(
                            file, line, "expected 2 columns (query,faq_id) but found " + record.size());
                }
                String query = record.get(0).strip();
                String faqId = record.get(1).strip();
                if (query.isEmpty() || faqId.isEmpty()) {
                    throw new EvaluationDataInvalid(file, line, "the query and the faq_id must both be given");
                }
                if (!knownFaqIds.contains(faqId)) {
                    throw new EvaluationDataInvalid(file, line, "faq_id '" + faqId + "' is not in the FAQ file");
                }
                queries.computeIfAbsent(query, q -> new LinkedHashSet<>()).add(faqId);
            }
            if (header) {
                throw new EvaluationDataInvalid(file, 0, "the file is empty; expected the header query,faq_id");
            }
        } catch (IOException | IllegalStateException | java.io.UncheckedIOException e) {
            // commons-csv reports malformed quoting as an UncheckedIOException or IllegalStateException.
            throw new EvaluationDataInvalid(file, 0, "cannot be read as CSV: " + e.getMessage());
        }
        return queries;
    }
}
