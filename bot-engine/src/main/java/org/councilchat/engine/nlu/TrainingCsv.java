package org.councilchat.engine.nlu;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code text,intent} training CSV (RFC 4180 quoting, a header row). A malformed line stops the
 * read with its line number, so a broken file never trains a half model.
 */
public final class TrainingCsv {

    private TrainingCsv() {}

    public static List<TrainingExample> read(InputStream csv, String source) throws IOException {
        List<TrainingExample> examples = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            if (header == null || !header.replace("\uFEFF", "").strip().equals("text,intent")) {
                throw new IOException(source + ": the first line must be the header text,intent");
            }
            String line;
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> fields;
                try {
                    fields = fields(line);
                } catch (IOException malformed) {
                    throw new IOException(source + " line " + number + ": " + malformed.getMessage(), malformed);
                }
                if (fields.size() != 2 || fields.get(1).isBlank()) {
                    throw new IOException(source + " line " + number + ": expected two fields, text and intent");
                }
                examples.add(new TrainingExample(fields.get(0), fields.get(1).strip()));
            }
        }
        return examples;
    }

    static List<String> fields(String line) throws IOException {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IOException("unterminated quotes");
        }
        fields.add(field.toString());
        return fields;
    }
}
