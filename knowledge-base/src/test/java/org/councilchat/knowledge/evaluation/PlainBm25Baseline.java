package org.councilchat.knowledge.evaluation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.councilchat.knowledge.Faq;
import org.councilchat.knowledge.RetrievalReport;

/**
 * The reference point, measured the same way as {@code kb eval}: plain Lucene BM25 with
 * StandardAnalyzer, default BM25Similarity, the question field only. A benchmark, not part of the product:
 * {@code java -cp ... org.councilchat.knowledge.evaluation.PlainBm25Baseline FAQS.jsonl QUERIES.csv}.
 * Answered/answered-precision are not meaningful for raw BM25 scores, so every top hit counts as answered.
 */
public final class PlainBm25Baseline {

    private PlainBm25Baseline() {}

    public static RetrievalReport run(Path faqFile, Path queryFile) throws Exception {
        List<Faq> faqs = FaqFile.read(faqFile);
        Map<String, Set<String>> queries =
                LabelledQueries.read(queryFile, faqs.stream().map(Faq::id).collect(Collectors.toSet()));
        StandardAnalyzer analyzer = new StandardAnalyzer();
        try (Directory directory = new ByteBuffersDirectory()) {
            try (IndexWriter writer =
                    new IndexWriter(directory, new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity()))) {
                for (Faq faq : faqs) {
                    Document doc = new Document();
                    doc.add(new StringField("id", faq.id(), Field.Store.YES));
                    doc.add(new TextField("question", faq.question(), Field.Store.NO));
                    writer.addDocument(doc);
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                searcher.setSimilarity(new BM25Similarity());
                QueryParser parser = new QueryParser("question", analyzer);
                Scoreboard scoreboard = new Scoreboard(0);
                for (Map.Entry<String, Set<String>> query : queries.entrySet()) {
                    List<String> ranked = new ArrayList<>();
                    for (ScoreDoc hit :
                            searcher.search(parser.parse(QueryParser.escape(query.getKey())), 10).scoreDocs) {
                        ranked.add(searcher.storedFields().document(hit.doc).get("id"));
                    }
                    scoreboard.record(ranked, 1, query.getValue());
                }
                return scoreboard.report();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        System.out.println(run(Path.of(args[0]), Path.of(args[1])).toJson());
    }
}
