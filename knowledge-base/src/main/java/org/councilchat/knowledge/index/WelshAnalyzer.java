package org.councilchat.knowledge.index;

import java.io.Reader;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * How Welsh FAQ text and residents' Welsh words are broken into searchable terms: apostrophes split
 * ("i'n", "o'r" and "mae'r" are two words each), lower case, accents and the diaeresis folded ("tŷ" = "ty",
 * "ffôn" = "ffon", "copïo" = "copio"), the question words and little words residents wrap every question in
 * removed, and every word also indexed as the words it could be a mutation of ({@link WelshMutationFilter}).
 *
 * <p>No stemming and no synonyms: Lucene has no Welsh stemmer, and the council's synonym list is English.
 * Plurals an FAQ should match belong in its phrasings.
 */
final class WelshAnalyzer extends Analyzer {

    /**
     * Welsh's little words, the question words and the verb forms residents start questions with ("sut ydw
     * i'n", "ble alla i", "oes rhaid i mi"), with their common mutated forms: left in, "sut ydw i" alone
     * matched any FAQ phrased that way, as "how do I" did in English.
     */
    private static final CharArraySet STOP_WORDS = CharArraySet.unmodifiableSet(new CharArraySet(
            List.of(
                    "a", "â", "ac", "ag", "am", "ar", "at", "y", "yr", "r", "yn", "n", "i", "o", "e", "fy", "dy", "ei",
                    "ein", "eich", "eu", "w", "m", "mi", "ti", "chi", "ni", "nhw", "fe", "fo", "hi", "ef", "sut",
                    "beth", "pa", "pam", "pryd", "ble", "pwy", "faint", "oes", "ydw", "ydy", "ydi", "ydych", "ydyn",
                    "yw", "dyw", "dydy", "dydi", "mo", "mae", "sydd", "bod", "fod", "wyf", "rwy", "rwyf", "rydw",
                    "rydych", "dw", "dwi", "roedd", "oedd", "alla", "allaf", "galla", "gallaf", "gallwch", "allwch",
                    "gallu", "allu", "hoffwn", "eisiau", "isio", "angen", "gwneud", "wneud", "cael", "gael", "chael",
                    "os", "gyda", "efo", "hefyd", "neu", "ond", "na", "nad", "nid", "ddim", "dim", "wedi", "yma", "yna",
                    "hwn", "hon", "hyn", "plis", "diolch", "rhaid", "dylwn", "dylai", "ga", "gaf", "caf", "hefo", "sy",
                    "ydio", "helo", "shwmae", "unrhyw", "rhywun", "mod"),
            false));

    /** Welsh writes elisions with an apostrophe, straight or curly: "i'r" is "i yr", "mae'n" is "mae yn". */
    private static final Pattern APOSTROPHE = Pattern.compile("['’‘]");

    private final CharArraySet stopWords;

    private WelshAnalyzer(CharArraySet stopWords) {
        this.stopWords = stopWords;
    }

    /** For FAQ text and residents' words alike: the mutations are undone on both sides. */
    static WelshAnalyzer forWords() {
        return new WelshAnalyzer(STOP_WORDS);
    }

    /** Keeps every word, small ones included, for the ranking-only all-words query. */
    static WelshAnalyzer keepingEveryWord() {
        return new WelshAnalyzer(CharArraySet.EMPTY_SET);
    }

    @Override
    protected Reader initReader(String fieldName, Reader reader) {
        return new PatternReplaceCharFilter(APOSTROPHE, " ", reader);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        TokenStream terms = new LowerCaseFilter(source);
        // Little words go before accents are folded: "dŷ" (a mutated "tŷ", house) must not become "dy" (your).
        if (!stopWords.isEmpty()) {
            terms = new StopFilter(terms, stopWords);
        }
        terms = new ASCIIFoldingFilter(terms);
        terms = new WelshMutationFilter(terms);
        return new TokenStreamComponents(source, terms);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new ASCIIFoldingFilter(new LowerCaseFilter(in));
    }
}
