package org.councilchat.engine.dialogue;

import static org.councilchat.engine.dialogue.Replies.done;
import static org.councilchat.engine.dialogue.Replies.personButton;
import static org.councilchat.engine.dialogue.Replies.pressed;
import static org.councilchat.engine.dialogue.Replies.topicButtons;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.councilchat.councils.Council;
import org.councilchat.engine.BotReply;
import org.councilchat.engine.BotReply.Link;
import org.councilchat.engine.BotReply.QuickReply;
import org.councilchat.engine.EngineProperties;
import org.councilchat.engine.IntentClassifier;
import org.councilchat.engine.IntentRanking;
import org.councilchat.engine.dialogue.Dialogue.Step;
import org.councilchat.knowledge.Answer;
import org.councilchat.knowledge.AnswerFeedback;
import org.councilchat.knowledge.Faq;
import org.councilchat.knowledge.FaqMatch;
import org.councilchat.knowledge.FaqSearch;
import org.councilchat.knowledge.KnowledgeBase;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * Answers from the council's FAQs: the answer with its source and "Did this answer your question?", the
 * resident's yes or no recorded against the FAQ, and the fallback ladder when nothing answered.
 */
final class KnowledgeAnswers {

    /**
     * How much of the knowledge base's threshold an FAQ needs when the classifier agrees on its subject. Tuned on
     * the conversation scripts; lower and "opening times" under a recycling rule starts finding the library.
     */
    private static final double AGREEING_SUBJECT = 0.85;

    /** Only the best few FAQs are looked through for one about the subject: further down they answer other things. */
    private static final int LOOKED_THROUGH = 3;

    /**
     * How much of the knowledge base's threshold an FAQ needs to be offered as "Did you mean": below it the words
     * are a keyboard mash or something the council has no FAQ on, and three unrelated questions would only confuse.
     */
    private static final double SUGGESTION_FLOOR = 0.25;

    private final KnowledgeBase knowledge;
    private final AnswerFeedback feedback;
    private final IntentClassifier intents;
    private final EngineProperties properties;
    private final FaqIntents faqIntents = new FaqIntents();

    KnowledgeAnswers(
            KnowledgeBase knowledge, AnswerFeedback feedback, IntentClassifier intents, EngineProperties properties) {
        this.knowledge = knowledge;
        this.feedback = feedback;
        this.intents = intents;
        this.properties = properties;
    }

    /** The confident FAQ answer to {@code question}, provided the FAQ is about {@code intent}. */
    Optional<FaqMatch> answerAbout(FaqSearch search, String intent) {
        // The FAQ must be about what the resident asked: "appeal a parking ticket" shares words with the parking
        // permit FAQ, but a permit is no answer to a fine. And an FAQ about it may be a little less sure than
        // the threshold: the classifier agreeing on the subject is a second opinion ("what are the tip opening
        // times" finds the library's opening hours nearly as well as the tip's, and the classifier says
        // recycling).
        double agreed = search.threshold() * AGREEING_SUBJECT;
        return search.hits().stream()
                .limit(LOOKED_THROUGH)
                .filter(match -> match.confidence() >= agreed)
                .filter(match -> intentOf(match).equals(intent))
                .findFirst();
    }

    /**
     * What the FAQ that would answer these words is about, as an intent: a second opinion for words the
     * classifier is unsure of ("fy nhreth cyngor", my council tax, is found by the council tax FAQ).
     */
    Optional<String> subjectOf(Replies replies, String words) {
        return search(replies, words).confidentAnswer().map(this::intentOf);
    }

    /** The intent the classifier gives the FAQ's question (remembered: FAQs change far less often than they match). */
    private String intentOf(FaqMatch match) {
        return faqIntents.intentOf(questionAbout(match.faq()), intents);
    }

    /** The resident's own council's FAQs for the question. */
    FaqSearch search(Replies replies, String question) {
        return search(replies, replies.councilId, question);
    }

    /** This council's FAQs for the question (the resident's, or the one that provides the service asked about). */
    FaqSearch search(Replies replies, String councilId, String question) {
        return knowledge.search(councilId, question, replies.locale.getLanguage());
    }

    /** The resident's council (null in a turn that has none: the deployment's own settings then apply). */
    Council council(Replies replies) {
        return replies.councilId == null ? null : knowledge.council(replies.councilId);
    }

    /** The council whose FAQs answer the resident about this service: a county service, the county's. */
    Council answeringCouncil(Replies replies, String service) {
        return knowledge.answeringCouncil(replies.councilId, service);
    }

    /** Nothing answered it: the council's editors see it among their content gaps. */
    void unanswered(Replies replies, String question) {
        unanswered(replies, replies.councilId, question);
    }

