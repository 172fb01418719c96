package org.councilchat.knowledge.index;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.util.HexFormat;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymMap;

/**
 * The council's synonym list (comma-separated groups, one per line, {@code #} comments), analysed the same
 * way as FAQ text so entries match stemmed words. Immutable; build it once and share it.
 *
 * @param map the parsed groups, for {@link CouncilEnglishAnalyzer#forFaqs}
 * @param digest identifies the list's content: an index built with another list must be rebuilt
 */
public record CouncilSynonyms(SynonymMap map, String digest) {

    /** Where the built-in list lives on the class path. */
    public static final String BUILT_IN = "knowledge/council-synonyms.txt";

    /** The list shipped with Council Chat. */
    public static CouncilSynonyms builtIn() {
        try (InputStream in = CouncilSynonyms.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("The built-in synonym list " + BUILT_IN + " is missing");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + BUILT_IN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** No synonyms at all. */
    public static CouncilSynonyms none() {
        return parse("", "no synonyms");
    }

    /**
     * Reads a synonym list.
     *
     * @throws IllegalArgumentException naming {@code source} and the line when an entry cannot be used
     */
    public static CouncilSynonyms parse(String text, String source) {
        try {
            return new CouncilSynonyms(build(text), sha256(text));
        } catch (ParseException | IllegalArgumentException e) {
            // Lucene's parser does not say which line failed: find it by parsing the lines one at a time.
            String[] lines = text.split("\\R", -1);
            for (int i = 0; i < lines.length; i++) {
                try {
                    build(lines[i]);
                } catch (ParseException | IllegalArgumentException lineProblem) {
                    Throwable cause = lineProblem.getCause() == null ? lineProblem : lineProblem.getCause();
                    throw new IllegalArgumentException(
                            "Synonym list " + source + " line " + (i + 1) + ": " + cause.getMessage(), e);
                }
            }
            throw new IllegalArgumentException("Synonym list " + source + ": " + e.getMessage(), e);
        }
    }

    private static SynonymMap build(String text) throws ParseException {
        SolrSynonymParser parser = new SolrSynonymParser(true, true, CouncilEnglishAnalyzer.forResidents());
        try (Reader reader = new StringReader(text)) {
            parser.parse(reader);
            return parser.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
