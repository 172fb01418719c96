package org.councilchat.knowledge.index;

import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * How residents' words and FAQ text are broken into searchable terms: standard tokens, lower case,
 * accents folded ("café" = "cafe"), possessives dropped ("council's" = "council"), English stop words
 * removed and Porter stemming ("collections" = "collection"). Used both for indexing and for queries, so
 * the two always agree.
 */
public final class CouncilEnglishAnalyzer extends Analyzer {

    /**
     * Lucene's English stop words plus the question words, pronouns and auxiliaries residents wrap every
     * question in. Left in, "what?" or "how do I" alone matched any FAQ phrased that way with full confidence.
     */
    private static final CharArraySet STOP_WORDS = stopWords();

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
        terms = new StopFilter(terms, STOP_WORDS);
        terms = new PorterStemFilter(terms);
        return new TokenStreamComponents(source, terms);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new ASCIIFoldingFilter(new LowerCaseFilter(in));
    }
}
