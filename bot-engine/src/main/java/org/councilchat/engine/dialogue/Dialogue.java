package org.councilchat.engine.dialogue;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.councilchat.engine.AdvisersAvailable;
import org.councilchat.engine.BotReply;
import org.councilchat.engine.BotReply.Link;
import org.councilchat.engine.BotReply.QuickReply;
import org.councilchat.engine.BotTurn;
import org.councilchat.engine.BotTurn.HandoffReason;
import org.councilchat.engine.CaseIntake;
import org.councilchat.engine.CaseIntake.NewCase;
import org.councilchat.engine.EngineProperties;
import org.councilchat.engine.Findings;
import org.councilchat.engine.IntentClassifier;
import org.councilchat.engine.IntentRanking;
import org.councilchat.engine.LanguageGuess;
import org.councilchat.engine.WrittenLanguage;
import org.councilchat.engine.rules.ConversationRule;
import org.councilchat.engine.rules.LiveConversationRules;
import org.councilchat.engine.rules.RuleStep;
import org.councilchat.engine.triggers.HandoffTriggers;
import org.councilchat.engine.triggers.HandoffTriggers.Concern;
import org.councilchat.knowledge.AnswerFeedback;
import org.councilchat.knowledge.BinCollections;
import org.councilchat.knowledge.CollectionSourceUnavailable;
import org.councilchat.knowledge.ContactDetails;
import org.councilchat.knowledge.Faq;
import org.councilchat.knowledge.FaqMatch;
import org.councilchat.knowledge.FaqSearch;
import org.councilchat.knowledge.KnowledgeBase;
import org.councilchat.knowledge.MissedBin;
import org.councilchat.knowledge.NextCollection;
import org.councilchat.knowledge.Postcode;
import org.councilchat.knowledge.PostcodeLookup;
import org.councilchat.knowledge.PropertyAddress;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Decides the bot's next move from what the resident said and what it already knows: bin days from the
 * rounds, answers from the knowledge base, small talk, a person on request (or, out of hours, a message taken
 * for one), and a fallback ladder (clarify with likely topics, then offer a person) that never loops. A
 * disclosure of risk comes before everything: emergency contacts at once and an urgent handoff.
 */
@Component
public class Dialogue {

    static final String BIN_DAY = "bin_day";
    static final String SPEAK_TO_PERSON = "speak_to_person";
    static final String CAPABILITIES = "capabilities";
    static final String MISSED_BIN_INTENT = "missed_bin";
    static final String COUNCIL_TAX_PAY = "council_tax_pay";
    static final String AFFIRM = "affirm";
    static final String DENY = "deny";

    /**
     * A whole message asking for Welsh ("Cymraeg", "yn Gymraeg os gwelwch yn dda", "can we speak Welsh") or
     * English; matched on the whole message so "how do I learn Welsh" is a question, not a switch.
     */
    private static final Pattern WELSH_PLEASE = languageRequest("cymraeg|gymraeg|welsh");

    private static final Pattern ENGLISH_PLEASE = languageRequest("english|saesneg");

    private static final Locale WELSH = Locale.forLanguageTag("cy");

    /**
     * How sure the language guess must be (already leaning toward the chat's English) before the bot answers in
     * Welsh in an English chat. Whole Welsh sentences score 0.997 and up; short English with a word the guesser
     * never saw can score high for Welsh ("I am suicidal": 0.96, "am" being a Welsh word too), so the bar is high.
     */
    private static final double SURE_OF_THE_LANGUAGE = 0.99;

    /** How sure the classifier must be that a frustrated resident is asking for a person, not just complaining. */
    private static final double CLEAR_REQUEST = 0.8;

    private static final Pattern NAME = Pattern.compile("\\p{L}[\\p{L} .'’-]{0,59}");

    /**
     * "My bin wasn't collected", "the recycling was missed", "they didn't empty my bin"; and in Welsh "heb ei
     * gasglu" (not collected), "ni chasglwyd", "chafodd fy min ddim ei wagio" (wasn't emptied), "wedi'i fethu".
     */
    private static final Pattern MISSED_BIN = Pattern.compile(
            "\\bmissed\\b"
                    + "|(?:\\bnot|n't|\\bnever) (?:been )?(?:collected|emptied|picked up|taken)\\b"
                    + "|\\b(?:didn't|did not|forgot to) (?:collect|empty|pick up|take)\\b"
                    + "|\\bheb (?:ei |eu )?(?:gasglu|chasglu|casglu|wagio|gwagio)\\b"
                    + "|\\bni (?:chasglwyd|wagiwyd)\\b"
                    + "|\\bchafodd\\b.*\\b(?:gasglu|chasglu|wagio)\\b"
                    + "|\\b(?:methwyd|wedi(?:'i| ei)? (?:fethu|methu))\\b",
            Pattern.CASE_INSENSITIVE);

    /**
     * Intents that say how the conversation is going, not what it is about: they leave the chat's topic as it
     * was, so "Bin day, then asked for a person" is not told as "Asked for a person".
     */
    private static final Set<String> SMALL_TALK = Set.of(
            SPEAK_TO_PERSON,
            "greet",
            "goodbye",
            "thanks",
            "affirm",
            "deny",
            "bot_identity",
            CAPABILITIES,
            "out_of_scope");

    /** Eight buttons fit on a phone's screen without pushing the message box out of sight. */
    static final int ADDRESSES_PER_PAGE = 8;

    /** Stands in for the bin name when a button's payload is matched against what the resident sent. */
    private static final String BIN_NAME = "\u0000";

    private final IntentClassifier intents;
    private final LiveConversationRules rules;
    private final KnowledgeBase knowledge;
    private final AnswerFeedback feedback;
    private final BinCollections bins;
    private final MessageSource messages;
    private final EngineProperties properties;
    private final HandoffTriggers triggers;
    private final ContactCentreHours hours;
    private final CaseIntake cases;
    private final AdvisersAvailable advisers;
    private final Clock clock;
    private final FaqIntents faqIntents = new FaqIntents();

