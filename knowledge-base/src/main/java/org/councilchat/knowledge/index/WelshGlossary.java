package org.councilchat.knowledge.index;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * A small council vocabulary from Welsh to English, for the one case where a Welsh question must search English
 * FAQs: the council has no Welsh FAQ that answers it. The resident's words are analysed as Welsh (mutations
 * undone), each known word becomes its English words, and an unknown word is kept as typed: it may be English
 * already ("blue badge", "council tax"), a name, or a Welsh word that no English FAQ will match, which then
 * lowers the confidence as any unmatched word does.
 *
 * <p>Not a translator: word by word, with no grammar. It only has to be good enough for the English index to
 * find the FAQ, which the resident then reads in English.
 */
public final class WelshGlossary {

    private static final String LIST = "knowledge/welsh-english-glossary.txt";
    private static final Map<String, String> ENGLISH = load();
    private static final Analyzer WELSH = WelshAnalyzer.forWords();

    private WelshGlossary() {}

    /** The resident's Welsh words as English words for the English index: known words translated, others kept. */
    public static String inEnglish(String welshWords) {
        List<String> english = new ArrayList<>();
        if (welshWords == null) {
            return "";
        }
        try (TokenStream stream = WELSH.tokenStream("question", welshWords)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            String typed = null;
            String translated = null;
            while (stream.incrementToken()) {
                if (increment.getPositionIncrement() > 0) {
                    add(english, typed, translated);
                    typed = term.toString();
                    translated = ENGLISH.get(typed);
                } else if (translated == null) {
                    // An unmutated form of the word typed ("dreth" is "treth").
                    translated = ENGLISH.get(term.toString());
                }
            }
            add(english, typed, translated);
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return String.join(" ", english);
    }

    private static void add(List<String> english, String typed, String translated) {
        if (typed == null) {
            return;
        }
        String word = translated != null ? translated : typed;
        if (!word.isEmpty()) {
            english.add(word);
        }
    }

    private static Map<String, String> load() {
        Map<String, String> english = new HashMap<>();
        try (InputStream in = WelshGlossary.class.getClassLoader().getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IllegalStateException("The Welsh glossary " + LIST + " is missing");
            }
            int number = 0;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                number++;
                String entry = line.strip();
                if (entry.isEmpty() || entry.startsWith("#")) {
                    continue;
                }
                int arrow = entry.indexOf("=>");
                if (arrow < 1) {
                    throw new IllegalStateException(LIST + " line " + number + " has no 'welsh => english'");
                }
                english.put(
                        entry.substring(0, arrow).strip(),
                        entry.substring(arrow + 2).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Welsh glossary " + LIST, e);
        }
        return Map.copyOf(english);
    }
}
