package org.councilchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** {@code bins import} from the jar's command line: all or nothing, with every problem named. */
@ExtendWith(OutputCaptureExtension.class)
class BinImportTests {

    @TempDir
    Path folder;

    private String database;

    @BeforeEach
    void database() {
        database = "--spring.datasource.url=jdbc:h2:mem:bins" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    @Test
    void importsValidFilesAndSaysWhatItDid(CapturedOutput output) throws IOException {
        int exit = importBins(rounds(), properties("MB9 9ZZ"), exceptions("2026-12-21"));
        assertThat(exit).as(output.getErr()).isZero();
        assertThat(output.getOut())
                .contains("properties: 2 of 2 (100%)")
                .contains("Imported 2 rounds, 2 properties and 1 exceptions");
    }

    @Test
    void progressOnATerminalRedrawsOneBarPerKindOfRow() {
        var printed = new ByteArrayOutputStream();
        var display = new BinImport.ProgressDisplay(new PrintStream(printed, true), true);

        display.imported("properties", 0, 2_000);
        display.imported("properties", 1_000, 2_000);
        display.imported("properties", 2_000, 2_000);

        assertThat(printed.toString())
                .contains("\r  properties       [###############               ]  50% 1,000/2,000")
                .endsWith("\r  properties       [##############################] 100% 2,000/2,000"
                        + System.lineSeparator());
    }

    @Test
    void reportsEveryProblemWithFileAndLineAndImportsNothing(CapturedOutput output) throws IOException {
        int exit = importBins(rounds(), properties("not a postcode"), exceptions("2026-12-22"));
        assertThat(exit).isEqualTo(1);
        assertThat(output.getErr())
                .contains("Nothing was imported")
                .contains("properties.csv line 3: postcode 'not a postcode' is not a full UK postcode")
                .contains("exceptions.csv line 2: date 2026-12-22 is not a collection day of round MON-A");
    }

    @Test
    void missingFileIsReportedPlainly(CapturedOutput output) {
        int exit = Commands.run(new String[] {
            "bins", "import", "--rounds", folder.resolve("nope.csv").toString(), "--properties", "x.csv", database
        });
        assertThat(exit).isEqualTo(1);
        assertThat(output.getErr()).contains("Cannot read").contains("Nothing was imported");
    }

    private int importBins(String rounds, String properties, String exceptions) throws IOException {
        Path roundsFile = Files.writeString(folder.resolve("rounds.csv"), rounds);
        Path propertiesFile = Files.writeString(folder.resolve("properties.csv"), properties);
        Path exceptionsFile = Files.writeString(folder.resolve("exceptions.csv"), exceptions);
        return Commands.run(new String[] {
            "bins",
            "import",
            "--rounds",
            roundsFile.toString(),
            "--properties=" + propertiesFile,
            "--exceptions",
            exceptionsFile.toString(),
            database,
            "--council-chat.knowledge.index-directory=" + folder.resolve("index"),
            "--logging.level.root=WARN"
        });
    }

    private static String rounds() {
        return """
                round_id,stream,name,colour,day_of_week,interval_weeks,reference_date
                MON-A,refuse,Black bin (general waste),black,MONDAY,2,2026-01-05
                MON-B,recycling,Blue bin (recycling),blue,MONDAY,2,2026-01-12
                """;
    }

    private static String properties(String secondPostcode) {
        return """
                uprn,address,postcode,round_ids
                999900009901,"1 Test Street, Millbrook",MB9 9ZZ,MON-A;MON-B
                999900009902,"2 Test Street, Millbrook",%s,MON-A
                """.formatted(secondPostcode);
    }

    private static String exceptions(String date) {
        return """
                round_id,date,new_date,reason
                MON-A,%s,2026-12-22,Staff training day
                """.formatted(date);
    }
}