    /** Nothing answered it: the editors of the council that should have see it among their content gaps. */
    void unanswered(Replies replies, String councilId, String question) {
        feedback.unanswered(councilId, question, replies.locale.getLanguage());
    }

    /**
     * Yes or no to "Did this answer your question?": our buttons, or a short yes or no in the resident's own
     * words ("yep", "not really"); anything longer is taken as a new question.
     */
    Optional<Boolean> feedbackIn(Replies replies, IntentRanking ranking) {
        if (pressed(replies, "faq.feedback.yes.payload")) {
            return Optional.of(true);
        }
        if (pressed(replies, "faq.feedback.no.payload")) {
            return Optional.of(false);
        }
        boolean short_ = replies.residentWords.strip().split("\\s+").length <= 5;
        if (short_ && ranking.is(Dialogue.AFFIRM, properties.intentThreshold())) {
            return Optional.of(true);
        }
        if (short_ && ranking.is(Dialogue.DENY, properties.intentThreshold())) {
            return Optional.of(false);
        }
        return Optional.empty();
    }

    Step recordFeedback(Replies replies, DialogueState state, boolean helped) {
        if (state.answeredFaqId() != null) {
            // Told to the editors of the FAQ's council: the county's, for a county answer.
            feedback.rated(
                    knowledge.find(state.answeredFaqId()).map(Faq::councilId).orElse(replies.councilId),
                    state.answeredFaqId(),
                    helped,
                    state.feedbackQuestion(),
                    replies.locale.getLanguage());
        }
        DialogueState after = state.awaiting(DialogueState.Awaiting.NOTHING).helped();
        if (helped) {
            replies.say("faq.feedback.thanks");
            return done(replies, after, null);
        }
        replies.add(BotReply.text(replies.text("faq.feedback.sorry"))
                .withButtons(List.of(
                        personButton(replies),
                        new QuickReply(replies.text("button.topics"), replies.text("button.topics.payload")))));
        return done(replies, after, null);
    }

    Step answerFromKnowledge(Replies replies, DialogueState state, String residentWords) {
        FaqSearch search = search(replies, residentWords);
        Optional<FaqMatch> answer = search.confidentAnswer();
        if (answer.isPresent()) {
            return answered(replies, state, answer.get(), residentWords);
        }
        unanswered(replies, residentWords);
        return ladder(replies, state, search);
    }

    /**
     * The question that says what an FAQ is about, for the classifier: a Welsh FAQ's English original where it
     * has one, as the classifier knows English best and the two are one answer.
     */
    String questionAbout(Faq faq) {
        return faq.translationOf() == null
                ? faq.question()
                : knowledge.find(faq.translationOf()).map(Faq::question).orElse(faq.question());
    }

    /**
     * An FAQ's answer, then "Did this answer your question?", whose yes or no editors see against the FAQ. An
     * English answer to a Welsh question (the council has no Welsh FAQ for it) comes after a note saying so, and
     * editors see the FAQ as wanting a Welsh version.
     */
    Step answered(Replies replies, DialogueState state, FaqMatch match, String question) {
        return answered(replies, state, match, question, null);
    }

    /**
     * As {@link #answered(Replies, DialogueState, FaqMatch, String)}, from the FAQs of {@code answering}: when that
     * is not the resident's own council (a county service asked about on the district's site), the answer first
     * says who provides the service, so the resident knows whom the links and numbers are for.
     */
    Step answered(Replies replies, DialogueState state, FaqMatch match, String question, Council answering) {
        String language = replies.locale.getLanguage();
        if (answering != null && !answering.id().equals(replies.councilId)) {
            replies.add(BotReply.text(replies.text("faq.providedBy", answering.name())));
        }
        if (!match.faq().language().equals(language) && "cy".equals(language)) {
            replies.add(BotReply.text(replies.text("faq.onlyInEnglish")));
            feedback.answeredOnlyInEnglish(match.faq().councilId(), match.faq().id(), question, language);
        }
        replies.add(faqReply(replies, match));
        replies.add(BotReply.text(replies.text("faq.feedback.ask"))
                .withButtons(List.of(
                        new QuickReply(replies.text("faq.feedback.yes"), replies.text("faq.feedback.yes.payload")),
                        new QuickReply(replies.text("faq.feedback.no"), replies.text("faq.feedback.no.payload")))));
        return done(replies, state.answered(match.faq().id()).askedForFeedback(question), null);
    }