    public Dialogue(
            IntentClassifier intents,
            LiveConversationRules rules,
            KnowledgeBase knowledge,
            AnswerFeedback feedback,
            BinCollections bins,
            MessageSource messages,
            EngineProperties properties,
            HandoffTriggers triggers,
            ContactCentreHours hours,
            CaseIntake cases,
            AdvisersAvailable advisers,
            Clock clock) {
        this.intents = intents;
        this.rules = rules;
        this.knowledge = knowledge;
        this.feedback = feedback;
        this.bins = bins;
        this.messages = messages;
        this.properties = properties;
        this.triggers = triggers;
        this.hours = hours;
        this.cases = cases;
        this.advisers = advisers;
        this.clock = clock;
    }

    /**
     * True when a resident can be queued for an adviser: in opening hours, and with an adviser signed in
     * (unless the council queues residents before advisers sign in).
     */
    private boolean advisersCanTakeIt() {
        return hours.isOpen(clock.instant())
                && (properties.contactCentre().queueWhenNobodyOnline() || advisers.anyoneAvailable());
    }

    /** The bot's turn and the state to remember afterwards. */
    public record Step(BotTurn turn, DialogueState state) {}

    public Step respond(String conversationId, DialogueState before, String residentWords, Locale locale) {
        Optional<Concern> concern = triggers.safeguarding(residentWords);
        if (concern.isPresent()) {
            // Always in the chat's own language: a language guessed wrong must never hide the emergency numbers.
            return safeguard(new Replies(locale, residentWords, conversationId), before, concern.get());
        }
        // Not while taking a message: a name, an address or a phone number says nothing of the language.
        Locale written = before.awaiting().takingAMessage() ? locale : writtenIn(residentWords, locale);
        Optional<Locale> switched = typedLanguage(residentWords);
        if (switched.isPresent()) {
            // Answered in the language asked for, which the caller keeps from now on.
            Replies replies = new Replies(switched.get(), residentWords, conversationId);
            replies.say("language.switched");
            return done(replies, before.helped(), null);
        }
        Replies replies = new Replies(written, residentWords, conversationId);
        if (before.awaiting().takingAMessage()) {
            // Whatever is typed here is the resident's name, contact or message, swear words and all.
            return takeMessage(replies, before);
        }
        boolean frustrated = triggers.frustrated(residentWords);
        Step step = answer(replies, before, residentWords, frustrated);
        if (frustrated && !step.turn().wantsPerson()) {
            step = frustrated(replies, before, step);
        }
        if (written.equals(locale)) {
            return step;
        }
        // Handed to a person: the chat becomes Welsh, so a Welsh-speaking adviser is sought and the widget follows;
        // an offer would come too late (while waiting, messages go to the adviser, not the bot).
        return step.turn().wantsPerson()
                ? inTheChatsLanguage(step, List.of(), written)
                : offeringToSwitch(step, written, locale);
    }

    /**
     * Welsh, when a resident clearly writes Welsh in a chat in English: a Welsh speaker on the English page is
     * answered in Welsh, not made to find the language button first. The other way round the chat stays Welsh: the
     * resident chose it, Welsh speakers mix in English words and sentences, and the widget's "English" button is
     * always in view. Short or mixed messages ("ok", "MB1 1AA", "bin") keep the chat's language too.
     */
    private static Locale writtenIn(String residentWords, Locale chat) {
        if (WELSH.getLanguage().equals(chat.getLanguage())) {
            return chat;
        }
        LanguageGuess guess = WrittenLanguage.shipped().guess(residentWords, chat.getLanguage());
        return guess.isWelsh() && guess.confidence() >= SURE_OF_THE_LANGUAGE ? WELSH : chat;
    }

    /**
     * A Welsh answer in an English chat, with the offer to have the whole chat (the widget's own words too) in
     * Welsh: one tap sends "Cymraeg", which switches both. Until then the chat stays English: one message is not a
     * choice.
     */
    private Step offeringToSwitch(Step step, Locale written, Locale chat) {
        Replies offer = new Replies(written, "", null);
        offer.add(new BotReply(
                offer.text("language.offer"),
                List.of(),
                List.of(),
                List.of(new QuickReply(offer.text("language.offer.button"), offer.text("language.offer.payload")))));
        return inTheChatsLanguage(step, offer.all, chat);
    }

    /** The step with {@code more} replies after its own, and the chat's language kept as it was. */
    private static Step inTheChatsLanguage(Step step, List<BotReply> more, Locale chat) {
        List<BotReply> all = new ArrayList<>(step.turn().replies());
        all.addAll(more);
        return new Step(new BotTurn(all, step.turn().findings(), step.turn().handoff(), chat), step.state());
    }

    /**
     * Emergency contacts and an urgent handoff when the words disclose a risk; empty otherwise. For a
     * conversation run elsewhere (Rasa), so the safeguarding check never depends on another system.
     */
    public Optional<Step> disclosure(String conversationId, DialogueState before, String residentWords, Locale locale) {
        return triggers.safeguarding(residentWords)
                .map(concern -> safeguard(new Replies(locale, residentWords, conversationId), before, concern));
    }

    /**
     * When the resident, already waiting for an adviser, discloses a risk: the emergency contacts and word that
     * the chat is now urgent. Empty for anything else, which goes to the adviser unanswered by the bot.
     */
    public Optional<Step> whileWaiting(
            String conversationId, DialogueState before, String residentWords, Locale locale) {
        Optional<Concern> concern = triggers.safeguarding(residentWords);
        if (concern.isEmpty()) {
            return Optional.empty();
        }
        Replies replies = new Replies(locale, residentWords, conversationId);
        replies.add(emergencyContacts(replies));
        replies.say("safeguarding.prioritised");
        return Optional.of(done(replies, before.disclosed(concern.get().key()), HandoffReason.SAFEGUARDING));
    }

