package org.councilchat.knowledge.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.VectorUtil;
import org.councilchat.knowledge.Faq;
import org.councilchat.knowledge.faq.AnswerSanitizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lucene index of published FAQs: one {@link IndexWriter} and a {@link SearcherManager}, refreshed
 * straight after each change so a publish is searchable at once. The index is derived data: when it is
 * missing, unreadable, out of step with the database or built with another synonym list it is rebuilt
 * from the FAQs handed to {@link #rebuild}.
 *
 * <p>Each FAQ is one text document (question, phrasings and answer, searched with BM25 through the
 * council-English analyzer and its synonyms) followed by one vector document per sentence-embedded text
 * (the question, each phrasing, the answer), so a paraphrase that shares no word with the FAQ is still
 * found by nearest-neighbour search. The two are fused into one ranking and a confidence in [0,1].
 */
public final class FaqIndex implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(FaqIndex.class);

    static final String ID = "id";
    static final String QUESTION = "question";
    static final String PHRASINGS = "phrasings";
    static final String ANSWER = "answer";
    static final String ALL_WORDS = "all_words";
    /** Every word of the question, phrasings and answer, as the question is analysed: the typo dictionary. */
    private static final String SPELLING = "spelling";

    private static final String KIND = "kind";
    private static final String VECTOR = "vector";
    /** On an FAQ document: how many sentence documents follow it in its block. */
    private static final String SENTENCES = "sentences";
    /** On a sentence document: how far after its FAQ document it is (1 for the first). */
    private static final String POSITION = "position";

    private static final String FAQ_KIND = "faq";
    private static final String VECTOR_KIND = "sentence";
    private static final String FINGERPRINT = "fingerprint";
    private static final String ANALYSIS = "analysis";

    /** The vocabulary of a Welsh index, in place of a synonym list's digest: bumped when the Welsh analysis changes. */
    private static final String WELSH = "cy-1";

    /** Bumped whenever what is indexed changes shape, so older indexes are rebuilt rather than misread. */
    private static final String LAYOUT = "3";

    /** A corrected typo counts a little less than a word typed right. */
    private static final double CORRECTED_WORD_WEIGHT = 0.8;

    /**
     * The most distinct words of one message searched (each is three clauses, one a field): far more than any
     * question has, and well inside Lucene's 1,024 clauses, so a pasted essay is searched by its opening words
     * instead of failing. NOTE: also bounds the typo corrections, each of which walks the spelling field.
     */
    static final int MAX_QUERY_WORDS = 64;

    /** The most words (repeats and small words included) of one message in the all-words query. */
    static final int MAX_ALL_WORDS = 256;

    /** How many nearest sentences and BM25 hits are considered before fusing, at the least. */
    private static final int MIN_CANDIDATES = 20;

    private final Analyzer faqAnalyzer;
    private final Analyzer residentAnalyzer;
    private final Analyzer allWordsAnalyzer;
    private final SentenceEmbeddings embeddings;
    private final RankFusion fusion;
    private final String analysis;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final DirectSpellChecker shortWordSpelling = spellChecker(1);
    private final DirectSpellChecker longWordSpelling = spellChecker(2);

    /** An index with the built-in synonyms and semantic matching. */
    public FaqIndex(Path location) {
        this(location, CouncilSynonyms.builtIn(), SentenceEmbeddings.shared());
    }

    /**
     * @param synonyms the council's synonym list
     * @param embeddings the sentence-embedding model, or null for words (BM25) only
     */
    public FaqIndex(Path location, CouncilSynonyms synonyms, SentenceEmbeddings embeddings) {
        this(location, synonyms, embeddings, RankFusion.DEFAULT);
    }

    FaqIndex(Path location, CouncilSynonyms synonyms, SentenceEmbeddings embeddings, RankFusion fusion) {
        this(
                location,
                new PerFieldAnalyzerWrapper(
                        CouncilEnglishAnalyzer.forFaqs(synonyms.map()),
                        Map.of(ALL_WORDS, CouncilEnglishAnalyzer.keepingEveryWord(synonyms.map()))),
                CouncilEnglishAnalyzer.forResidents(),
                CouncilEnglishAnalyzer.keepingEveryWord(),
                synonyms.digest(),
                embeddings,
                fusion);
    }

    /**
     * An index of Welsh FAQs, searched with Welsh words: analysed by {@link WelshAnalyzer}, words (BM25) only,
     * held in memory. NOTE: rebuilt from the database at every start, which for words only costs milliseconds
     * per hundred FAQs; held on disk it would need a directory beside the English index's, which operators
     * would have to know about.
     *
     * <p>No sentence embeddings: the model is English-only. It reads a Welsh sentence as fragments of English
     * word pieces, so its similarity between two Welsh texts says little about their meaning, and a high one
     * makes a Welsh question the council has no Welsh answer for look answered, where the resident should rather
     * be given the English FAQ (or a person). In a one-off check on the demo council's 13 Welsh FAQs (18 Welsh
     * questions they answer, 12 that only English FAQs answer), words only answered 16 confidently and right and
     * 1 of the 12 wrongly; the model fused as for English also answered 16 right but all 12 of the others wrongly;
     * the model weighed down to a fifth answered 17 right and 1 wrongly, but with thinner margins on the 12 and an
     * embedding per question. Not worth it until there is a model that reads Welsh. The word signals are fused as
     * {@link RankFusion#WELSH} says.
     */
    public static FaqIndex welsh() {
        return new FaqIndex(
                null,
                new PerFieldAnalyzerWrapper(
                        WelshAnalyzer.forWords(), Map.of(ALL_WORDS, WelshAnalyzer.keepingEveryWord())),
                WelshAnalyzer.forWords(),
                WelshAnalyzer.keepingEveryWord(),
                WELSH,
                null,
                RankFusion.WELSH);
    }

    private FaqIndex(
            Path location,
            Analyzer faqAnalyzer,
            Analyzer residentAnalyzer,
            Analyzer allWordsAnalyzer,
            String vocabulary,
            SentenceEmbeddings embeddings,
            RankFusion fusion) {
        this.faqAnalyzer = faqAnalyzer;
        this.residentAnalyzer = residentAnalyzer;
        this.allWordsAnalyzer = allWordsAnalyzer;
        this.embeddings = embeddings;
        // Without a model there is no meaning signal: the word signals share its weight.
        this.fusion = embeddings == null ? fusion.withoutMeaning() : fusion;
        this.analysis = LAYOUT + ":" + vocabulary + ":" + (embeddings == null ? "words" : "semantic");
        try {
            if (location == null) {
                this.directory = new ByteBuffersDirectory();
            } else {
                Files.createDirectories(location);
                this.directory = FSDirectory.open(location);
            }
            this.writer = openWriter(directory, faqAnalyzer);
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot open the FAQ index at " + (location == null ? "(memory)" : location), e);
        }
    }

    private static DirectSpellChecker spellChecker(int maxEdits) {
        DirectSpellChecker checker = new DirectSpellChecker();
        checker.setMaxEdits(maxEdits);
        checker.setAccuracy(0.7f);
        return checker;
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

    /**
     * The fingerprint of the database state the index was last built from, or "" for a new index or one
     * built with other synonyms or another layout (which must be rebuilt).
     */
    public String fingerprint() {
        Map<String, String> data = new LinkedHashMap<>();
        Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
        if (live != null) {
            live.forEach(entry -> data.put(entry.getKey(), entry.getValue()));
        }
        return analysis.equals(data.get(ANALYSIS)) ? data.getOrDefault(FINGERPRINT, "") : "";
    }

    /** Replaces the whole index with these FAQs, tagged with the fingerprint of the database state. */
    public synchronized void rebuild(List<Faq> published, String fingerprint) {
        try {
            List<List<float[]>> vectors = embedAll(published);
            writer.deleteAll();
            for (int i = 0; i < published.size(); i++) {
                writer.addDocuments(toDocuments(published.get(i), vectors.get(i)));
            }
            // One segment searches fastest: each segment costs its own term lookups, spelling automata and
            // nearest-neighbour graph walk. Merging 10,000 FAQs takes a few seconds; publishes add small
            // segments that Lucene's merge policy folds in as usual.
            writer.forceMerge(1);
            commit(fingerprint);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot rebuild the FAQ index", e);
        }
    }

    /** Adds or replaces one FAQ, or removes it when it is no longer published. Searchable on return. */
    public synchronized void update(Faq faq, String fingerprint) {
        try {
            if (faq.status() == Faq.FaqStatus.PUBLISHED) {
                writer.updateDocuments(
                        new Term(ID, faq.id()),
                        toDocuments(faq, embedAll(List.of(faq)).getFirst()));
            } else {
                writer.deleteDocuments(new Term(ID, faq.id()));
            }
            commit(fingerprint);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot update the FAQ index", e);
        }
    }

    /** Takes an FAQ out (one that moved to the other language's index, say). Unsearchable on return. */
    public synchronized void remove(String faqId, String fingerprint) {
        try {
            writer.deleteDocuments(new Term(ID, faqId));
            commit(fingerprint);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot update the FAQ index", e);
        }
    }

    private void commit(String fingerprint) throws IOException {
        writer.setLiveCommitData(
                Map.of(FINGERPRINT, fingerprint, ANALYSIS, analysis).entrySet());
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    /** The texts of an FAQ that are embedded: the question and phrasings first, the answer last. */
    private static List<String> embeddedTexts(Faq faq) {
        List<String> texts = new ArrayList<>();
        texts.add(faq.question());
        texts.addAll(faq.phrasings());
        texts.add(AnswerSanitizer.plainText(faq.answerHtml()));
        return texts;
    }

    /** One list of vectors per FAQ (empty without a model), embedded in one batch so all cores help. */
    private List<List<float[]>> embedAll(List<Faq> faqs) {
        if (embeddings == null) {
            return faqs.stream().map(faq -> List.<float[]>of()).toList();
        }
        List<String> texts = new ArrayList<>();
        faqs.forEach(faq -> texts.addAll(embeddedTexts(faq)));
        List<float[]> vectors = embeddings.embedAll(texts);
        List<List<float[]>> perFaq = new ArrayList<>();
        int next = 0;
        for (Faq faq : faqs) {
            int count = faq.phrasings().size() + 2;
            perFaq.add(vectors.subList(next, next + count));
            next += count;
        }
        return perFaq;
    }

    /**
     * The FAQ document followed by one sentence document per vector (question, phrasings, answer last),
     * added as one block: Lucene keeps a block's documents adjacent and in order, through merges too, so an
     * FAQ's sentences are found from its document number and a sentence's FAQ from its position, without
     * reading stored fields (which costs a block decompression per document).
     */
    private static List<Document> toDocuments(Faq faq, List<float[]> vectors) {
        Document doc = new Document();
        addId(doc, faq.id());
        doc.add(new StringField(KIND, FAQ_KIND, Field.Store.NO));
        doc.add(new NumericDocValuesField(SENTENCES, vectors.size()));
        doc.add(new TextField(QUESTION, faq.question(), Field.Store.YES));
        for (String phrasing : faq.phrasings()) {
            doc.add(new TextField(PHRASINGS, phrasing, Field.Store.YES));
        }
        doc.add(new TextField(ANSWER, AnswerSanitizer.plainText(faq.answerHtml()), Field.Store.YES));
        doc.add(new Field(SPELLING, faq.question(), SPELLING_FIELD));
        for (String phrasing : faq.phrasings()) {
            doc.add(new Field(SPELLING, phrasing, SPELLING_FIELD));
        }
        doc.add(new Field(SPELLING, AnswerSanitizer.plainText(faq.answerHtml()), SPELLING_FIELD));
        doc.add(new TextField(ALL_WORDS, faq.question(), Field.Store.NO));
        for (String phrasing : faq.phrasings()) {
            doc.add(new TextField(ALL_WORDS, phrasing, Field.Store.NO));
        }
        List<Document> documents = new ArrayList<>();
        documents.add(doc);
        for (int i = 0; i < vectors.size(); i++) {
            Document sentence = new Document();
            addId(sentence, faq.id());
            sentence.add(new StringField(KIND, VECTOR_KIND, Field.Store.NO));
            sentence.add(new NumericDocValuesField(POSITION, i + 1));
            sentence.add(new KnnFloatVectorField(VECTOR, vectors.get(i), VectorSimilarityFunction.DOT_PRODUCT));
            documents.add(sentence);
        }
        return documents;
    }

    private static final FieldType SPELLING_FIELD = spellingField();

    private static FieldType spellingField() {
        FieldType type = new FieldType();
        type.setIndexOptions(IndexOptions.DOCS);
        type.setTokenized(true);
        type.setOmitNorms(true);
        type.freeze();
        return type;
    }

    private static void addId(Document document, String faqId) {
        document.add(new StringField(ID, faqId, Field.Store.YES));
        document.add(new SortedDocValuesField(ID, new BytesRef(faqId)));
    }

    /**
     * Ranks FAQs for a resident's words, fusing BM25 with sentence-embedding similarity, and gives each hit
     * a confidence in [0,1]. Best first.
     *
     * <p>NOTE: besides two BM25 queries and one nearest-neighbour query, this embeds the resident's words
     * (the main cost, a few milliseconds) and reads doc values, vectors and postings of the candidates only,
     * so its cost is bounded by {@code limit}, not by the size of the index.
     */
    public List<IndexHit> search(String residentWords, int limit) {
        return candidates(residentWords, limit).stream()
                .map(candidate -> new IndexHit(candidate.faqId(), candidate.bm25(), fusion.score(candidate)))
                .sorted(Comparator.comparingDouble(IndexHit::confidence)
                        .thenComparingDouble(IndexHit::score)
                        .reversed())
                .limit(limit)
                .toList();
    }

    /** Every FAQ either retriever proposes, with what each says about it. */
    List<Candidate> candidates(String residentWords, int limit) {
        if (residentWords == null || residentWords.codePoints().noneMatch(Character::isLetterOrDigit)) {
            return List.of();
        }
        IndexSearcher searcher = null;
        try {
            searcher = searchers.acquire();
            IndexReader reader = searcher.getIndexReader();
            int depth = Math.max(limit, MIN_CANDIDATES);
            // The model reads the sentence on a spare core while the words are looked up here.
            SentenceEmbeddings.Pending meaning =
                    embeddings != null && reader.numDocs() > 0 ? embeddings.embedAhead(residentWords) : null;
            List<QueryWord> words = queryWords(reader, residentWords);
            Map<Integer, Double> bm25 = words.isEmpty() ? Map.of() : scores(searcher, bm25Query(words), depth);
            Query allWords = allWordsQuery(residentWords);
            Map<Integer, Double> allWordsBm25 = allWords == null ? Map.of() : scores(searcher, allWords, depth);
            SortedSet<Integer> faqDocuments = new TreeSet<>(bm25.keySet());
            faqDocuments.addAll(allWordsBm25.keySet());
            float[] query = null;
            if (meaning != null) {
                query = meaning.await();
                for (ScoreDoc hit : searcher.search(new KnnFloatVectorQuery(VECTOR, query, depth), depth).scoreDocs) {
                    faqDocuments.add(faqDocumentOf(reader, hit.doc));
                }
            }
            if (faqDocuments.isEmpty()) {
                return List.of();
            }
            return describe(reader, words, query, bm25, allWordsBm25, faqDocuments);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot search the FAQ index", e);
        } finally {
            release(searcher);
        }
    }

    /** Score of each FAQ document a query ranks in its top {@code depth}. */
    private static Map<Integer, Double> scores(IndexSearcher searcher, Query query, int depth) throws IOException {
        Map<Integer, Double> scores = new HashMap<>();
        for (ScoreDoc hit : searcher.search(query, depth).scoreDocs) {
            scores.put(hit.doc, (double) hit.score);
        }
        return scores;
    }

    /** The FAQ document a sentence document belongs to: the head of its block. */
    private static int faqDocumentOf(IndexReader reader, int sentenceDocument) throws IOException {
        LeafReaderContext leaf = reader.leaves().get(ReaderUtil.subIndex(sentenceDocument, reader.leaves()));
        NumericDocValues position = DocValues.getNumeric(leaf.reader(), POSITION);
        if (!position.advanceExact(sentenceDocument - leaf.docBase)) {
            throw new IllegalStateException("A sentence in the FAQ index has lost its FAQ");
        }
        return sentenceDocument - (int) position.longValue();
    }

    /**
     * What the retrievers say about each candidate FAQ document (in document order), its similarities exact
     * for every candidate, not only the nearest neighbours', read from the vectors of its sentence documents.
     */
    private List<Candidate> describe(
            IndexReader reader,
            List<QueryWord> words,
            float[] query,
            Map<Integer, Double> bm25,
            Map<Integer, Double> allWordsBm25,
            SortedSet<Integer> faqDocuments)
            throws IOException {
        double maxBm25 =
                bm25.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double maxAllWordsBm25 = allWordsBm25.values().stream()
                .mapToDouble(Double::doubleValue)
                .max()
                .orElse(0);
        Coverage coverage = new Coverage(reader, words, faqDocuments);
        List<Candidate> candidates = new ArrayList<>();
        FaqBlocks blocks = null;
        for (int doc : faqDocuments) {
            if (blocks == null || !blocks.holds(doc)) {
                blocks = new FaqBlocks(reader.leaves().get(ReaderUtil.subIndex(doc, reader.leaves())), query);
            }
            FaqBlocks.Similarity similarity = blocks.similarity(doc);
            double score = bm25.getOrDefault(doc, 0.0);
            candidates.add(new Candidate(
                    blocks.faqId(doc),
                    score,
                    maxBm25 == 0 ? 0 : score / maxBm25,
                    maxAllWordsBm25 == 0 ? 0 : allWordsBm25.getOrDefault(doc, 0.0) / maxAllWordsBm25,
                    coverage.of(doc),
                    similarity.question(),
                    similarity.answer()));
        }
        return candidates;
    }

    /**
     * The FAQ blocks of one segment, read in increasing document order (doc values and vector iterators only
     * go forwards).
     */
    private static final class FaqBlocks {

        record Similarity(double question, double answer) {}

        private final LeafReaderContext leaf;
        private final float[] query;
        private final SortedDocValues ids;
        private final NumericDocValues sentences;
        private final FloatVectorValues vectors;
        private final KnnVectorValues.DocIndexIterator vectorDocuments;

        FaqBlocks(LeafReaderContext leaf, float[] query) throws IOException {
            this.leaf = leaf;
            this.query = query;
            this.ids = DocValues.getSorted(leaf.reader(), ID);
            this.sentences = DocValues.getNumeric(leaf.reader(), SENTENCES);
            this.vectors = query == null ? null : leaf.reader().getFloatVectorValues(VECTOR);
            this.vectorDocuments = vectors == null ? null : vectors.iterator();
        }

        boolean holds(int doc) {
            return doc >= leaf.docBase && doc < leaf.docBase + leaf.reader().maxDoc();
        }

        String faqId(int doc) throws IOException {
            if (!ids.advanceExact(doc - leaf.docBase)) {
                throw new IllegalStateException("An FAQ in the FAQ index has lost its id");
            }
            return ids.lookupOrd(ids.ordValue()).utf8ToString();
        }

        /**
         * Cosine of the query with the FAQ's question or closest phrasing, and with its answer (0 at worst).
         */
        Similarity similarity(int doc) throws IOException {
            int local = doc - leaf.docBase;
            if (vectorDocuments == null || !sentences.advanceExact(local)) {
                return new Similarity(0, 0);
            }
            int count = (int) sentences.longValue();
            double question = 0;
            double answer = 0;
            for (int position = 1; position <= count; position++) {
                if (vectorDocuments.advance(local + position) != local + position) {
                    throw new IllegalStateException("An FAQ in the FAQ index has lost a sentence");
                }
                double cosine = VectorUtil.dotProduct(query, vectors.vectorValue(vectorDocuments.index()));
                // The answer is the block's last sentence.
                if (position == count) {
                    answer = Math.max(0, cosine);
                } else {
                    question = Math.max(question, cosine);
                }
            }
            return new Similarity(question, answer);
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

    /**
     * The resident's distinct words, analysed. A word no FAQ contains is replaced by the closest word that
     * one does (one typo in a short word, two in a long one), at a little less weight. At most the first
     * {@link #MAX_QUERY_WORDS}.
     */
    private List<QueryWord> queryWords(IndexReader reader, String residentWords) throws IOException {
        List<QueryWord> words = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (List<String> alternatives : analysePositions(residentAnalyzer, residentWords)) {
            if (words.size() == MAX_QUERY_WORDS) {
                break;
            }
            // A word with alternatives (a Welsh word and the words it may be a mutation of) counts once, as the
            // first alternative some FAQ contains: "nhreth" is one word to cover, not two.
            String known = null;
            for (String alternative : alternatives) {
                if (reader.docFreq(new Term(SPELLING, alternative)) > 0) {
                    known = alternative;
                    break;
                }
            }
            String term = known != null ? known : alternatives.getFirst();
            if (!seen.add(term)) {
                continue;
            }
            if (known != null || term.length() < 4) {
                words.add(new QueryWord(term, 1.0));
                continue;
            }
            String correction = correction(reader, term);
            words.add(correction == null ? new QueryWord(term, 1.0) : new QueryWord(correction, CORRECTED_WORD_WEIGHT));
        }
        return words;
    }

    /**
     * NOTE: one field holding every FAQ word, not the question, phrasings and answer fields one by one:
     * each field searched builds its own edit-distance automata, which for a long message with a few typos
     * cost more than the rest of the search.
     */
    private String correction(IndexReader reader, String term) throws IOException {
        DirectSpellChecker checker = term.length() <= 5 ? shortWordSpelling : longWordSpelling;
        SuggestWord[] suggestions =
                checker.suggestSimilar(new Term(SPELLING, term), 1, reader, SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX);
        return suggestions.length == 0 ? null : suggestions[0].string;
    }

    private static int documentFrequency(IndexReader reader, String term) throws IOException {
        return Math.max(
                Math.max(reader.docFreq(new Term(QUESTION, term)), reader.docFreq(new Term(PHRASINGS, term))),
                reader.docFreq(new Term(ANSWER, term)));
    }

    /** Words in the question or phrasings weigh more than words in the answer. */
    private Query bm25Query(List<QueryWord> words) {
        Map<String, Double> fieldBoosts = Map.of(QUESTION, 1.0, PHRASINGS, 1.0, ANSWER, fusion.answerWordBoost());
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (QueryWord word : words) {
            fieldBoosts.forEach((field, boost) -> query.add(
                    new BoostQuery(new TermQuery(new Term(field, word.term())), (float) (boost * word.weight())),
                    BooleanClause.Occur.SHOULD));
        }
        return query.build();
    }

    /** Every word of the resident's (small ones too) against every word of the questions and phrasings. */
    private Query allWordsQuery(String residentWords) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        List<String> everyTerm = analyse(allWordsAnalyzer, residentWords);
        List<String> terms = everyTerm.subList(0, Math.min(everyTerm.size(), MAX_ALL_WORDS));
        terms.forEach(term -> query.add(new TermQuery(new Term(ALL_WORDS, term)), BooleanClause.Occur.SHOULD));
        return terms.isEmpty() ? null : query.build();
    }

    /**
     * Share of the query's information (inverse document frequency) that an FAQ covers: a word in its
     * question or phrasings counts fully, a word only in its answer half. A word that no FAQ contains (often
     * a typo) still counts in the denominator, which keeps confidence honest.
     *
     * <p>NOTE: read from the postings of the query's few words, advanced to the candidates only: not by
     * re-analysing each candidate's text, which with long answers cost more than the rest of the search, nor
     * by walking whole postings, which for a common word run to every FAQ of a large index.
     */
    private static final class Coverage {

        private final List<QueryWord> words;
        private final double[] idf;
        private final List<Set<Integer>> inTitle;
        private final List<Set<Integer>> inAnswer;
        private final double total;

        Coverage(IndexReader reader, List<QueryWord> words, SortedSet<Integer> candidates) throws IOException {
            this.words = words;
            this.idf = new double[words.size()];
            this.inTitle = new ArrayList<>(words.size());
            this.inAnswer = new ArrayList<>(words.size());
            int documents = Math.max(1, reader.getDocCount(QUESTION));
            double sum = 0;
            for (int w = 0; w < words.size(); w++) {
                String term = words.get(w).term();
                int docFreq = documentFrequency(reader, term);
                idf[w] = Math.log(1 + (documents - docFreq + 0.5) / (docFreq + 0.5));
                sum += idf[w];
                inTitle.add(candidatesWith(reader, candidates, term, QUESTION, PHRASINGS));
                inAnswer.add(candidatesWith(reader, candidates, term, ANSWER));
            }
            this.total = sum;
        }

        double of(int doc) {
            if (total == 0) {
                return 0;
            }
            double covered = 0;
            for (int w = 0; w < words.size(); w++) {
                if (inTitle.get(w).contains(doc)) {
                    covered += idf[w] * words.get(w).weight();
                } else if (inAnswer.get(w).contains(doc)) {
                    covered += idf[w] * words.get(w).weight() / 2;
                }
            }
            return covered / total;
        }

        private static Set<Integer> candidatesWith(
                IndexReader reader, SortedSet<Integer> candidates, String term, String... fields) throws IOException {
            Set<Integer> documents = new HashSet<>();
            BytesRef bytes = new BytesRef(term);
            for (LeafReaderContext leaf : reader.leaves()) {
                SortedSet<Integer> inLeaf = candidates.subSet(
                        leaf.docBase, leaf.docBase + leaf.reader().maxDoc());
                if (inLeaf.isEmpty()) {
                    continue;
                }
                for (String field : fields) {
                    Terms terms = leaf.reader().terms(field);
                    if (terms == null) {
                        continue;
                    }
                    TermsEnum termsEnum = terms.iterator();
                    if (!termsEnum.seekExact(bytes)) {
                        continue;
                    }
                    PostingsEnum postings = termsEnum.postings(null, PostingsEnum.NONE);
                    for (int candidate : inLeaf) {
                        int local = candidate - leaf.docBase;
                        int doc = postings.docID() >= local ? postings.docID() : postings.advance(local);
                        if (doc == DocIdSetIterator.NO_MORE_DOCS) {
                            break;
                        }
                        if (doc == local) {
                            documents.add(candidate);
                        }
                    }
                }
            }
            return documents;
        }
    }

    /** Residents' words as the index sees them (no synonym expansion; a Welsh word with its unmutated forms). */
    List<String> terms(String text) {
        return analyse(residentAnalyzer, text);
    }

    /** The terms of {@code text} grouped by position: each word with the alternatives given at its position. */
    private static List<List<String>> analysePositions(Analyzer analyzer, String text) {
        List<List<String>> positions = new ArrayList<>();
        if (text == null) {
            return positions;
        }
        try (TokenStream stream = analyzer.tokenStream(QUESTION, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                if (increment.getPositionIncrement() > 0 || positions.isEmpty()) {
                    positions.add(new ArrayList<>());
                }
                positions.getLast().add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return positions;
    }

    private static List<String> analyse(Analyzer analyzer, String text) {
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

    /** One ranked FAQ id with its BM25 score and its confidence (the fused score it is ranked by). */
    public record IndexHit(String faqId, double score, double confidence) {}

    /** An analysed word of the resident's, with how much it counts (less when it is a typo's correction). */
    record QueryWord(String term, double weight) {}

    /**
     * What the two retrievers say about one FAQ.
     *
     * @param bm25 the BM25 score (0 when BM25 did not rank it)
     * @param relativeBm25 the BM25 score as a share of the best BM25 score for this question
     * @param relativeAllWordsBm25 the same for the BM25 score of all words (small ones too) of the question and
     *     phrasings
     * @param coverage the share of the question's information the FAQ's words cover, in [0,1]
     * @param questionSimilarity cosine of the question with the FAQ's question or closest phrasing
     * @param answerSimilarity cosine of the question with the FAQ's answer (0 at worst)
     */
    record Candidate(
            String faqId,
            double bm25,
            double relativeBm25,
            double relativeAllWordsBm25,
            double coverage,
            double questionSimilarity,
            double answerSimilarity) {}
}