    /**
     * The fallback ladder when nothing answered: "Did you mean ...?" with the likeliest FAQs, then a person
     * offered, then from the third miss on the same way out every time (a person or a topic), never a loop.
     */
    Step ladder(Replies replies, DialogueState state, FaqSearch search) {
        DialogueState failed = state.failed();
        // Search always finds something ("asdfghjkl" shares a letter pattern with the weeds FAQ at 0.01): only FAQs
        // with some real likeness are offered, else the resident is asked to say it another way.
        double floor = search.threshold() * SUGGESTION_FLOOR;
        List<FaqMatch> likely = search.hits().stream()
                .filter(hit -> hit.confidence() >= floor)
                .limit(3)
                .toList();
        if (failed.consecutiveFailures() == 1 && !likely.isEmpty()) {
            List<QuickReply> suggestions = new ArrayList<>(likely.stream()
                    .map(hit -> new QuickReply(hit.faq().question(), hit.faq().question()))
                    .toList());
            suggestions.add(personButton(replies));
            replies.add(BotReply.text(replies.text("fallback.didYouMean")).withButtons(suggestions));
            return done(replies, failed, null);
        }
        if (failed.consecutiveFailures() == 1) {
            replies.add(BotReply.text(replies.text("fallback.rephrase")).withButtons(List.of(personButton(replies))));
            return done(replies, failed, null);
        }
        if (failed.consecutiveFailures() == 2) {
            // A person, or the council's most asked topic.
            replies.add(BotReply.text(replies.text("fallback.offerPerson"))
                    .withButtons(List.of(
                            personButton(replies),
                            topicButtons(replies, council(replies)).getFirst())));
            return done(replies, failed, null);
        }
        // Third miss and after: the same way out every time, never a new question: a person or a topic.
        List<QuickReply> ways = new ArrayList<>(List.of(personButton(replies)));
        topicButtons(replies, council(replies)).stream()
                .filter(topic -> !ways.contains(topic))
                .forEach(ways::add);
        replies.add(BotReply.text(replies.text("fallback.topics")).withButtons(ways));
        return done(replies, failed, null);
    }

    /**
     * The answer in its own structure for pages that can show it and, for channels that cannot, flattened: plain
     * text with paragraph breaks, its links listed, and the source page last.
     */
    static BotReply faqReply(Replies replies, FaqMatch match) {
        var answer = Jsoup.parseBodyFragment(match.faq().answerHtml()).body();
        List<String> paragraphs = new ArrayList<>();
        List<String> bullets = new ArrayList<>();
        for (Element block : answer.children()) {
            if (block.is("ul, ol")) {
                block.children().forEach(item -> bullets.add(item.text()));
            } else if (block.is("table")) {
                // A row of a simple table (a charge, a day's hours) reads as one line: "Up to 1 hour: £1.20".
                for (Element row : block.select("tr")) {
                    if (row.select("td").isEmpty()) {
                        continue; // the header row: its words are in every line's meaning already
                    }
                    bullets.add(String.join(
                            ": ", row.children().stream().map(Element::text).toList()));
                }
            } else {
                paragraphs.add(block.text());
            }
        }
        if (paragraphs.isEmpty() && bullets.isEmpty()) {
            paragraphs.add(answer.text());
        }
        List<Link> links = new ArrayList<>();
        for (Element anchor : answer.select("a[href]")) {
            links.add(new Link(anchor.text(), anchor.attr("href")));
        }
        String source = match.faq().sourceUrl();
        if (source != null && links.stream().noneMatch(link -> link.url().equals(source))) {
            links.add(new Link(replies.text("faq.source", match.faq().question()), source));
        }
        Answer shown = Answer.of(match.faq().answerHtml(), match.faq().question(), source);
        return new BotReply(String.join("\n\n", paragraphs), bullets, links, List.of(), shown);
    }

    /**
     * The intent of each FAQ question, as the model serving now sees it. The same few FAQs answer turn after
     * turn; classifying a question again (a sentence embedding each time) would cost every answer a few
     * milliseconds for nothing. Kept by model version, so a retrained model never reuses the last one's view.
     */
    private static final class FaqIntents {

        private static final int MOST = 5000;

        private final Cache<String, String> intentOfQuestion =
                Caffeine.newBuilder().maximumSize(MOST).build();
        private volatile String version = "";

        String intentOf(String question, IntentClassifier intents) {
            Optional<String> model = intents.modelVersion();
            if (model.isEmpty()) {
                return intents.classify(question).top().intent();
            }
            if (!model.get().equals(version)) {
                // Another model serves: the old one's answers would only take room.
                intentOfQuestion.invalidateAll();
                version = model.get();
            }
            return intentOfQuestion.get(
                    model.get() + '\u0000' + question,
                    key -> intents.classify(question).top().intent());
        }
    }
}
