package org.councilchat.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One line naming the machine a benchmark ran on: its processor, how many cores Java may use, and the vector
 * instructions the sentence model's speed depends on. The same command measured sentence embeddings at about 2 ms
 * on one machine of this project's kind and 15 ms on another, so a figure without its machine says little.
 */
final class ThisMachine {

    /** The instruction sets that change how fast ONNX Runtime runs the quantised sentence model. */
    private static final Set<String> TELLING_FLAGS = Set.of("avx2", "avx512f", "avx512_vnni", "avx_vnni", "amx_int8");

    private ThisMachine() {}

    static String describe() {
        String processor = System.getProperty("os.arch");
        String flags = "";
        Path cpuInfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuInfo)) {
            try (Stream<String> lines = Files.lines(cpuInfo)) {
                for (String line : lines.toList()) {
                    if (line.startsWith("model name") && processor.equals(System.getProperty("os.arch"))) {
                        processor = line.substring(line.indexOf(':') + 1).strip();
                    }
                    if (line.startsWith("flags") && flags.isEmpty()) {
                        flags = String.join(
                                " ",
                                Stream.of(line.substring(line.indexOf(':') + 1)
                                                .strip()
                                                .split("\\s+"))
                                        .filter(TELLING_FLAGS::contains)
                                        .sorted()
                                        .toList());
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                // Only a description: the benchmark runs without it.
            }
        }
        return String.format(
                Locale.ROOT,
                "Machine: %s, %d cores for Java%s, Java %s",
                processor,
                Runtime.getRuntime().availableProcessors(),
                flags.isEmpty() ? "" : ", " + flags,
                Runtime.version().feature());
    }
}
