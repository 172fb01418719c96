package org.councilchat.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.councilchat.knowledge.faq.AnswerSanitizer;
import org.councilchat.knowledge.faq.FaqRepository;
import org.councilchat.knowledge.index.CouncilSynonyms;
import org.councilchat.knowledge.index.FaqIndex;
import org.councilchat.knowledge.index.SentenceEmbeddings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Service;

/**
 * The council's FAQs: kept in the database, searched through a Lucene index derived from it. Saving an
 * FAQ updates the index before this method returns, so a published answer is live at once on this server;
 * every other server sharing the database takes it into its own index within a second or two.
 */
@Service
public class KnowledgeBase implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeBase.class);
    private static final int SEARCH_DEPTH = 10;
    /** More changed FAQs than this are taken in by one rebuild rather than one index commit each. */
    private static final int REBUILD_ABOVE = 50;

    private final FaqRepository faqs;
    private final FaqIndex index;
    private final KnowledgeProperties properties;
    private final Clock clock;

    /** Held while the index and {@link #indexed} change together. */
    private final Object indexing = new Object();
    /** The version of every FAQ as the index last took it in, to tell which ones changed since. */
    private final Map<String, Integer> indexed = new HashMap<>();
    /** The database's change mark when the index last caught up. */
    private FaqRepository.ChangeMark seen;

    public KnowledgeBase(FaqRepository faqs, KnowledgeProperties properties, Clock clock) {
        this.faqs = faqs;
        this.properties = properties;
        this.clock = clock;
        this.index = new FaqIndex(
                properties.indexDirectory(),
                synonyms(properties.synonyms()),
                properties.semanticSearch() ? SentenceEmbeddings.shared() : null);
        synchroniseIndex();
    }

    private static CouncilSynonyms synonyms(String location) {
        Resource list = new DefaultResourceLoader().getResource(location);
        try (InputStream in = list.getInputStream()) {
            return CouncilSynonyms.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), location);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the synonym list " + location, e);
        }
    }

    /** Rebuilds the index when it does not reflect what the database holds (first start, a restore, corruption). */
    public final void synchroniseIndex() {
        rebuild(false);
    }

    /**
     * Takes into the index the FAQs saved since it last looked, by this server or by another one sharing the
     * database, so that an FAQ published on one server is answered on all of them. Called every second off the
     * request path by {@link FaqIndexFollower}. NOTE: one aggregate query when nothing changed; a change costs
     * reading every FAQ's version and indexing the changed ones (a rebuild when many changed, as after a crawl).
     */
    void catchUp() {
        synchronized (indexing) {
            FaqRepository.ChangeMark mark = faqs.changeMark();
            if (mark.equals(seen)) {
                return;
            }
            Map<String, Integer> versions = faqs.versions();
            List<String> changed = versions.entrySet().stream()
                    .filter(faq -> !faq.getValue().equals(indexed.get(faq.getKey())))
                    .map(Map.Entry::getKey)
                    .toList();
            if (changed.size() > REBUILD_ABOVE) {
                rebuild(true);
                return;
            }
            if (!changed.isEmpty()) {
                String fingerprint = fingerprint(faqs.findPublished());
                for (String id : changed) {
                    faqs.findById(id).ifPresent(faq -> {
                        index.update(faq, fingerprint);
                        indexed.put(faq.id(), faq.version());
                    });
                }
                log.info("Took {} FAQs changed in the database into the index", changed.size());
            }
            seen = mark;
        }
    }

    /** Rebuilds the index from the database, {@code always} or only when its fingerprint is stale. */
    private void rebuild(boolean always) {
        synchronized (indexing) {
            // Read before the FAQs themselves: a save in between then shows as a change at the next catch-up.
            FaqRepository.ChangeMark mark = faqs.changeMark();
            Map<String, Integer> versions = faqs.versions();
            List<Faq> published = faqs.findPublished();
            String fingerprint = fingerprint(published);
            if (always || !fingerprint.equals(index.fingerprint())) {
                log.info("Rebuilding the FAQ index from {} published FAQs", published.size());
                index.rebuild(published, fingerprint);
            }
            indexed.clear();
            indexed.putAll(versions);
            seen = mark;
        }
    }

    public FaqSearch search(String residentWords) {
        List<FaqMatch> matches = index.search(residentWords, SEARCH_DEPTH).stream()
                .flatMap(hit -> faqs.findById(hit.faqId()).stream().map(faq -> new FaqMatch(faq, hit.confidence())))
                .toList();
        return new FaqSearch(matches, properties.confidenceThreshold());
    }

    public List<Faq> all() {
        return faqs.findAll();
    }

    public Optional<Faq> find(String id) {
        return faqs.findById(id);
    }

    public long count() {
        return faqs.count();
    }

    /** Every saved version of the FAQ, newest first: who changed what, and when. */
    public List<Faq> history(String id) {
        return faqs.history(id);
    }

    /**
     * Puts an earlier version back, as the newest version saved by {@code editor}: the versions in between stay
     * in the history, so a revert can itself be undone.
     */
    public Faq revert(String id, int version, String editor) {
        Faq earlier = faqs.findVersion(id, version)
                .orElseThrow(() -> new IllegalArgumentException("FAQ " + id + " has no version " + version));
        return save(
                new FaqDraft(
                        id,
                        earlier.serviceArea(),
                        earlier.question(),
                        earlier.phrasings(),
                        earlier.answerHtml(),
                        earlier.sourceUrl(),
                        earlier.status(),
                        earlier.language(),
                        earlier.owner(),
                        earlier.reviewBy()),
                editor);
    }

    /**
     * The answer as a save would keep it: cleaned to the safe subset (p, ul, ol, li, a[href], strong, em, h3), for
     * an editor's preview. Nothing is saved.
     */
    public String answerAsSaved(String answerHtml) {
        return AnswerSanitizer.clean(answerHtml);
    }

    /** Creates or changes an FAQ on behalf of {@code editor}, cleaning its HTML, and updates the index. */
    public Faq save(FaqDraft draft, String editor) {
        Faq saved = store(draft, editor);
        String fingerprint = fingerprint(faqs.findPublished());
        synchronized (indexing) {
            // The catch-up may already have taken in this version, or a newer one saved on another server.
            if (indexed.getOrDefault(saved.id(), 0) < saved.version()) {
                index.update(saved, fingerprint);
                indexed.put(saved.id(), saved.version());
            }
        }
        return saved;
    }

    /**
     * Creates or changes many FAQs (an import, the demo council) and rebuilds the index once at the end,
     * rather than committing the index after every one.
     */
    public void saveAll(List<FaqDraft> drafts, String editor) {
        drafts.forEach(draft -> store(draft, editor));
        rebuild(true);
    }

    /**
     * Stores an FAQ without touching the index, for jobs that write many in their own transactions and then
     * call {@link #synchroniseIndex()} once (the crawl).
     */
    Faq store(FaqDraft draft, String editor) {
        Faq faq = new Faq(
                draft.id(),
                draft.serviceArea(),
                draft.question().strip(),
                draft.phrasings().stream()
                        .map(String::strip)
                        .filter(p -> !p.isEmpty())
                        .toList(),
                AnswerSanitizer.clean(draft.answerHtml()),
                draft.sourceUrl(),
                draft.status(),
                draft.language(),
                0,
                OffsetDateTime.now(clock),
                editor,
                draft.owner(),
                draft.reviewBy());
        faqs.save(faq);
        return faqs.findById(faq.id()).orElseThrow();
    }

    private static String fingerprint(List<Faq> published) {
        long versions = published.stream()
                .mapToLong(faq -> faq.id().hashCode() * 31L + faq.version())
                .sum();
        return published.size() + ":" + versions;
    }

    @Override
    public void destroy() throws IOException {
        index.close();
    }
}
