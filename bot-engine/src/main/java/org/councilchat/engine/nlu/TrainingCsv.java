package org.councilchat.engine.nlu;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.councilchat.engine.TrainingDataInvalid;

/**
 * Reads {@code text,intent} training CSV (RFC 4180 quoting, a header row, UTF-8). A malformed line stops
 * the read with the file's name and the line's number, so a broken file never trains a half model.
 */
public final class TrainingCsv {

    private TrainingCsv() {}

    /** @throws TrainingDataInvalid naming {@code source} and the line when the file is malformed */
    public static List<TrainingExample> read(InputStream csv, String source) throws IOException {
        List<TrainingExample> examples = new ArrayList<>();
        // Refuse bytes that are not UTF-8 rather than train on replacement characters.
        InputStreamReader decoder = new InputStreamReader(
                csv,
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));
        int number = 1;
        try (BufferedReader reader = new BufferedReader(decoder)) {
            String header = reader.readLine();
            if (header == null || !header.replace("\uFEFF", "").strip().equals("text,intent")) {
                throw new TrainingDataInvalid(source, 0, "the first line must be the header text,intent");
            }
            String line;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> fields;
                try {
                    fields = fields(line);
                } catch (IOException malformed) {
                    throw new TrainingDataInvalid(source, number, malformed.getMessage());
                }
                if (fields.size() != 2 || fields.get(1).isBlank()) {
                    throw new TrainingDataInvalid(source, number, "expected two fields, text and intent");
                }
                String intent = fields.get(1).strip();
                if (!intent.matches("[^\\s\"]+")) {
                    throw new TrainingDataInvalid(
                            source, number, "the intent '" + intent + "' must be one word, without spaces or quotes");
                }
                examples.add(new TrainingExample(fields.get(0), intent));
            }
        } catch (CharacterCodingException notUtf8) {
            throw new TrainingDataInvalid(source, number + 1, "the file is not UTF-8 text");
        }
        return examples;
    }

    static List<String> fields(String line) throws IOException {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean closed = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                    closed = true;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty() && !closed) {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                closed = false;
            } else if (closed) {
                throw new IOException("text after a closing quote (a quote inside a quoted field is written \"\")");
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
