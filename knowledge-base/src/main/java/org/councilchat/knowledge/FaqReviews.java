package org.councilchat.knowledge;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.councilchat.councils.Councils;
import org.councilchat.knowledge.faq.FaqRepository;
import org.councilchat.knowledge.faq.FaqReviewRepository;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Two pairs of eyes on what residents are told, for a council that asks for them
 * ({@code council-chat.councils[].faq-review}): a new or changed answer is sent for review rather than published, the
 * live answer stays as it was meanwhile, and it goes live when another of the council's editors approves it. Each
 * step is a {@link FaqReviewed} event, so the audit records who sent and who approved; the version published on
 * review keeps who sent it beside who approved it.
 */
@Service
public class FaqReviews {

    private final KnowledgeBase knowledge;
    private final FaqRepository faqs;
    private final FaqReviewRepository reviews;
    private final Councils councils;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    public FaqReviews(
            KnowledgeBase knowledge,
            FaqRepository faqs,
            FaqReviewRepository reviews,
            Councils councils,
            Clock clock,
            ApplicationEventPublisher events) {
        this.knowledge = knowledge;
        this.faqs = faqs;
        this.reviews = reviews;
        this.councils = councils;
        this.clock = clock;
        this.events = events;
    }

    /** Whether this council's answers go live only once a second editor approves them. */
    public boolean required(String councilId) {
        return councils.find(councilId == null ? councils.byDefault().id() : councilId)
                .map(council -> council.faqReview())
                .orElse(false);
    }

    /**
     * Sends {@code change} for review by {@code editor}, in place of any change already waiting on the FAQ. A new FAQ
     * is kept as a draft meanwhile, so it has its page and its place in the list; a live one stays live as it was.
     */
    @Transactional
    public FaqReview send(FaqDraft change, String editor) {
        String council = change.councilId() == null ? councils.byDefault().id() : change.councilId();
        Optional<Faq> live = faqs.findById(change.id());
        if (live.isPresent() && !live.get().councilId().equals(council)) {
            throw new IllegalArgumentException(
                    "The FAQ id '" + change.id() + "' is taken by another council's FAQ: give this one another id");
        }
        Faq base = live.orElseGet(
                () -> knowledge.store(change.forCouncil(council).withStatus(Faq.FaqStatus.DRAFT), editor));
        FaqReview review = new FaqReview(
                KnowledgeBase.asSaved(change.forCouncil(council).withStatus(Faq.FaqStatus.PUBLISHED)),
                base.version(),
                editor,
                // As the database keeps it, so the review can be taken by the very time it was sent at.
                OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS));
        reviews.put(review);
        events.publishEvent(
                new FaqReviewed(change.id(), review.change().question(), FaqReviewed.Step.SENT, editor, editor));
        return review;
    }

    /** Sends an earlier version for review to be put back, as {@link KnowledgeBase#revert} would put it back. */
    public FaqReview sendVersion(String faqId, int version, String editor) {
        Faq earlier = faqs.findVersion(faqId, version)
                .orElseThrow(() -> new IllegalArgumentException("FAQ " + faqId + " has no version " + version));
        return send(FaqDraft.of(earlier).withStatus(Faq.FaqStatus.PUBLISHED), editor);
    }

    /** The change waiting on this FAQ, if one is. */
    public Optional<FaqReview> waiting(String faqId) {
        return reviews.find(faqId);
    }

    /** The ids of these councils' FAQs with a change waiting, longest waiting first. */
    public List<String> waitingIn(Collection<String> councilIds) {
        return reviews.waitingIn(councilIds);
    }

    /** Who sent each version of the FAQ that was published on review, by version. */
    public Map<Integer, String> sentForReview(String faqId) {
        return reviews.sentForReview(faqId);
    }

    /**
     * Publishes the waiting change as {@code reviewer} approved it.
     *
     * @throws FaqReviewRefused when nothing waits, the reviewer sent it, or the FAQ changed since it was sent
     */
    @Transactional
    public Faq approve(String faqId, String reviewer) {
        FaqReview review = reviews.find(faqId).orElseThrow(FaqReviews::nothingWaiting);
        if (!review.approvableBy(reviewer)) {
            throw new FaqReviewRefused("You sent this change for review, so another editor must approve it.");
        }
        int now = faqs.findById(faqId).map(Faq::version).orElse(0);
        if (now != review.baseVersion()) {
            throw new FaqReviewRefused(
                    "The FAQ was saved again after this change was sent for review (it is at version "
                            + now + " now, the change was made on version " + review.baseVersion()
                            + "). Send it back, or ask " + review.sentBy()
                            + " to look at it again and send it once more.");
        }
        if (!reviews.take(faqId, review.sentAt())) {
            throw nothingWaiting();
        }
        Faq published = knowledge.save(review.change(), reviewer);
        reviews.markReviewed(faqId, published.version(), review.sentBy());
        events.publishEvent(
                new FaqReviewed(faqId, published.question(), FaqReviewed.Step.APPROVED, reviewer, review.sentBy()));
        return published;
    }

    /** Takes the waiting change away unpublished: the sender withdrawing it, or a reviewer declining it. */
    @Transactional
    public void sendBack(String faqId, String editor) {
        FaqReview review = reviews.find(faqId).orElseThrow(FaqReviews::nothingWaiting);
        if (!reviews.take(faqId, review.sentAt())) {
            throw nothingWaiting();
        }
        events.publishEvent(new FaqReviewed(
                faqId, review.change().question(), FaqReviewed.Step.SENT_BACK, editor, review.sentBy()));
    }

    private static FaqReviewRefused nothingWaiting() {
        return new FaqReviewRefused(
                "No change is waiting for review on this FAQ now: another editor may have approved it or sent it back.");
    }
}