    /**
     * The bot's answer to everything but disclosures, language switches and a message being taken: the forms'
     * follow-ups (an address chosen, a yes or no to "Did this answer your question?"), the bot's own buttons, then
     * the council's conversation rule for what the resident wants, and the knowledge base when no rule applies.
     *
     * @param frustrated the resident sounds fed up: they are then handed over only when they clearly ask for a
     *     person, and otherwise offered one, because "this is useless" is a complaint, not yet a request
     */
    private Step answer(Replies replies, DialogueState before, String residentWords, boolean frustrated) {
        IntentRanking ranking = intents.classify(residentWords);
        DialogueState state =
                before.intent(ranking.top().intent(), ranking.top().confidence());
        Optional<Postcode> postcode = Postcode.findIn(residentWords);

        if (state.awaiting() == DialogueState.Awaiting.ADDRESS && postcode.isEmpty()) {
            Optional<PropertyAddress> chosen = chooseAddress(state, residentWords);
            if (chosen.isPresent()) {
                return done(replies, answerBinDays(replies, state, chosen.get()), null);
            }
            Optional<String> from = pressedWith(replies, "bins.moreAddressesPayload");
            if (from.isPresent()
                    && from.get().matches("[0-9]{1,4}")
                    && bins.lookup(Postcode.parse(state.postcode()).orElseThrow())
                            instanceof PostcodeLookup.Addresses addresses) {
                chooseAddressFrom(replies, addresses, Integer.parseInt(from.get()) - 1);
                return done(replies, state.helped(), null);
            }
            if (pressed(replies, "bins.addressNotListed.payload")) {
                replies.add(BotReply.text(replies.text("bins.addressNotListedAnswer"))
                        .withButtons(List.of(personButton(replies))));
                return done(
                        replies, state.awaiting(DialogueState.Awaiting.NOTHING).helped(), null);
            }
        }
        if (state.awaiting() == DialogueState.Awaiting.FEEDBACK) {
            Optional<Boolean> helped = feedbackIn(replies, ranking);
            if (helped.isPresent()) {
                return recordFeedback(replies, state, helped.get());
            }
            // Anything else is a new question; the answer simply goes unrated.
            state = state.awaiting(DialogueState.Awaiting.NOTHING);
        }
        // A press of one of our own buttons sends its payload as if typed: it means exactly that in either
        // language, whatever the English-trained classifier makes of the Welsh words.
        if (pressed(replies, "message.leave.payload")) {
            return askForContact(
                    replies, state.awaiting(DialogueState.Awaiting.NOTHING).helped());
        }
        double askedForPerson = frustrated ? CLEAR_REQUEST : properties.intentThreshold();
        if (pressed(replies, "button.person.payload") || ranking.is(SPEAK_TO_PERSON, askedForPerson)) {
            return handOver(
                    replies, state.awaiting(DialogueState.Awaiting.NOTHING).helped());
        }
        // What the words or our own buttons say for certain comes before what the classifier guesses: it is
        // trained in English, and Welsh words can look to it like "are you a robot?".
        boolean councilTaxButton = pressed(replies, "button.councilTax.payload");
        Optional<String> certainly = certainIntent(replies, councilTaxButton);
        if (state.awaiting() == DialogueState.Awaiting.POSTCODE
                && certainly.isEmpty()
                && looksLikeAPostcodeAttempt(residentWords)) {
            return done(replies, binDay(replies, state, residentWords.strip()), null);
        }
        String intent = certainly.orElse(ranking.top().intent());
        double confidence = certainly.isPresent() ? 1.0 : ranking.top().confidence();
        if (!SMALL_TALK.contains(intent) && (certainly.isPresent() || confidence >= properties.intentThreshold())) {
            state = state.topic(intent);
        }
        Optional<ConversationRule> rule = rules.current()
                .forIntent(intent)
                .filter(r -> !(frustrated && SPEAK_TO_PERSON.equals(r.intent())))
                .filter(r ->
                        confidence >= (r.minConfidence() == null ? properties.intentThreshold() : r.minConfidence()));
        boolean startsAForm = rule.map(Dialogue::startsABinForm).orElse(false);
        if (!startsAForm && postcode.isPresent() && state.awaiting() != DialogueState.Awaiting.NOTHING) {
            // A postcode while the bot is asking for something carries on the bin form under way.
            return done(replies, binForm(replies, state, postcode), null);
        }
        // The FAQs are written in English: the Welsh council tax button asks them the English question.
        String question =
                councilTaxButton ? messages.getMessage("button.councilTax.payload", null, Locale.UK) : residentWords;
        if (rule.isPresent()) {
            return follow(
                    rule.get(),
                    replies,
                    state.service(rule.get().service()),
                    postcode,
                    question,
                    certainly.isPresent());
        }
        if (postcode.isPresent() && residentWords.strip().length() <= 10) {
            // A bare postcode with nothing else: the bin day is by far the likeliest thing wanted.
            return done(replies, binDay(replies, state, postcode.get().value()), null);
        }
        return answerFromKnowledge(replies, state.awaiting(DialogueState.Awaiting.NOTHING), question);
    }

    /** The intent our own buttons, or words that cannot mean anything else, stand for. */
    private static Optional<String> certainIntent(Replies replies, boolean councilTaxButton) {
        if (MISSED_BIN.matcher(replies.residentWords.replace('’', '\'')).find()
                || pressed(replies, "bins.missedPayload")
                || pressed(replies, "button.missedBin.payload")) {
            return Optional.of(MISSED_BIN_INTENT);
        }
        if (pressed(replies, "button.binDay.payload")) {
            return Optional.of(BIN_DAY);
        }
        if (councilTaxButton) {
            return Optional.of(COUNCIL_TAX_PAY);
        }
        if (pressed(replies, "button.topics.payload")) {
            return Optional.of(CAPABILITIES);
        }
        return Optional.empty();
    }

    private static boolean startsABinForm(ConversationRule rule) {
        return rule.steps().stream()
                .anyMatch(
                        step -> step instanceof RuleStep.StartForm form && form.form() != RuleStep.Form.LEAVE_MESSAGE);
    }

