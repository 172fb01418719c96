package org.councilchat.engine.nlu;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.councilchat.engine.TrainingDataInvalid;

/** Reads a training file by its kind: {@code .csv} as {@code text,intent}, {@code .yml}/{@code .yaml} as Rasa NLU. */
public final class TrainingFiles {

    private TrainingFiles() {}

    public static TrainingData read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.getFileName().toString());
        }
    }

    /** Reads {@code in}, choosing the format by the extension of {@code name}. */
    public static TrainingData read(InputStream in, String name) throws IOException {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv")) {
            return TrainingData.of(TrainingCsv.read(in, name));
        }
        if (lower.endsWith(".yml") || lower.endsWith(".yaml")) {
            return RasaNluYaml.read(in, name);
        }
        throw new TrainingDataInvalid(name, 0, "training data must be a .csv (text,intent) or Rasa .yml file");
    }

    public static TrainingData readAll(List<Path> files) throws IOException {
        TrainingData all = TrainingData.of(List.of());
        for (Path file : files) {
            all = all.and(read(file));
        }
        return all;
    }
}
