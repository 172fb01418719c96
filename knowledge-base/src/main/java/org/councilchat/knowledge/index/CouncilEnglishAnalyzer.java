package org.councilchat.knowledge.index;

import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;

/**
 * How residents' words and FAQ text are broken into searchable terms: standard tokens, lower case,
 * accents folded ("café" = "cafe"), possessives dropped ("council's" = "council"), American -ize
 * spellings made British, English stop words removed and Porter stemming ("collections" = "collection").
 *
 * <p>The analyzer that indexes FAQs is built {@linkplain #forFaqs with the council's synonyms}: each FAQ is
 * indexed with every word of its synonym groups, so "ctax" finds an FAQ that says "council tax". Residents'
 * words are analysed {@linkplain #forResidents without them}, which keeps the words a resident typed
 * distinct for confidence: one word asked is one word to cover, not four.
 */
public final class CouncilEnglishAnalyzer extends Analyzer {

    /**
     * Lucene's English stop words plus the question words, pronouns and auxiliaries residents wrap every
     * question in. Left in, "what?" or "how do I" alone matched any FAQ phrased that way with full confidence.
     */
    private static final CharArraySet STOP_WORDS = stopWords();

    private final SynonymMap synonyms;
    private final CharArraySet stopWords;

    private CouncilEnglishAnalyzer(SynonymMap synonyms, CharArraySet stopWords) {
        this.synonyms = synonyms;
        this.stopWords = stopWords;
    }

    /**
     * Keeps every word, small ones included: in a set of FAQs that are all about one thing, "how many" and
     * "what is" are what tells two questions apart. Ranks; never used for confidence.
     */
    public static CouncilEnglishAnalyzer keepingEveryWord() {
        return new CouncilEnglishAnalyzer(null, CharArraySet.EMPTY_SET);
    }

    /** {@link #keepingEveryWord()} for indexing FAQ text, with the council's synonyms. */
    public static CouncilEnglishAnalyzer keepingEveryWord(SynonymMap synonyms) {
        return new CouncilEnglishAnalyzer(synonyms, CharArraySet.EMPTY_SET);
    }

    /** Analyses residents' words: no synonym expansion (the FAQs carry it). */
    public static CouncilEnglishAnalyzer forResidents() {
        return new CouncilEnglishAnalyzer(null, STOP_WORDS);
    }

    /** Analyses FAQ text for the index, adding the synonyms of every word and phrase it contains. */
    public static CouncilEnglishAnalyzer forFaqs(SynonymMap synonyms) {
        return new CouncilEnglishAnalyzer(synonyms, STOP_WORDS);
    }

    private static CharArraySet stopWords() {
        CharArraySet words = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, false);
        words.addAll(List.of(
                "what", "how", "when", "where", "why", "who", "whom", "whose", "which", "i", "i'm", "im", "me", "my",
                "mine", "myself", "you", "your", "yours", "we", "us", "our", "he", "she", "him", "her", "his", "its",
                "am", "do", "does", "did", "can", "could", "would", "should", "shall", "might", "must", "have", "has",
                "had", "been", "so", "just", "please", "help", "want", "need", "tell", "know"));
        return CharArraySet.unmodifiableSet(words);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        TokenStream terms = new EnglishPossessiveFilter(source);
        terms = new LowerCaseFilter(terms);
        terms = new ASCIIFoldingFilter(terms);
        terms = new BritishSpellingFilter(terms);
        if (!stopWords.isEmpty()) {
            terms = new StopFilter(terms, stopWords);
        }
        terms = new PorterStemFilter(terms);
        if (synonyms != null && synonyms.fst != null) {
            // Synonyms are matched on stemmed words (the list is stemmed the same way), so "bins" meets "bin".
            terms = new FlattenGraphFilter(new SynonymGraphFilter(terms, synonyms, true));
        }
        return new TokenStreamComponents(source, terms);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new ASCIIFoldingFilter(new LowerCaseFilter(in));
    }
}