    /** Carries out a conversation rule's steps, in order. */
    /**
     * @param certain the intent comes from our own button or from words that cannot mean anything else, not
     *     from the classifier's guess
     */
    private Step follow(
            ConversationRule rule,
            Replies replies,
            DialogueState state,
            Optional<Postcode> postcode,
            String question,
            boolean certain) {
        DialogueState now = state.awaiting(DialogueState.Awaiting.NOTHING);
        for (RuleStep step : rule.steps()) {
            switch (step) {
                case RuleStep.Say say -> {
                    Object[] arguments = new Object[say.arguments().size() + 1];
                    arguments[0] = properties.botName();
                    for (int i = 0; i < say.arguments().size(); i++) {
                        arguments[i + 1] = say.arguments().get(i);
                    }
                    replies.say(say.messageKey(), arguments);
                }
                case RuleStep.LinkCard link ->
                    replies.underLast(new Link(replies.text(link.textKey()), link.url()), null);
                case RuleStep.Buttons buttons ->
                    buttons.buttons().forEach(button -> replies.underLast(null, button(replies, button)));
                case RuleStep.AnswerFromKnowledgeBase ignored -> {
                    FaqSearch search = knowledge.search(question, replies.locale.getLanguage());
                    // The FAQ must be about what the resident asked: "appeal a parking ticket" shares words
                    // with the parking permit FAQ, but a permit is no answer to a fine.
                    Optional<FaqMatch> answer = search.confidentAnswer()
                            .filter(match -> faqIntents
                                    .intentOf(questionAbout(match.faq()), intents)
                                    .equals(rule.intent()));
                    if (answer.isPresent()) {
                        return answered(replies, now, answer.get(), question);
                    }
                    feedback.unanswered(question, replies.locale.getLanguage());
                    if (rule.steps().getLast() == step) {
                        return ladder(replies, now, search);
                    }
                }
                case RuleStep.StartForm form -> {
                    return switch (form.form()) {
                        case BIN_DAY ->
                            done(replies, binForm(replies, state.task(DialogueState.Task.BIN_DAY), postcode), null);
                        case MISSED_BIN -> {
                            if (!certain) {
                                // A report sends a crew back, so the classifier's guess alone does not make
                                // one ("is my black bin collected today?" reads much like a missed bin): the
                                // bin days, with the report one press away.
                                DialogueState days = binForm(replies, state.task(DialogueState.Task.BIN_DAY), postcode);
                                replies.underLast(null, button(replies, RuleStep.Button.MISSED_BIN));
                                yield done(replies, days, null);
                            }
                            Set<String> named = WasteStreams.mentioned(replies.residentWords, List.of());
                            DialogueState missed = state.task(DialogueState.Task.MISSED_BIN)
                                    .wanting(
                                            named.size() == 1 ? named.iterator().next() : null);
                            yield done(replies, binForm(replies, missed, postcode), null);
                        }
                        case LEAVE_MESSAGE -> askForContact(replies, now.helped());
                    };
                }
                case RuleStep.HandOver ignored -> {
                    return handOver(replies, now.helped());
                }
                case RuleStep.Topics ignored ->
                    replies.add(
                            BotReply.text(replies.text("capabilities.answer")).withButtons(topicButtons(replies)));
            }
        }
        return done(replies, now.helped(), null);
    }

    /**
     * The bin form: looks up the postcode given now, or answers for the address already chosen, or asks for the
     * postcode.
     */
    private DialogueState binForm(Replies replies, DialogueState state, Optional<Postcode> postcode) {
        if (postcode.isPresent()) {
            return binDay(replies, state, postcode.get().value());
        }
        if (state.postcode() != null && state.uprn() != null) {
            return answerBinDays(replies, state, savedProperty(state));
        }
        replies.say("bins.askPostcode");
        return state.awaiting(DialogueState.Awaiting.POSTCODE).helped();
    }

    private static QuickReply button(Replies replies, RuleStep.Button button) {
        return switch (button) {
            case PERSON -> personButton(replies);
            case TOPICS -> new QuickReply(replies.text("button.topics"), replies.text("button.topics.payload"));
            case BIN_DAY -> new QuickReply(replies.text("button.binDay"), replies.text("button.binDay.payload"));
            case MISSED_BIN ->
                new QuickReply(replies.text("button.missedBin"), replies.text("button.missedBin.payload"));
            case COUNCIL_TAX ->
                new QuickReply(replies.text("button.councilTax"), replies.text("button.councilTax.payload"));
            case LEAVE_MESSAGE -> new QuickReply(replies.text("message.leave"), replies.text("message.leave.payload"));
        };
    }

    /**
     * Yes or no to "Did this answer your question?": our buttons, or a short yes or no in the resident's own
     * words ("yep", "not really"); anything longer is taken as a new question.
     */
    private Optional<Boolean> feedbackIn(Replies replies, IntentRanking ranking) {
        if (pressed(replies, "faq.feedback.yes.payload")) {
            return Optional.of(true);
        }
        if (pressed(replies, "faq.feedback.no.payload")) {
            return Optional.of(false);
        }
        boolean short_ = replies.residentWords.strip().split("\\s+").length <= 5;
        if (short_ && ranking.is(AFFIRM, properties.intentThreshold())) {
            return Optional.of(true);
        }
        if (short_ && ranking.is(DENY, properties.intentThreshold())) {
            return Optional.of(false);
        }
        return Optional.empty();
    }

