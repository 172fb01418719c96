package org.councilchat.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.councilchat.councils.Council;
import org.councilchat.councils.Councils;
import org.councilchat.councils.CouncilsProperties;
import org.councilchat.knowledge.faq.AnswerSanitizer;
import org.councilchat.knowledge.faq.FaqRepository;
import org.councilchat.knowledge.index.CouncilSynonyms;
import org.councilchat.knowledge.index.FaqIndex;
import org.councilchat.knowledge.index.SentenceEmbeddings;
import org.councilchat.knowledge.index.WelshGlossary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Service;

/**
 * Each council's FAQs: kept in the database, searched through Lucene indexes derived from it, for each council one
 * for English FAQs and one for Welsh ones, so that a resident is answered from their own council's FAQs only and
 * each council's words weigh as they do in its own FAQs. Saving an FAQ updates the index before this method returns, so a published answer
 * is live at once on this server; every other server sharing the database takes it into its own index within a
 * second or two.
 *
 * <p>A Welsh question is searched in the Welsh FAQs first; an English FAQ answers it only when no Welsh one does,
 * and then its Welsh translation is given when it has one.
 */
@Service
public class KnowledgeBase implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeBase.class);
    private static final int SEARCH_DEPTH = 10;
    /** More changed FAQs than this are taken in by one rebuild rather than one index commit each. */
    private static final int REBUILD_ABOVE = 50;

    private static final String WELSH = "cy";

    private final FaqRepository faqs;
    private final Councils councils;
    /** Each configured council's indexes; an FAQ of a council no longer configured is in none. */
    private final Map<String, Shelf> shelves = new LinkedHashMap<>();

    private final KnowledgeProperties properties;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    /** Held while the index and {@link #indexed} change together. */
    private final Object indexing = new Object();
    /** The version of every FAQ as the index last took it in, to tell which ones changed since. */
    private final Map<String, Integer> indexed = new HashMap<>();
    /** The database's change mark when the index last caught up. */
    private FaqRepository.ChangeMark seen;

    /** For a deployment of one council (tests, offline tools). */
    public KnowledgeBase(
            FaqRepository faqs, KnowledgeProperties properties, Clock clock, ApplicationEventPublisher events) {
        this(faqs, properties, clock, events, new Councils(new CouncilsProperties(List.of())));
    }

    /**
     * @param events where the knowledge base says what editors did ({@link FaqSaved}, {@link FaqReverted}, ...)
     * @param councils whose FAQs are indexed, each council's in a folder of its own under the index directory
     */
    @Autowired
    public KnowledgeBase(
            FaqRepository faqs,
            KnowledgeProperties properties,
            Clock clock,
            ApplicationEventPublisher events,
            Councils councils) {
        this.faqs = faqs;
        this.councils = councils;
        this.properties = properties;
        this.clock = clock;
        this.events = events;
        CouncilSynonyms synonyms = synonyms(properties.synonyms());
        SentenceEmbeddings embeddings = properties.semanticSearch() ? SentenceEmbeddings.shared() : null;
        for (String council : councils.ids()) {
            shelves.put(
                    council,
                    new Shelf(
                            new FaqIndex(properties.indexDirectory().resolve(council), synonyms, embeddings),
                            FaqIndex.welsh()));
        }
        synchroniseIndex();
    }

    /** One council's indexes: its English FAQs, and its Welsh ones. */
    private record Shelf(FaqIndex english, FaqIndex welsh) {

        FaqIndex of(String language) {
            return WELSH.equals(language) ? welsh : english;
        }

        FaqIndex other(FaqIndex index) {
            return index == english ? welsh : english;
        }
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
                List<Faq> published = faqs.findPublished();
                for (String id : changed) {
                    faqs.findById(id).ifPresent(faq -> {
                        takeIn(faq, published);
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
            for (Map.Entry<String, Shelf> shelf : shelves.entrySet()) {
                for (FaqIndex each :
                        List.of(shelf.getValue().english(), shelf.getValue().welsh())) {
                    List<Faq> inLanguage = inIndex(published, each);
                    String fingerprint = fingerprint(inLanguage);
                    if (always || !fingerprint.equals(each.fingerprint())) {
                        log.info(
                                "Rebuilding {}'s {} FAQ index from {} published FAQs",
                                shelf.getKey(),
                                each == shelf.getValue().welsh() ? "Welsh" : "English",
                                inLanguage.size());
                        each.rebuild(inLanguage, fingerprint);
                    }
                }
            }
            indexed.clear();
            indexed.putAll(versions);
            seen = mark;
        }
    }

    /** A council, listed or not (a chat stored under one no longer configured still names it). */
    public Council council(String councilId) {
        return councils.of(councilId);
    }

    /**
     * The council whose FAQs answer this council's residents about this service: the council that provides it (a
     * district's residents asking about roads get the county's answer), else the council itself.
     */
    public Council answeringCouncil(String councilId, String service) {
        return councils.of(councils.of(councilId).providerOf(service));
    }

    /** The first council's FAQs for an English question, the best first (a deployment of one council). */
    public FaqSearch search(String residentWords) {
        return search(councils.byDefault().id(), residentWords, "en");
    }

    /** The first council's FAQs for a question in {@code language} (a deployment of one council). */
    public FaqSearch search(String residentWords, String language) {
        return search(councils.byDefault().id(), residentWords, language);
    }

    /**
     * The FAQs for a question asked in {@code language} ({@code cy} or {@code en}), the best first. A Welsh
     * question is answered from the Welsh FAQs when one answers it confidently; otherwise the English FAQs are
     * searched with its words in English ({@link WelshGlossary}), each English FAQ that has a Welsh translation
     * given as that translation. What is left in English is for the caller to say so ({@link
     * FaqSearch#answerIsInAnotherLanguage()}). Any other language is searched as English.
     *
     * <p>NOTE: the English search costs a second search and one query per English hit for its translation, on
     * Welsh questions that no Welsh FAQ answers only.
     */
    public FaqSearch search(String councilId, String residentWords, String language) {
        Shelf shelf = shelves.get(councilId);
        double threshold = properties.confidenceThreshold();
        if (shelf == null) {
            return new FaqSearch(List.of(), threshold); // a council not configured has no answers to give
        }
        if (!WELSH.equals(language)) {
            return new FaqSearch(matches(shelf.english(), residentWords), threshold);
        }
        List<FaqMatch> welsh = matches(shelf.welsh(), residentWords);
        FaqSearch inWelsh = new FaqSearch(welsh, threshold, WELSH);
        if (inWelsh.confidentAnswer().isPresent()) {
            return inWelsh;
        }
        Map<String, FaqMatch> best = new LinkedHashMap<>();
        welsh.forEach(match -> best.put(match.faq().id(), match));
        for (FaqMatch english : matches(shelf.english(), WelshGlossary.inEnglish(residentWords))) {
            FaqMatch given = faqs.findPublishedTranslation(english.faq().id(), WELSH)
                    .map(translation -> new FaqMatch(translation, english.confidence()))
                    .orElse(english);
            best.merge(given.faq().id(), given, (a, b) -> a.confidence() >= b.confidence() ? a : b);
        }
        List<FaqMatch> ranked = best.values().stream()
                .sorted(Comparator.comparingDouble(FaqMatch::confidence).reversed())
                .limit(SEARCH_DEPTH)
                .toList();
        return new FaqSearch(ranked, threshold, WELSH);
    }

    private List<FaqMatch> matches(FaqIndex searched, String words) {
        return searched.search(words, SEARCH_DEPTH).stream()
                .flatMap(hit -> faqs.findById(hit.faqId()).stream().map(faq -> new FaqMatch(faq, hit.confidence())))
                .toList();
    }

    /** Welsh FAQs go to their council's Welsh index, every other FAQ to its English one; null: no council's. */
    private FaqIndex indexOf(Faq faq) {
        Shelf shelf = shelves.get(faq.councilId());
        return shelf == null ? null : shelf.of(faq.language());
    }

    private List<Faq> inIndex(List<Faq> published, FaqIndex index) {
        return published.stream().filter(faq -> indexOf(faq) == index).toList();
    }

    /**
     * Takes one saved FAQ into its language's index, and out of the other's (an editor may have changed its
     * language). {@code published} is the database's published FAQs, for the fingerprints.
     */
    private void takeIn(Faq faq, List<Faq> published) {
        FaqIndex home = indexOf(faq);
        if (home == null) {
            return;
        }
        FaqIndex other = shelves.get(faq.councilId()).other(home);
        home.update(faq, fingerprint(inIndex(published, home)));
        other.remove(faq.id(), fingerprint(inIndex(published, other)));
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

    /** How many FAQs this council has, in any state. */
    public long count(String councilId) {
        return faqs.count(councilId);
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
        Faq restored = saveAndIndex(FaqDraft.of(earlier), editor);
        events.publishEvent(new FaqReverted(restored, version, editor));
        return restored;
    }

    /**
     * The answer as a save would keep it: cleaned to the safe subset (p, ul, ol, li, a[href], strong, em, h3, h4, simple tables), for
     * an editor's preview. Nothing is saved.
     */
    public String answerAsSaved(String answerHtml) {
        return AnswerSanitizer.clean(answerHtml);
    }

    /**
     * Creates or changes an FAQ on behalf of {@code editor}, cleaning its HTML, and updates the index; then
     * publishes {@link FaqSaved}.
     */
    public Faq save(FaqDraft draft, String editor) {
        Faq.FaqStatus before = faqs.findById(draft.id()).map(Faq::status).orElse(null);
        Faq saved = saveAndIndex(draft, editor);
        events.publishEvent(new FaqSaved(saved, before, editor));
        return saved;
    }

    private Faq saveAndIndex(FaqDraft draft, String editor) {
        Faq saved = store(draft, editor);
        List<Faq> published = faqs.findPublished();
        synchronized (indexing) {
            // The catch-up may already have taken in this version, or a newer one saved on another server.
            if (indexed.getOrDefault(saved.id(), 0) < saved.version()) {
                takeIn(saved, published);
                indexed.put(saved.id(), saved.version());
            }
        }
        return saved;
    }

    /** For the import and the crawl, which write many FAQs and say so once. */
    void publish(Object event) {
        events.publishEvent(event);
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
        String council = draft.councilId() == null ? councils.byDefault().id() : draft.councilId();
        if (councils.find(council).isEmpty()) {
            throw new IllegalArgumentException("There is no council '" + council + "' in council-chat.councils");
        }
        Optional<String> owner = faqs.councilOf(draft.id());
        if (owner.isPresent() && !owner.get().equals(council)) {
            // Ids are unique across councils; saving over another council's FAQ would move it, answers and all.
            throw new IllegalArgumentException(
                    "The FAQ id '" + draft.id() + "' is taken by another council's FAQ: give this one another id");
        }
        FaqDraft saved = asSaved(draft);
        Faq faq = new Faq(
                saved.id(),
                saved.serviceArea(),
                saved.question(),
                saved.phrasings(),
                saved.answerHtml(),
                saved.sourceUrl(),
                saved.status(),
                saved.language(),
                0,
                OffsetDateTime.now(clock),
                editor,
                saved.owner(),
                saved.reviewBy(),
                saved.translationOf(),
                council);
        faqs.save(faq);
        return faqs.findById(faq.id()).orElseThrow();
    }

    /**
     * The draft as a save keeps it: question and phrasings trimmed, empty phrasings dropped, the answer cleaned to the
     * safe subset. A change sent for review is kept so too, so the reviewer approves what residents will get.
     */
    static FaqDraft asSaved(FaqDraft draft) {
        return new FaqDraft(
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
                draft.owner(),
                draft.reviewBy(),
                draft.translationOf(),
                draft.councilId());
    }

    private static String fingerprint(List<Faq> published) {
        long versions = published.stream()
                .mapToLong(faq -> faq.id().hashCode() * 31L + faq.version())
                .sum();
        return published.size() + ":" + versions;
    }

    @Override
    public void destroy() throws IOException {
        for (Shelf shelf : shelves.values()) {
            shelf.welsh().close();
            shelf.english().close();
        }
    }
}
