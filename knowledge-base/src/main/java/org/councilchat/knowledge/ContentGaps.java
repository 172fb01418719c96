package org.councilchat.knowledge;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.councilchat.knowledge.faq.FaqRepository;
import org.councilchat.knowledge.feedback.JdbcAnswerFeedback;
import org.councilchat.knowledge.feedback.QuestionGroups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * What residents asked that the knowledge base could not answer well, grouped by meaning (sentence embeddings)
 * or, when semantic search is off, by shared words; and how residents rated each FAQ. Feedback older than the
 * retention setting is purged once a day.
 */
@Service
public class ContentGaps implements DisposableBean {

    /** Cosine of two questions' embeddings from which they count as one question. */
    static final double SAME_MEANING = 0.7;

    /** Share of content words two questions must have in common to count as one (without embeddings). */
    static final double SAME_WORDS = 0.5;

    /** Questions grouped per view; the newest are kept, as they say most about today's gaps. */
    static final int MOST_QUESTIONS = 1000;

    private static final int MOST_OTHER_WORDINGS = 10;
    private static final Pattern REDACTED = Pattern.compile("\\[(?:email|phone|card|postcode)]|"
            + Pattern.quote(TypedText.cardNumberRemoved(Locale.ENGLISH)) + "|"
            + Pattern.quote(TypedText.cardNumberRemoved(Locale.of("cy"))));
    private static final int EMBEDDING_CACHE = 5000;
    private static final Logger log = LoggerFactory.getLogger(ContentGaps.class);

    private final JdbcAnswerFeedback feedback;
    private final FaqRepository faqs;
    private final KnowledgeProperties properties;
    private final Clock clock;
    private final ScheduledExecutorService purges;
    /** Questions' embeddings, so the page is quick to reload; bounded, the least useful dropped first. */
    private final Cache<String, float[]> embeddings =
            Caffeine.newBuilder().maximumSize(EMBEDDING_CACHE).build();