    private Step recordFeedback(Replies replies, DialogueState state, boolean helped) {
        if (state.answeredFaqId() != null) {
            feedback.rated(state.answeredFaqId(), helped, state.feedbackQuestion(), replies.locale.getLanguage());
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

    /** An apology with the way to a person, for when answering failed. */
    public BotTurn apology(Locale locale) {
        Replies replies = new Replies(locale, "", null);
        replies.add(BotReply.text(replies.text("bot.unavailable")).withButtons(List.of(personButton(replies))));
        return new BotTurn(replies.all, Findings.NONE, null, locale);
    }

    /**
     * Emergency contacts at once, then an adviser ahead of the queue; out of hours also an urgent case, so the
     * disclosure is seen when the team is next in even if the resident leaves the chat.
     */
    private Step safeguard(Replies replies, DialogueState before, Concern concern) {
        replies.add(emergencyContacts(replies));
        DialogueState state = before.awaiting(DialogueState.Awaiting.NOTHING).disclosed(concern.key());
        if (advisersCanTakeIt()) {
            replies.say("safeguarding.passedOn");
        } else {
            String reference = cases.open(new NewCase(
                    replies.conversationId,
                    state.contactName(),
                    state.contactDetails(),
                    replies.residentWords,
                    replies.locale.getLanguage(),
                    true));
            state = state.caseOpened(reference);
            replies.say("safeguarding.outOfHours", reference);
        }
        return done(replies, state, HandoffReason.SAFEGUARDING);
    }

    private BotReply emergencyContacts(Replies replies) {
        List<String> lines = new ArrayList<>(
                List.of(replies.text("safeguarding.line999"), replies.text("safeguarding.lineSamaritans")));
        if (!properties.emergencyDutyNumber().isBlank()) {
            lines.add(replies.text("safeguarding.lineDuty", properties.emergencyDutyNumber()));
        }
        return new BotReply(replies.text("safeguarding.intro"), lines, List.of(), List.of());
    }

    /** To the queue while advisers are in; otherwise the offer to take a message instead of a wait for no one. */
    private Step handOver(Replies replies, DialogueState state) {
        if (advisersCanTakeIt()) {
            replies.say("handoff.requested");
            return done(replies, state, HandoffReason.RESIDENT_ASKED);
        }
        List<String> lines = new ArrayList<>();
        // Open, but nobody signed in: no "next available" time to give.
        Optional<ZonedDateTime> next =
                hours.isOpen(clock.instant()) ? Optional.empty() : hours.nextOpening(clock.instant());
        next.ifPresent(opening -> lines.add(replies.text(
                "hours.nextOpen",
                opening.format(DateTimeFormatter.ofPattern("EEEE d MMMM", replies.locale)),
                opening.format(DateTimeFormatter.ofPattern("HH:mm", replies.locale)))));
        replies.add(new BotReply(
                replies.text("hours.closed"),
                lines,
                List.of(),
                List.of(
                        new QuickReply(replies.text("message.leave"), replies.text("message.leave.payload")),
                        new QuickReply(replies.text("button.topics"), replies.text("button.topics.payload")))));
        return done(replies, state, null);
    }

    /** Starts taking a message, skipping whatever the resident already told us in this conversation. */
    private Step askForContact(Replies replies, DialogueState state) {
        if (state.contactName() == null) {
            replies.add(BotReply.text(replies.text("message.askName")).withButtons(List.of(cancelButton(replies))));
            return done(replies, state.awaiting(DialogueState.Awaiting.CONTACT_NAME), null);
        }
        if (state.contactDetails() == null) {
            replies.add(BotReply.text(replies.text("message.askContact", state.contactName()))
                    .withButtons(List.of(cancelButton(replies))));
            return done(replies, state.awaiting(DialogueState.Awaiting.CONTACT_DETAILS), null);
        }
        replies.add(BotReply.text(replies.text("message.askMessage")).withButtons(List.of(cancelButton(replies))));
        return done(replies, state.awaiting(DialogueState.Awaiting.CASE_MESSAGE), null);
    }

    private Step takeMessage(Replies replies, DialogueState state) {
        if (pressed(replies, "message.cancel.payload")) {
            replies.say("message.cancelled");
            return done(replies, state.awaiting(DialogueState.Awaiting.NOTHING).helped(), null);
        }
        String words = replies.residentWords.strip();
        return switch (state.awaiting()) {
            case CONTACT_NAME -> {
                if (!NAME.matcher(words).matches()) {
                    replies.add(BotReply.text(replies.text("message.askNameAgain"))
                            .withButtons(List.of(cancelButton(replies))));
                    yield done(replies, state, null);
                }
                yield askForContact(replies, state.contactName(words));
            }
            case CONTACT_DETAILS -> {
                Optional<String> contact = contactIn(words);
                if (contact.isEmpty()) {
                    replies.add(BotReply.text(replies.text("message.askContactAgain"))
                            .withButtons(List.of(cancelButton(replies))));
                    yield done(replies, state, null);
                }
                yield askForContact(replies, state.contactDetails(contact.get()));
            }
            default -> {
                String reference = cases.open(new NewCase(
                        replies.conversationId,
                        state.contactName(),
                        state.contactDetails(),
                        words,
                        replies.locale.getLanguage(),
                        false));
                replies.say("message.taken", state.contactName(), reference, state.contactDetails());
                yield done(
                        replies, state.awaiting(DialogueState.Awaiting.NOTHING).caseOpened(reference), null);
            }
        };
    }

    /** An email address, or else a UK phone number (as dialled: 07700900123), found anywhere in what was typed. */
    static Optional<String> contactIn(String words) {
        return ContactDetails.preferredIn(words).map(ContactDetails.Found::asWritten);
    }

    /**
     * The resident sounds fed up: when the bot had no answer anyway, a person instead of the next rung of the
     * ladder; when it did answer, the answer and a person too.
     */
    private Step frustrated(Replies replies, DialogueState before, Step step) {
        boolean answered = step.state().consecutiveFailures() <= before.consecutiveFailures();
        if (answered && offersAPerson(replies, step)) {
            return step;
        }
        List<BotReply> all = new ArrayList<>(answered ? step.turn().replies() : List.of());
        all.add(BotReply.text(replies.text("frustration.offer")).withButtons(List.of(personButton(replies))));
        return new Step(
                new BotTurn(all, step.turn().findings(), null, step.turn().language()), step.state());
    }

    private static boolean offersAPerson(Replies replies, Step step) {
        QuickReply person = personButton(replies);
        String leave = replies.text("message.leave.payload");
        return step.turn().replies().stream()
                .flatMap(reply -> reply.buttons().stream())
                .anyMatch(button -> button.equals(person) || button.payload().equals(leave));
    }

    private static Optional<Locale> typedLanguage(String words) {
        String plain = words.toLowerCase(Locale.ROOT)
                .replaceAll("['’]", "")
                .replaceAll("[^\\p{L}]+", " ")
                .strip();
        if (WELSH_PLEASE.matcher(plain).matches()) {
            return Optional.of(WELSH);
        }
        if (ENGLISH_PLEASE.matcher(plain).matches()) {
            return Optional.of(Locale.UK);
        }
        return Optional.empty();
    }

    private static Pattern languageRequest(String language) {
        return Pattern.compile(
                "(?:(?:can|could|may) (?:we|i|you) (?:please )?(?:speak|talk|chat|continue|carry on|use|have it)"
                        + "(?: in)? |(?:i want to |i would like to |id like to )?(?:speak|talk|chat|continue|carry on|reply)(?: in)? "
                        + "|in |yn |siarad |(?:switch|change) (?:to )?|newid i )?(?:" + language + ")"
                        + "(?: please| plis| os gwelwch yn dda| os gwelwch chi n dda| diolch)?");
    }

    private static QuickReply cancelButton(Replies replies) {
        return new QuickReply(replies.text("message.cancel"), replies.text("message.cancel.payload"));
    }

    /** What the bot can do, as buttons that send what a resident would type. */
    private static List<QuickReply> topicButtons(Replies replies) {
        return List.of(
                new QuickReply(replies.text("button.binDay"), replies.text("button.binDay.payload")),
                new QuickReply(replies.text("button.missedBin"), replies.text("button.missedBin.payload")),
                new QuickReply(replies.text("button.councilTax"), replies.text("button.councilTax.payload")),
                personButton(replies));
    }

    /**
     * True when the words are what pressing one of our buttons sends: its payload, with a bin's name in place
     * of the payload's argument where it has one ("My {0} was not collected").
     */
    private static boolean pressed(Replies replies, String payloadKey) {
        return pressedWith(replies, payloadKey).isPresent();
    }

    /** As {@link #pressed}, giving the payload's argument (the empty string for a payload without one). */
    private static Optional<String> pressedWith(Replies replies, String payloadKey) {
        String words = replies.residentWords.strip().toLowerCase(Locale.ROOT);
        String[] around =
                replies.text(payloadKey, BIN_NAME).toLowerCase(Locale.ROOT).split(Pattern.quote(BIN_NAME), -1);
        if (around.length == 1) {
            return words.equals(around[0]) ? Optional.of("") : Optional.empty();
        }
        return words.length() > around[0].length() + around[1].length()
                        && words.startsWith(around[0])
                        && words.endsWith(around[1])
                ? Optional.of(words.substring(around[0].length(), words.length() - around[1].length()))
                : Optional.empty();
    }

    private static boolean looksLikeAPostcodeAttempt(String words) {
        String compact = words.replaceAll("\\s+", "");
        return compact.length() >= 2 && compact.length() <= 8 && compact.matches(".*\\d.*");
    }

    private Step done(Replies replies, DialogueState state, HandoffReason handoff) {
        return new Step(new BotTurn(replies.all, findings(state), handoff, replies.locale), state);
    }

    private static Findings findings(DialogueState state) {
        return new Findings(
                state.lastIntent(),
                state.lastConfidence(),
                state.postcode(),
                state.address(),
                state.uprn(),
                state.answeredFaqId(),
                state.missedBinReference(),
                state.safeguarding(),
                state.caseReference(),
                state.service(),
                state.topic());
    }

    private DialogueState binDay(Replies replies, DialogueState state, String typedPostcode) {
        return switch (bins.lookup(typedPostcode)) {
            case PostcodeLookup.NotAPostcode ignored -> {
                replies.say("bins.notAPostcode");
                yield state.awaiting(DialogueState.Awaiting.POSTCODE).failed();
            }
            case PostcodeLookup.PartialPostcode partial -> {
                replies.say("bins.partialPostcode", partial.outward());
                yield state.awaiting(DialogueState.Awaiting.POSTCODE).helped();
            }
            case PostcodeLookup.NotInArea notInArea -> {
                if (notInArea.servedBy() != null) {
                    replies.add(new BotReply(
                            replies.text(
                                    "bins.otherCouncil",
                                    notInArea.postcode().value(),
                                    notInArea.servedBy().name()),
                            List.of(),
                            List.of(new Link(
                                    notInArea.servedBy().name(),
                                    notInArea.servedBy().website())),
                            List.of()));
                } else {
                    replies.say("bins.notInArea", notInArea.postcode().value());
                }
                yield state.postcode(notInArea.postcode().value())
                        .awaiting(DialogueState.Awaiting.NOTHING)
                        .helped();
            }
            case PostcodeLookup.Addresses addresses -> {
                DialogueState known = state.postcode(addresses.postcode().value());
                if (addresses.sameRounds() || addresses.properties().size() == 1) {
                    yield answerBinDays(replies, known, addresses.properties().getFirst());
                }
                chooseAddressFrom(replies, addresses, 0);
                yield known.awaiting(DialogueState.Awaiting.ADDRESS).helped();
            }
        };
    }

    /**
     * Asks which address, with a page of buttons from {@code first} (0-based). A block of flats can have dozens,
     * so later pages are a button away, a typed house number or name works on any page, and "not listed" leads
     * to a person rather than a dead end.
     */
    private static void chooseAddressFrom(Replies replies, PostcodeLookup.Addresses addresses, int first) {
        List<PropertyAddress> all = addresses.properties();
        int from = Math.clamp(first, 0, Math.max(0, all.size() - 1));
        int to = Math.min(all.size(), from + ADDRESSES_PER_PAGE);
        List<QuickReply> choices = new ArrayList<>(all.subList(from, to).stream()
                .map(property -> new QuickReply(property.address(), property.address()))
                .toList());
        if (to < all.size()) {
            choices.add(new QuickReply(
                    replies.text(
                            "bins.moreAddresses", to + 1, Math.min(all.size(), to + ADDRESSES_PER_PAGE), all.size()),
                    replies.text("bins.moreAddressesPayload", String.valueOf(to + 1))));
        }
        choices.add(
                new QuickReply(replies.text("bins.addressNotListed"), replies.text("bins.addressNotListed.payload")));
        String question = from == 0
                ? replies.text("bins.chooseAddress", addresses.postcode().value())
                : replies.text("bins.chooseAddressMore", from + 1, to, all.size());
        replies.add(BotReply.text(question).withButtons(choices));
    }

    private PropertyAddress savedProperty(DialogueState state) {
        return new PropertyAddress(
                state.uprn(), state.address(), Postcode.parse(state.postcode()).orElseThrow());
    }

    /** Matches a typed choice ("Flat 2", "2", or the whole address) against the addresses at the postcode. */
    private Optional<PropertyAddress> chooseAddress(DialogueState state, String typed) {
        if (state.postcode() == null) {
            return Optional.empty();
        }
        String wanted = normalise(typed);
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        if (!(bins.lookup(Postcode.parse(state.postcode()).orElseThrow())
                instanceof PostcodeLookup.Addresses addresses)) {
            return Optional.empty();
        }
        List<PropertyAddress> exact = addresses.properties().stream()
                .filter(p -> normalise(p.address()).equals(wanted))
                .toList();
        if (exact.size() == 1) {
            return Optional.of(exact.getFirst());
        }
        List<PropertyAddress> starting = addresses.properties().stream()
                .filter(p -> (normalise(p.address()) + " ").startsWith(wanted + " "))
                .toList();
        return starting.size() == 1 ? Optional.of(starting.getFirst()) : Optional.empty();
    }

    private static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
    }

    private DialogueState answerBinDays(Replies replies, DialogueState state, PropertyAddress property) {
        ZoneId zone = ZoneId.of(properties.timeZone());
        LocalDate today = LocalDate.now(clock.withZone(zone));
        DialogueState known = state.postcode(property.postcode().value())
                .property(property.uprn(), property.address())
                .awaiting(DialogueState.Awaiting.NOTHING)
                .helped();
        List<NextCollection> collections;
        try {
            collections = bins.nextCollections(property.uprn(), today);
        } catch (CollectionSourceUnavailable down) {
            // The council's collection service is down: say so plainly, keep the address for a retry, and
            // offer the web page and a person instead of a generic apology.
            replies.add(new BotReply(
                    replies.text("bins.serviceDown", property.address()),
                    List.of(),
                    List.of(new Link(replies.text("bins.link"), properties.binCollectionsUrl())),
                    List.of(
                            new QuickReply(replies.text("bins.tryAgain"), replies.text("button.binDay.payload")),
                            personButton(replies))));
            return known;
        }
        if (state.task() == DialogueState.Task.MISSED_BIN) {
            return reportMissedBin(replies, known, property, collections, today);
        }
        if (collections.isEmpty()) {
            replies.say("bins.noRounds", property.address());
            return known;
        }
        Set<String> asked = WasteStreams.mentioned(replies.residentWords, collections);
        List<NextCollection> answered =
                collections.stream().filter(c -> asked.contains(c.stream())).toList();
        if (!asked.isEmpty() && answered.isEmpty()) {
            replies.say("bins.noSuchStream", property.address());
        } else if (!answered.isEmpty()) {
            // "Is my green bin tomorrow?": answer that bin, not every bin.
            collections = answered;
        }
        List<String> lines = collections.stream()
                .map(c -> (c.following() == null
                                ? replies.text("bins.lineLast", c.binName(), day(replies, c.date(), today))
                                : replies.text(
                                        "bins.line",
                                        c.binName(),
                                        day(replies, c.date(), today),
                                        day(replies, c.following(), today)))
                        + change(replies, c.change()))
                .toList();
        replies.add(new BotReply(
                replies.text("bins.answerIntro", property.address() + ", " + property.postcode()),
                lines,
                List.of(new Link(replies.text("bins.link"), properties.binCollectionsUrl())),
                List.of()));
        return known;
    }

    /**
     * Records a missed bin once it is clear which bin: checks it was really due (and says so when it was
     * not), and gives the resident a reference the contact centre can also see.
     */
    private DialogueState reportMissedBin(
            Replies replies,
            DialogueState state,
            PropertyAddress property,
            List<NextCollection> collections,
            LocalDate today) {
        Set<String> streams = WasteStreams.mentioned(replies.residentWords, collections);
        if (streams.isEmpty() && state.wantedStream() != null) {
            // Named when the resident first said it was missed, before we knew the address.
            streams = Set.of(state.wantedStream());
        }
        if (streams.size() != 1 && collections.size() != 1) {
            List<QuickReply> choices = collections.stream()
                    .map(c -> new QuickReply(c.binName(), replies.text("bins.missedPayload", c.binName())))
                    .toList();
            replies.add(BotReply.text(replies.text("bins.whichMissed")).withButtons(choices));
            return state;
        }
        String stream = streams.size() == 1 ? streams.iterator().next() : collections.getFirst().stream();
        DateTimeFormatter format = DateTimeFormatter.ofPattern("EEEE d MMMM", replies.locale);
        DialogueState done = state.task(DialogueState.Task.BIN_DAY).wanting(null);
        return switch (bins.reportMissed(property.uprn(), stream, today, replies.conversationId)) {
            case MissedBin.Reported reported -> {
                replies.say(
                        "bins.missedReported",
                        reported.binName(),
                        reported.dueDate().format(format),
                        reported.reference());
                yield done.reported(reported.reference());
            }
            case MissedBin.AlreadyReported already -> {
                replies.say(
                        "bins.missedAlready",
                        already.binName(),
                        already.dueDate().format(format),
                        already.reference());
                yield done.reported(already.reference());
            }
            case MissedBin.NotDue notDue -> {
                String next = notDue.nextCollection() == null ? "-" : day(replies, notDue.nextCollection(), today);
                if (notDue.lastCollection() == null) {
                    replies.say("bins.missedNotDueYet", notDue.binName(), next);
                } else {
                    replies.say(
                            "bins.missedNotDue",
                            notDue.binName(),
                            notDue.lastCollection().format(format),
                            next);
                }
                yield done;
            }
            case MissedBin.NoSuchBin ignored -> {
                replies.say("bins.noSuchStream", property.address());
                yield done;
            }
        };
    }

    /** Says when and why a collection is not on its usual day, so nobody puts their bin out for nothing. */
    private static String change(Replies replies, NextCollection.Change change) {
        if (change == null) {
            return "";
        }
        String usual = change.usualDate().format(DateTimeFormatter.ofPattern("EEEE d MMMM", replies.locale));
        return replies.text(change.cancelled() ? "bins.cancelled" : "bins.moved", usual, change.reason());
    }

    private String day(Replies replies, LocalDate date, LocalDate today) {
        String formatted = date.format(DateTimeFormatter.ofPattern("EEEE d MMMM", replies.locale));
        if (date.equals(today)) {
            return replies.text("bins.today", formatted);
        }
        if (date.equals(today.plusDays(1))) {
            return replies.text("bins.tomorrow", formatted);
        }
        return formatted;
    }

    private Step answerFromKnowledge(Replies replies, DialogueState state, String residentWords) {
        FaqSearch search = knowledge.search(residentWords, replies.locale.getLanguage());
        Optional<FaqMatch> answer = search.confidentAnswer();
        if (answer.isPresent()) {
            return answered(replies, state, answer.get(), residentWords);
        }
        feedback.unanswered(residentWords, replies.locale.getLanguage());
        return ladder(replies, state, search);
    }

    /**
     * The question that says what an FAQ is about, for the classifier: a Welsh FAQ's English original where it
     * has one, as the classifier knows English best and the two are one answer.
     */
    private String questionAbout(Faq faq) {
        return faq.translationOf() == null
                ? faq.question()
                : knowledge.find(faq.translationOf()).map(Faq::question).orElse(faq.question());
    }

    /**
     * An FAQ's answer, then "Did this answer your question?", whose yes or no editors see against the FAQ. An
     * English answer to a Welsh question (the council has no Welsh FAQ for it) comes after a note saying so, and
     * editors see the FAQ as wanting a Welsh version.
     */
    private Step answered(Replies replies, DialogueState state, FaqMatch match, String question) {
        String language = replies.locale.getLanguage();
        if (!match.faq().language().equals(language) && "cy".equals(language)) {
            replies.add(BotReply.text(replies.text("faq.onlyInEnglish")));
            feedback.answeredOnlyInEnglish(match.faq().id(), question, language);
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
    private Step ladder(Replies replies, DialogueState state, FaqSearch search) {
        DialogueState failed = state.failed();
        if (failed.consecutiveFailures() == 1 && !search.hits().isEmpty()) {
            List<QuickReply> suggestions = new ArrayList<>(search.hits().stream()
                    .limit(3)
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
            replies.add(BotReply.text(replies.text("fallback.offerPerson"))
                    .withButtons(List.of(
                            personButton(replies),
                            new QuickReply(replies.text("button.binDay"), replies.text("button.binDay.payload")))));
            return done(replies, failed, null);
        }
        // Third miss and after: the same way out every time, never a new question: a person or a topic.
        List<QuickReply> ways = new ArrayList<>(List.of(personButton(replies)));
        topicButtons(replies).stream().filter(topic -> !ways.contains(topic)).forEach(ways::add);
        replies.add(BotReply.text(replies.text("fallback.topics")).withButtons(ways));
        return done(replies, failed, null);
    }

    private static QuickReply personButton(Replies replies) {
        return new QuickReply(replies.text("button.person"), replies.text("button.person.payload"));
    }

    /** The answer as plain text with paragraph breaks, its links listed, and the source page last. */
    private static BotReply faqReply(Replies replies, FaqMatch match) {
        var answer = Jsoup.parseBodyFragment(match.faq().answerHtml()).body();
        List<String> paragraphs = new ArrayList<>();
        List<String> bullets = new ArrayList<>();
        for (Element block : answer.children()) {
            if (block.is("ul, ol")) {
                block.children().forEach(item -> bullets.add(item.text()));
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
        return new BotReply(String.join("\n\n", paragraphs), bullets, links, List.of());
    }

    /** The replies of one turn, worded in the resident's language. */
    /**
     * The intent of each FAQ question, as the model serving now sees it. The same few FAQs answer turn after
     * turn; classifying a question again (a sentence embedding each time) would cost every answer a few
     * milliseconds for nothing. Forgotten when another model serves.
     */
    private static final class FaqIntents {

        private static final int MOST = 5000;

        private String version = "";
        private final Map<String, String> intentOfQuestion = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > MOST;
            }
        };

        String intentOf(String question, IntentClassifier intents) {
            Optional<String> model = intents.modelVersion();
            if (model.isEmpty()) {
                return intents.classify(question).top().intent();
            }
            synchronized (this) {
                if (!model.get().equals(version)) {
                    intentOfQuestion.clear();
                    version = model.get();
                }
                String known = intentOfQuestion.get(question);
                if (known != null) {
                    return known;
                }
            }
            String intent = intents.classify(question).top().intent();
            synchronized (this) {
                if (model.get().equals(version)) {
                    intentOfQuestion.put(question, intent);
                }
            }
            return intent;
        }
    }

    private final class Replies {
        private final Locale locale;
        private final String residentWords;
        private final String conversationId;
        private final List<BotReply> all = new ArrayList<>();

        Replies(Locale locale, String residentWords, String conversationId) {
            this.locale = locale;
            this.residentWords = residentWords;
            this.conversationId = conversationId;
        }

        String text(String key, Object... arguments) {
            return messages.getMessage(key, arguments, locale);
        }

        void say(String key, Object... arguments) {
            add(BotReply.text(text(key, arguments)));
        }

        void add(BotReply reply) {
            all.add(reply);
        }

        /** Adds a link card or a button (whichever is not null) under the last thing said. */
        void underLast(Link link, QuickReply button) {
            BotReply last = all.removeLast();
            List<Link> links = new ArrayList<>(last.links());
            List<QuickReply> buttons = new ArrayList<>(last.buttons());
            if (link != null) {
                links.add(link);
            }
            if (button != null && !buttons.contains(button)) {
                buttons.add(button);
            }
            all.add(new BotReply(last.text(), last.lines(), links, buttons));
        }
    }
}
