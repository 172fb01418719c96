package org.councilchat.knowledge.index;

import org.apache.lucene.analysis.Analyzer;
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

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        TokenStream terms = new EnglishPossessiveFilter(source);
        terms = new LowerCaseFilter(terms);
        terms = new ASCIIFoldingFilter(terms);
        terms = new StopFilter(terms, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        terms = new PorterStemFilter(terms);
        return new TokenStreamComponents(source, terms);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new ASCIIFoldingFilter(new LowerCaseFilter(in));
    }
}