    ContentGaps(JdbcAnswerFeedback feedback, FaqRepository faqs, KnowledgeProperties properties, Clock clock) {
        this.feedback = feedback;
        this.faqs = faqs;
        this.properties = properties;
        this.clock = clock;
        this.purges = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "feedback-purge");
            thread.setDaemon(true);
            return thread;
        });
        purges.scheduleAtFixedRate(this::purgeQuietly, 1, TimeUnit.DAYS.toMinutes(1), TimeUnit.MINUTES);
    }

    /**
     * The gaps of the retention period, the most asked first (then the most recently asked). Questions are
     * grouped within their language only: a Welsh gap needs a Welsh FAQ. Welsh questions answered from an
     * English FAQ are grouped apart from those not answered at all: they need a translation, not a new FAQ. Only
     * what these councils' residents asked.
     */
    public List<ContentGap> gaps(Collection<String> councilIds) {
        OffsetDateTime since =
                OffsetDateTime.now(clock).minus(properties.feedback().retention());
        Map<List<Object>, List<JdbcAnswerFeedback.Asked>> byLanguageAndReason =
                readable(feedback.gapsSince(since, MOST_QUESTIONS, councilIds)).stream()
                        .collect(Collectors.groupingBy(
                                asked -> List.of(asked.language(), reason(asked)),
                                LinkedHashMap::new,
                                Collectors.toList()));
        Map<String, Faq> given = new LinkedHashMap<>();
        List<ContentGap> gaps = new ArrayList<>();
        byLanguageAndReason.forEach(
                (key, asked) -> gaps.addAll(gaps(asked, (String) key.get(0), (ContentGap.Reason) key.get(1), given)));
        gaps.sort(Comparator.comparingInt(ContentGap::asked)
                .reversed()
                .thenComparing(ContentGap::lastAsked, Comparator.reverseOrder()));
        return gaps;
    }

    /**
     * The questions an editor can read. A row of nothing visible (stored by an older version, before blank
     * messages were refused) is left out, so one bad row never costs editors the page.
     */
    private static List<JdbcAnswerFeedback.Asked> readable(List<JdbcAnswerFeedback.Asked> asked) {
        List<JdbcAnswerFeedback.Asked> readable = asked.stream()
                .filter(question -> !TypedText.isBlank(question.words()))
                .toList();
        if (readable.size() < asked.size()) {
            log.warn("Left {} blank question(s) out of the content gaps", asked.size() - readable.size());
        }
        return readable;
    }

    private static ContentGap.Reason reason(JdbcAnswerFeedback.Asked asked) {
        return asked.outcome() == JdbcAnswerFeedback.Outcome.ANSWERED_IN_ENGLISH
                ? ContentGap.Reason.NO_WELSH_VERSION
                : ContentGap.Reason.NO_ANSWER;
    }

    private List<ContentGap> gaps(
            List<JdbcAnswerFeedback.Asked> asked, String language, ContentGap.Reason reason, Map<String, Faq> given) {
        List<QuestionGroups.Group> groups = reason == ContentGap.Reason.NO_WELSH_VERSION
                ? byFaqGiven(asked)
                : QuestionGroups.group(asked.size(), similarity(asked), threshold());
        List<ContentGap> gaps = new ArrayList<>();
        for (QuestionGroups.Group group : groups) {
            List<JdbcAnswerFeedback.Asked> members =
                    group.members().stream().map(asked::get).toList();
            String typical = asked.get(group.typical()).words();
            Set<String> others = new LinkedHashSet<>();
            members.stream()
                    .map(JdbcAnswerFeedback.Asked::words)
                    .filter(words -> !words.equalsIgnoreCase(typical))
                    .forEach(others::add);
            List<Faq> faqsGiven = members.stream()
                    .map(JdbcAnswerFeedback.Asked::faqId)
                    .filter(Objects::nonNull)
                    .distinct()
                    .map(id -> given.computeIfAbsent(id, i -> faqs.findById(i).orElse(null)))
                    .filter(Objects::nonNull)
                    .toList();
            boolean untranslated = reason == ContentGap.Reason.NO_WELSH_VERSION;
            if (untranslated) {
                // A Welsh version published since is the gap filled: the page shows only what is left to do.
                faqsGiven = faqsGiven.stream()
                        .filter(faq ->
                                faqs.findPublishedTranslation(faq.id(), "cy").isEmpty())
                        .toList();
                if (faqsGiven.isEmpty()) {
                    continue;
                }
            }
            gaps.add(new ContentGap(
                    typical,
                    others.stream().limit(MOST_OTHER_WORDINGS).toList(),
                    members.size(),
                    members.stream()
                            .map(JdbcAnswerFeedback.Asked::at)
                            .min(Comparator.naturalOrder())
                            .orElseThrow(),
                    members.stream()
                            .map(JdbcAnswerFeedback.Asked::at)
                            .max(Comparator.naturalOrder())
                            .orElseThrow(),
                    untranslated ? List.of() : faqsGiven,
                    language,
                    reason,
                    untranslated ? faqsGiven : List.of()));
        }
        return gaps;
    }

    /**
     * Welsh questions answered in English, one group per English FAQ given: what is missing is that FAQ's Welsh
     * version, however the questions were worded. The newest question is the typical one.
     */
    private static List<QuestionGroups.Group> byFaqGiven(List<JdbcAnswerFeedback.Asked> asked) {
        Map<String, List<Integer>> byFaq = new LinkedHashMap<>();
        for (int i = 0; i < asked.size(); i++) {
            byFaq.computeIfAbsent(String.valueOf(asked.get(i).faqId()), id -> new ArrayList<>())
                    .add(i);
        }
        return byFaq.values().stream()
                .map(members -> new QuestionGroups.Group(members, members.getFirst()))
                .toList();
    }

    /** Every rated FAQ's counts, by FAQ id. */
    public Map<String, FaqRating> ratings() {
        return feedback.ratings().entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey,
                        e -> new FaqRating(e.getValue().helped(), e.getValue().notHelped())));
    }

    public FaqRating rating(String faqId) {
        return ratings().getOrDefault(faqId, FaqRating.NONE);
    }

    /** Deletes feedback older than the retention setting; returns how many questions went. */
    public int purge() {
        return feedback.purgeBefore(
                OffsetDateTime.now(clock).minus(properties.feedback().retention()));
    }

    private void purgeQuietly() {
        try {
            int purged = purge();
            if (purged > 0) {
                log.info(
                        "Purged {} residents' questions older than {}",
                        purged,
                        properties.feedback().retention());
            }
        } catch (RuntimeException e) {
            log.warn("Could not purge old feedback; trying again tomorrow", e);
        }
    }

    private double threshold() {
        return properties.semanticSearch() ? SAME_MEANING : SAME_WORDS;
    }

    private QuestionGroups.Similarity similarity(List<JdbcAnswerFeedback.Asked> asked) {
        // What was redacted says nothing about what was asked: "[phone]" must not pull questions together.
        List<String> words = asked.stream()
                .map(a -> TypedText.strip(REDACTED.matcher(a.words()).replaceAll(" ")))
                .toList();
        if (properties.semanticSearch()) {
            List<float[]> vectors = embed(words);
            // A question that could not be embedded is a gap of its own.
            return (a, b) -> vectors.get(a) == null || vectors.get(b) == null
                    ? 0
                    : QuestionGroups.cosine(vectors.get(a), vectors.get(b));
        }
        List<Set<String>> content =
                words.stream().map(QuestionGroups::contentWords).toList();
        return (a, b) -> QuestionGroups.overlap(content.get(a), content.get(b));
    }

    /**
     * Embeds each distinct question once, remembering recent ones so the page is quick to reload. A question
     * the model cannot read (nothing but redactions, say) gets null, logged without its words.
     */
    private List<float[]> embed(List<String> words) {
        List<String> missing = words.stream()
                .distinct()
                .filter(w -> !TypedText.isBlank(w) && embeddings.getIfPresent(w) == null)
                .toList();
        if (!missing.isEmpty()) {
            try {
                List<float[]> vectors = SentenceEmbedder.shared().embedAll(missing);
                for (int i = 0; i < missing.size(); i++) {
                    embeddings.put(missing.get(i), vectors.get(i));
                }
            } catch (RuntimeException batchFailed) {
                // One question spoils the batch: embed them one at a time, to find and leave out only that one.
                missing.forEach(this::embedAlone);
            }
        }
        Map<String, float[]> now = new LinkedHashMap<>();
        for (String w : words) {
            if (!now.containsKey(w)) {
                now.put(w, TypedText.isBlank(w) ? null : embeddings.get(w, this::embedOrNull));
            }
        }
        return words.stream().map(now::get).toList();
    }

    private void embedAlone(String words) {
        float[] vector = embedOrNull(words);
        if (vector != null) {
            embeddings.put(words, vector);
        }
    }

    private float[] embedOrNull(String words) {
        try {
            return SentenceEmbedder.shared().embed(words);
        } catch (RuntimeException unreadable) {
            log.warn(
                    "Could not embed a resident's question ({}); it stands alone in the content gaps",
                    unreadable.getClass().getSimpleName());
            return null;
        }
    }

    @Override
    public void destroy() {
        purges.shutdownNow();
    }
}
