package org.councilchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.councilchat.engine.IntentClassifier;
import org.councilchat.engine.IntentModels;
import org.councilchat.engine.nlu.ModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** {@code nlu eval} and {@code nlu train} from the jar's command line, on a slice of CLINC150 and Rasa YAML. */
@ExtendWith(OutputCaptureExtension.class)
class NluCommandsTests {

    @TempDir
    Path folder;

    @Test
    void evalPrintsAPerIntentReportThenTheFiguresAsItsLastLine(CapturedOutput output) throws IOException {
        int exit = Commands.run(new String[] {
            "nlu",
            "eval",
            "--train",
            slice("train.csv").toString(),
            "--test",
            slice("test.csv").toString()
        });

        assertThat(exit).as(output.getErr()).isZero();
        List<String> lines = output.getOut().lines().toList();
        assertThat(lines.getFirst())
                .contains("intent")
                .contains("precision")
                .contains("recall")
                .contains("f1");
        assertThat(output.getOut()).contains("weather").contains("oos");
        assertThat(lines.getLast())
                .startsWith("{\"examples\": 42, \"accuracy\": ")
                .contains("\"macro_f1\": ", "\"in_scope_accuracy\": ", "\"oos_recall\": ", "\"train_seconds\": ")
                .contains("\"predict_p50_ms\": ", "\"predict_p99_ms\": ")
                .endsWith("}");
        assertThat(output.getErr()).contains("svm").contains("maxent");
    }

    @Test
    void trainWritesAModelTheEngineCanLoad(CapturedOutput output) throws IOException {
        Path yaml = Files.writeString(folder.resolve("nlu.yml"), """
                version: "3.1"
                nlu:
                - intent: bin_day
                  examples: |
                    - when is my bin day
                    - what day are the bins collected
                    - bins for [MB1 1AA](postcode)
                    - which day do you empty the [green bin]{"entity": "bin_type", "value": "garden"}
                - intent: greet
                  examples: |
                    - hello
                    - hi there
                    - good morning
                    - hiya
                """);
        Path model = folder.resolve("models/council.model");

        int exit = Commands.run(new String[] {
            "nlu", "train", "--data", yaml.toString(), slice("train.csv").toString(), "--out", model.toString()
        });

        assertThat(exit).as(output.getErr()).isZero();
        assertThat(output.getOut())
                .contains("Trained on 148 examples of 9 intents")
                .contains(model.toString())
                .contains("model version " + IntentModels.versionOf(model).id());
        IntentClassifier loaded = IntentModels.load(model);
        assertThat(loaded.classify("when do you collect my bins").top().intent())
                .isEqualTo("bin_day");
        assertThat(loaded.classify("what's the weather going to be tomorrow")
                        .top()
                        .intent())
                .isEqualTo("weather");
    }

    @Test
    void trainCanLeaveSentenceEmbeddingsOutAndTheModelFileSaysSo(CapturedOutput output) throws IOException {
        Path model = folder.resolve("words-only.model");

        int exit = Commands.run(new String[] {
            "nlu",
            "train",
            "--data",
            slice("train.csv").toString(),
            "--out",
            model.toString(),
            "--council-chat.engine.sentence-embeddings=false"
        });

        assertThat(exit).as(output.getErr()).isZero();
        assertThat(output.getOut()).contains("without sentence embeddings");
        try (InputStream in = Files.newInputStream(model)) {
            assertThat(ModelFile.readHeader(in, model.toString()).sentenceEmbeddings())
                    .isFalse();
        }
        assertThat(IntentModels.load(model)
                        .classify("what's the weather going to be tomorrow")
                        .top()
                        .intent())
                .isEqualTo("weather");
    }

    @Test
    void brokenTrainingFileIsRefusedWithItsLineAndNoModelIsWritten(CapturedOutput output) throws IOException {
        Path yaml = Files.writeString(folder.resolve("nlu.yml"), """
                nlu:
                - intent: greet
                  examples: |
                    - hello
                    hi there
                """);
        Path model = folder.resolve("council.model");

        int exit = Commands.run(new String[] {"nlu", "train", "--data", yaml.toString(), "--out", model.toString()});

        assertThat(exit).isEqualTo(1);
        assertThat(output.getErr()).contains("Nothing was trained: nlu.yml line 5: an example must start with '- '");
        assertThat(model).doesNotExist();
    }

    @Test
    void evalScoresEachTestFileOnOneModel(CapturedOutput output) throws IOException {
        Path test = slice("test.csv");
        Path again = Files.copy(test, folder.resolve("again.csv"));

        int exit = Commands.run(new String[] {
            "nlu", "eval", "--train", slice("train.csv").toString(), "--test", test.toString(), again.toString()
        });

        assertThat(exit).as(output.getErr()).isZero();
        String accuracy = output.getOut()
                .lines()
                .filter(line -> line.startsWith("test.csv: accuracy "))
                .findFirst()
                .orElseThrow()
                .substring("test.csv".length());
        // the same messages scored by the same model: the same figures under each file's name
        assertThat(output.getOut()).contains("again.csv" + accuracy);
        assertThat(output.getOut().lines().filter(line -> line.startsWith("{\"examples\": 42")))
                .hasSize(2);
    }

    @Test
    void wrongOptionsShowTheUsage(CapturedOutput output) {
        assertThat(Commands.run(new String[] {"nlu", "eval", "--train", "a.csv"}))
                .isEqualTo(2);
        assertThat(output.getErr())
                .contains("Usage: java -jar council-chat.jar nlu eval --train FILE... --test FILE...");
    }

    private Path slice(String name) throws IOException {
        Path copy = folder.resolve(name);
        try (InputStream in = NluCommandsTests.class.getResourceAsStream("/nlu/clinc150-slice/" + name)) {
            Files.copy(in, copy);
        }
        return copy;
    }
}
