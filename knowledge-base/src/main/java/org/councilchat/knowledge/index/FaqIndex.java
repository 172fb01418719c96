package org.councilchat.knowledge.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.councilchat.knowledge.Faq;
import org.councilchat.knowledge.faq.AnswerSanitizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lucene index of published FAQs: one {@link IndexWriter} and a {@link SearcherManager}, refreshed
 * straight after each change so a publish is searchable at once. The index is derived data: when it is
 * missing, unreadable or out of step with the database it is rebuilt from the FAQs handed to
 * {@link #rebuild}.
 */
public final class FaqIndex implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(FaqIndex.class);

    static final String ID = "id";
    static final String QUESTION = "question";
    static final String PHRASINGS = "phrasings";
    static final String ANSWER = "answer";
    private static final String FINGERPRINT = "fingerprint";

    /** Words in the question or phrasings weigh more than words in the answer. */
    private static final Map<String, Float> FIELD_BOOSTS = Map.of(QUESTION, 3f, PHRASINGS, 3f, ANSWER, 1f);

    private final Analyzer analyzer = new CouncilEnglishAnalyzer();
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;

    public FaqIndex(Path location) {
        try {
            Files.createDirectories(location);
            this.directory = FSDirectory.open(location);
            this.writer = openWriter(directory, analyzer);
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the FAQ index at " + location, e);
        }
    }

    private static IndexWriter openWriter(Directory directory, Analyzer analyzer) throws IOException {
        try {
            return new IndexWriter(directory, new IndexWriterConfig(analyzer));
        } catch (IOException | RuntimeException e) {
            // A corrupt index is only a cache of the database: start again and let the caller rebuild it.
            log.warn("The FAQ index could not be opened ({}); it will be rebuilt from the database", e.toString());
            for (String file : directory.listAll()) {
                directory.deleteFile(file);
            }
            return new IndexWriter(
                    directory, new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE));
        }
    }

    /** The fingerprint of the database state the index was last built from, or "" for a new index. */
    public String fingerprint() {
        Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
        if (data != null) {
            for (Map.Entry<String, String> entry : data) {
                if (FINGERPRINT.equals(entry.getKey())) {
                    return entry.getValue();
                }
            }
        }
        return "";
    }

    /** Replaces the whole index with these FAQs, tagged with the fingerprint of the database state. */
    public synchronized void rebuild(List<Faq> published, String fingerprint) {
        try {
            writer.deleteAll();
            for (Faq faq : published) {
                writer.addDocument(toDocument(faq));
            }
            commit(fingerprint);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot rebuild the FAQ index", e);
        }
    }

    /** Adds or replaces one FAQ, or removes it when it is no longer published. Searchable on return. */
    public synchronized void update(Faq faq, String fingerprint) {
        try {
            if (faq.status() == Faq.FaqStatus.PUBLISHED) {
                writer.updateDocument(new Term(ID, faq.id()), toDocument(faq));
            } else {
                writer.deleteDocuments(new Term(ID, faq.id()));
            }
            commit(fingerprint);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot update the FAQ index", e);
        }
    }

    private void commit(String fingerprint) throws IOException {
        writer.setLiveCommitData(Map.of(FINGERPRINT, fingerprint).entrySet());
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    private static Document toDocument(Faq faq) {
        Document doc = new Document();
        doc.add(new StringField(ID, faq.id(), Field.Store.YES));
        doc.add(new TextField(QUESTION, faq.question(), Field.Store.YES));
        for (String phrasing : faq.phrasings()) {
            doc.add(new TextField(PHRASINGS, phrasing, Field.Store.YES));
        }
        doc.add(new TextField(ANSWER, AnswerSanitizer.plainText(faq.answerHtml()), Field.Store.YES));
        return doc;
    }

    /**
     * Ranks FAQs for a resident's words with BM25 and gives each hit a confidence in [0,1].
     *
     * <p>NOTE: confidence re-analyses the stored text of the top hits only, so its cost is bounded by
     * {@code limit}, not by the size of the index.
     */
    public List<IndexHit> search(String residentWords, int limit) {
        List<String> queryTerms = new ArrayList<>(new LinkedHashSet<>(terms(residentWords)));
        if (queryTerms.isEmpty()) {
            return List.of();
        }
        IndexSearcher searcher = null;
        try {
            searcher = searchers.acquire();
            ScoreDoc[] top = searcher.search(bm25Query(queryTerms), limit).scoreDocs;
            StoredFields stored = searcher.storedFields();
            int documents = Math.max(1, searcher.getIndexReader().numDocs());
            List<IndexHit> hits = new ArrayList<>();
            for (ScoreDoc scoreDoc : top) {
                Document doc = stored.document(scoreDoc.doc);
                double confidence = coverage(searcher, documents, queryTerms, doc);
                hits.add(new IndexHit(doc.get(ID), scoreDoc.score, confidence));
            }
            hits.sort(Comparator.comparingDouble(IndexHit::confidence)
                    .thenComparingDouble(IndexHit::score)
                    .reversed());
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot search the FAQ index", e);
        } finally {
            release(searcher);
        }
    }

    private void release(IndexSearcher searcher) {
        if (searcher != null) {
            try {
                searchers.release(searcher);
            } catch (IOException e) {
                log.warn("Could not release an FAQ index searcher", e);
            }
        }
    }

    private static Query bm25Query(List<String> queryTerms) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (String term : queryTerms) {
            FIELD_BOOSTS.forEach((field, boost) ->
                    query.add(new BoostQuery(new TermQuery(new Term(field, term)), boost), BooleanClause.Occur.SHOULD));
        }
        return query.build();
    }

    /**
     * Share of the query's information (inverse document frequency) that the FAQ covers. A word that no
     * FAQ contains (often a typo) still counts in the denominator, which keeps confidence honest.
     */
    private double coverage(IndexSearcher searcher, int documents, List<String> queryTerms, Document doc)
            throws IOException {
        Set<String> titleTerms = new HashSet<>(terms(doc.get(QUESTION)));
        for (String phrasing : doc.getValues(PHRASINGS)) {
            titleTerms.addAll(terms(phrasing));
        }
        Set<String> answerTerms = new HashSet<>(terms(doc.get(ANSWER)));
        double total = 0;
        double covered = 0;
        for (String term : queryTerms) {
            int docFreq = Math.max(
                    searcher.getIndexReader().docFreq(new Term(QUESTION, term)),
                    searcher.getIndexReader().docFreq(new Term(ANSWER, term)));
            double idf = Math.log(1 + (documents - docFreq + 0.5) / (docFreq + 0.5));
            total += idf;
            if (titleTerms.contains(term)) {
                covered += idf;
            } else if (answerTerms.contains(term)) {
                covered += idf / 2;
            }
        }
        return total == 0 ? 0 : covered / total;
    }

    List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        if (text == null) {
            return terms;
        }
        try (TokenStream stream = analyzer.tokenStream(QUESTION, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.close();
        directory.close();
    }

    /** One ranked FAQ id with its BM25 score and confidence. */
    public record IndexHit(String faqId, double score, double confidence) {}
}
