package org.councilchat.engine.dialogue;

import static org.councilchat.engine.dialogue.Replies.button;
import static org.councilchat.engine.dialogue.Replies.done;
import static org.councilchat.engine.dialogue.Replies.personButton;
import static org.councilchat.engine.dialogue.Replies.pressed;
import static org.councilchat.engine.dialogue.Replies.pressedWith;
import static org.councilchat.engine.dialogue.Replies.topicButtons;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.councilchat.councils.Council;
import org.councilchat.engine.AdvisersAvailable;
import org.councilchat.engine.BinDayReminders;
import org.councilchat.engine.BotReply;
import org.councilchat.engine.BotReply.Link;
import org.councilchat.engine.BotReply.QuickReply;
import org.councilchat.engine.BotTurn;
import org.councilchat.engine.BotTurn.HandoffReason;
import org.councilchat.engine.CaseIntake;
import org.councilchat.engine.CaseIntake.NewCase;
import org.councilchat.engine.CaseReferenceNotices;
import org.councilchat.engine.EngineProperties;
import org.councilchat.engine.Findings;
import org.councilchat.engine.IntentClassifier;
import org.councilchat.engine.IntentRanking;
import org.councilchat.engine.IntentScore;
import org.councilchat.engine.LanguageGuess;
import org.councilchat.engine.WrittenLanguage;
import org.councilchat.engine.rules.ConversationRule;
import org.councilchat.engine.rules.CouncilConversationRules;
import org.councilchat.engine.rules.RuleStep;
import org.councilchat.engine.triggers.HandoffTriggers;
import org.councilchat.engine.triggers.HandoffTriggers.Concern;
import org.councilchat.knowledge.AnswerFeedback;
import org.councilchat.knowledge.BinCollections;
import org.councilchat.knowledge.FaqMatch;
import org.councilchat.knowledge.FaqSearch;
import org.councilchat.knowledge.KnowledgeBase;
import org.councilchat.knowledge.Postcode;
import org.councilchat.knowledge.PostcodeLookup;
import org.councilchat.knowledge.PropertyAddress;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Decides the bot's next move from what the resident said and what it already knows: bin days from the
 * rounds, answers from the knowledge base, small talk, a person on request (or, out of hours, a message taken
 * for one), and a fallback ladder (clarify with likely topics, then offer a person) that never loops. A
 * disclosure of risk comes before everything: emergency contacts at once and an urgent handoff.
 *
 * <p>This class holds the order in which those are tried, which is the behaviour; the conversations themselves
 * are its collaborators: {@link BinDays} (postcode, address, collections, a missed bin), {@link MessageTaking}
 * (a message for the contact centre) and {@link KnowledgeAnswers} (FAQ answers, their yes or no, the ladder),
 * each adding what it says to the turn's {@link Replies}.
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

    /** How sure the classifier must be that a frustrated resident is asking for a person, not just complaining. */
    private static final double CLEAR_REQUEST = 0.8;

    /**
     * "My bin wasn't collected", "the recycling was missed", "they didn't empty my bin"; and in Welsh "heb ei
     * gasglu" (not collected), "ni chasglwyd", "chafodd fy min ddim ei wagio" (wasn't emptied), "wedi'i fethu".
     */
    private static final Pattern MISSED_BIN = Pattern.compile(
            "\\bmissed\\b"
                    // On a phone the apostrophe is often left out: "wasnt collected", "didnt empty".
                    + "|(?:\\bnot|n'?t|\\bnever) (?:been )?(?:collected|emptied|picked up|taken)\\b"
                    + "|\\b(?:didn'?t|did not|forgot to) (?:collect|empty|pick up|take)\\b"
                    + "|\\bheb (?:ei |eu )?(?:gasglu|chasglu|casglu|wagio|gwagio)\\b"
                    + "|\\bni (?:chasglwyd|wagiwyd)\\b"
                    + "|\\bchafodd\\b.*\\b(?:gasglu|chasglu|wagio)\\b"
                    + "|\\b(?:methwyd|wedi(?:'i| ei)? (?:fethu|methu))\\b",
            Pattern.CASE_INSENSITIVE);

    /**
     * "Can I talk to someone about my council tax bill", "speak to an adviser about a pothole"; in Welsh "siarad â
     * rhywun am fy nhreth cyngor". A request for a person in so many words, whatever else the sentence is about:
     * the classifier, led by "council tax bill", would answer the bill. What follows "about" ({@code am}) is
     * the subject, kept so that an adviser for that service takes the chat.
     */
    private static final Pattern PERSON_ASKED_FOR = Pattern.compile(
            "(?:^(?:please )?|\\b(?:can|could|may|let|want|wanna|need|like|wish|how do|how can)\\b[\\w' ]{0,20}?)"
                    + "\\b(?:talk|speak|chat) (?:to|with) (?:someone|somebody|a (?:real )?(?:person|human)"
                    + "|an? (?:adviser|advisor|agent|officer|member of (?:staff|the team)))\\b(?:.*?\\babout\\b)?(.*)"
                    + "|\\b(?:ga i|gaf i|gai|hoffwn|eisiau|isio|moyn)\\b[\\w' ]{0,12}?"
                    + "\\bsiarad (?:â|a|gyda|gydag|efo) (?:rhywun|pherson|person|chynghorydd|cynghorydd|aelod o staff)\\b"
                    + "(?:.*?\\bam\\b)?(.*)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

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

    private final IntentClassifier intents;
    private final CouncilConversationRules rules;
    private final MessageSource messages;
    private final EngineProperties properties;
    private final HandoffTriggers triggers;
    private final CouncilOpeningHours hours;
    private final CaseIntake cases;
    private final AdvisersAvailable advisers;
    private final Clock clock;
    private final BinDays binDays;
    private final BinDayReminding reminding;
    private final MessageTaking messageTaking;
    private final KnowledgeAnswers answers;

    public Dialogue(
            IntentClassifier intents,
            CouncilConversationRules rules,
            KnowledgeBase knowledge,
            AnswerFeedback feedback,
            BinCollections bins,
            MessageSource messages,
            EngineProperties properties,
            HandoffTriggers triggers,
            CouncilOpeningHours hours,
            CaseIntake cases,
            AdvisersAvailable advisers,
            BinDayReminders reminders,
            CaseReferenceNotices notices,
            Clock clock) {
        this.intents = intents;
        this.rules = rules;
        this.messages = messages;
        this.properties = properties;
        this.triggers = triggers;
        this.hours = hours;
        this.cases = cases;
        this.advisers = advisers;
        this.clock = clock;
        this.binDays = new BinDays(bins, properties, clock, reminders);
        this.reminding = new BinDayReminding(reminders, binDays);
        this.messageTaking = new MessageTaking(cases, notices, this::takingCouncil);
        this.answers = new KnowledgeAnswers(knowledge, feedback, intents, properties);
    }

    /**
     * True when a resident can be queued for an adviser: in the opening hours of the council that would take the
     * chat, and with an adviser of that council signed in (unless the council queues residents before advisers
     * sign in).
     */
    private boolean advisersCanTakeIt(Replies replies, DialogueState state) {
        String taking = takingCouncil(replies, state);
        return hours.of(taking).isOpen(clock.instant())
                && (properties.contactCentre().queueWhenNobodyOnline() || advisers.availableFor(taking));
    }

    /**
     * The council whose advisers would take the chat: the resident's own, or the one providing the service asked
     * about (the county, for a district's resident asking about a school place), as the handoff routes it.
     */
    private String takingCouncil(Replies replies, DialogueState state) {
        Council council = answers.council(replies);
        return council == null ? null : council.providerOf(state.service());
    }

    /** The bot's turn and the state to remember afterwards. */
    public record Step(BotTurn turn, DialogueState state) {}

    public Step respond(
            String conversationId, String councilId, DialogueState before, String residentWords, Locale locale) {
        Optional<Concern> concern = triggers.safeguarding(residentWords);
        if (concern.isPresent()) {
            // Always in the chat's own language: a language guessed wrong must never hide the emergency numbers.
            return safeguard(
                    new Replies(messages, locale, residentWords, conversationId, councilId), before, concern.get());
        }
        // Not while taking a message: a name, an address or a phone number says nothing of the language.
        Locale written = before.awaiting().takingAMessage() ? locale : writtenIn(residentWords, locale);
        Optional<Locale> switched = typedLanguage(residentWords);
        if (switched.isPresent()) {
            // Answered in the language asked for, which the caller keeps from now on.
            Replies replies = new Replies(messages, switched.get(), residentWords, conversationId, councilId);
            replies.say("language.switched");
            return done(replies, before.helped(), null);
        }
        Replies replies = new Replies(messages, written, residentWords, conversationId, councilId);
        if (before.awaiting().takingAMessage()) {
            // Whatever is typed here is the resident's name, contact or message, swear words and all.
            return messageTaking.takeMessage(replies, before);
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
        return guess.isWelsh() && guess.isSure() ? WELSH : chat;
    }

    /**
     * A Welsh answer in an English chat, with the offer to have the whole chat (the widget's own words too) in
     * Welsh: one tap sends "Cymraeg", which switches both. Until then the chat stays English: one message is not a
     * choice.
     */
    private Step offeringToSwitch(Step step, Locale written, Locale chat) {
        Replies offer = new Replies(messages, written, "", null, null);
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
    public Optional<Step> disclosure(
            String conversationId, String councilId, DialogueState before, String residentWords, Locale locale) {
        return triggers.safeguarding(residentWords)
                .map(concern -> safeguard(
                        new Replies(messages, locale, residentWords, conversationId, councilId), before, concern));
    }

    /**
     * When the resident, already waiting for an adviser, discloses a risk: the emergency contacts and word that
     * the chat is now urgent. Empty for anything else, which goes to the adviser unanswered by the bot.
     */
    public Optional<Step> whileWaiting(
            String conversationId, String councilId, DialogueState before, String residentWords, Locale locale) {
        Optional<Concern> concern = triggers.safeguarding(residentWords);
        if (concern.isEmpty()) {
            // Waiting as urgent after a disclosure out of hours: the way to reach them the bot asked for.
            return before.awaiting() == DialogueState.Awaiting.URGENT_CONTACT
                    ? Optional.of(urgentContact(
                            new Replies(messages, locale, residentWords, conversationId, councilId), before))
                    : Optional.empty();
        }
        Replies replies = new Replies(messages, locale, residentWords, conversationId, councilId);
        replies.add(emergencyContacts(replies, concern.get().key()));
        replies.say("safeguarding.prioritised");
        return Optional.of(done(replies, before.disclosed(concern.get().key()), HandoffReason.SAFEGUARDING));
    }

    /**
     * One resident message as the answer's steps see it: the replies so far, the state as the steps before left
     * it, what the classifier and the words say, and whether the resident sounds fed up.
     *
     * @param certainly the intent our own buttons, or words that cannot mean anything else, stand for
     * @param frustrated the resident sounds fed up: they are then handed over only when they clearly ask for a
     *     person, and otherwise offered one, because "this is useless" is a complaint, not yet a request
     */
    private record Turn(
            Replies replies,
            DialogueState state,
            String words,
            IntentRanking ranking,
            Optional<Postcode> postcode,
            Optional<String> certainly,
            boolean councilTaxButton,
            boolean frustrated) {

        Turn with(DialogueState next) {
            return new Turn(replies, next, words, ranking, postcode, certainly, councilTaxButton, frustrated);
        }

        String intent() {
            return certainly.orElse(ranking.top().intent());
        }

        double confidence() {
            return certainly.isPresent() ? 1.0 : ranking.top().confidence();
        }
    }

    /** What a step of the answer did: answered the turn, or passed it on (perhaps with the state changed). */
    private sealed interface Handled {
        record Answered(Step step) implements Handled {}

        record PassedOn(Turn turn) implements Handled {}
    }

    /** One step of the answer. */
    @FunctionalInterface
    private interface TurnHandler {
        Handled handle(Turn turn);
    }

    /**
     * The bot's answer to everything but disclosures, language switches and a message being taken, as steps tried
     * in this order until one answers. The order is the behaviour: the forms' follow-ups first (a way to reach a
     * resident whose disclosure became an urgent case, where to send bin-day reminders, an address chosen, a yes or
     * no to "Did this answer your question?"), then the bot's own buttons and a request for a person,
     * then the council's conversation rule for what the resident wants, and the knowledge base when no rule
     * applies. The last step always answers.
     */
    private List<TurnHandler> answerSteps() {
        return List.of(
                this::urgentContactGiven,
                this::reminderContactGiven,
                this::remindersAsked,
                this::addressChosen,
                this::answerRated,
                this::messageToLeave,
                this::personAskedFor,
                this::postcodeForTheForm,
                this::outwardCodeAlone,
                this::topicNoted,
                this::conversationRule,
                this::barePostcode,
                this::fromTheKnowledgeBase);
    }

    private Step answer(Replies replies, DialogueState before, String residentWords, boolean frustrated) {
        IntentRanking ranking = intents.classify(residentWords);
        // A press of one of our own buttons sends its payload as if typed: it means exactly that in either
        // language, whatever the English-trained classifier makes of the Welsh words.
        boolean councilTaxButton = pressed(replies, "button.councilTax.payload");
        Turn turn = new Turn(
                replies,
                before.intent(ranking.top().intent(), ranking.top().confidence()),
                residentWords,
                ranking,
                Postcode.findIn(residentWords),
                certainIntent(replies, councilTaxButton),
                councilTaxButton,
                frustrated);
        for (TurnHandler step : answerSteps()) {
            switch (step.handle(turn)) {
                case Handled.Answered answered -> {
                    return answered.step();
                }
                case Handled.PassedOn passedOn -> turn = passedOn.turn();
            }
        }
        throw new IllegalStateException("The knowledge base step answers every turn");
    }

    private static Handled answered(Step step) {
        return new Handled.Answered(step);
    }

    private static Handled passedOn(Turn turn) {
        return new Handled.PassedOn(turn);
    }

    /** Where to send bin-day reminders; anything that is not a contact ends the question and is answered as usual. */
    private Handled reminderContactGiven(Turn turn) {
        if (turn.state().awaiting() != DialogueState.Awaiting.REMINDER_CONTACT) {
            return passedOn(turn);
        }
        return reminding
                .contactGiven(turn.replies(), turn.state())
                .map(Dialogue::answered)
                .orElseGet(() -> passedOn(turn.with(turn.state().awaiting(DialogueState.Awaiting.NOTHING))));
    }

    private Handled remindersAsked(Turn turn) {
        return reminding
                .asked(turn.replies(), turn.state())
                .map(Dialogue::answered)
                .orElseGet(() -> passedOn(turn));
    }

    /** While the bot asks which address: one typed or pressed, the next page of them, or "not listed". */
    private Handled addressChosen(Turn turn) {
        DialogueState state = turn.state();
        Replies replies = turn.replies();
        if (state.awaiting() != DialogueState.Awaiting.ADDRESS
                || turn.postcode().isPresent()) {
            return passedOn(turn);
        }
        Optional<PropertyAddress> chosen = binDays.chooseAddress(replies, state, turn.words());
        if (chosen.isPresent()) {
            return answered(done(replies, binDays.answerBinDays(replies, state.addressPicked(), chosen.get()), null));
        }
        Optional<String> from = pressedWith(replies, "bins.moreAddressesPayload");
        Optional<PostcodeLookup.Addresses> addresses =
                from.filter(page -> page.matches("[0-9]{1,4}")).flatMap(page -> binDays.addressesAt(replies, state));
        if (addresses.isPresent()) {
            BinDays.chooseAddressFrom(replies, addresses.get(), Integer.parseInt(from.get()) - 1);
            return answered(done(replies, state.helped(), null));
        }
        if (pressed(replies, "bins.addressNotListed.payload")) {
            replies.add(BotReply.text(replies.text("bins.addressNotListedAnswer"))
                    .withButtons(List.of(personButton(replies))));
            return answered(
                    done(replies, state.awaiting(DialogueState.Awaiting.NOTHING).helped(), null));
        }
        return passedOn(turn);
    }

    /** A yes or no to "Did this answer your question?"; anything else is a new question, the answer unrated. */
    private Handled answerRated(Turn turn) {
        if (turn.state().awaiting() != DialogueState.Awaiting.FEEDBACK) {
            return passedOn(turn);
        }
        Optional<Boolean> helped = answers.feedbackIn(turn.replies(), turn.ranking());
        return helped.isPresent()
                ? answered(answers.recordFeedback(turn.replies(), turn.state(), helped.get()))
                : passedOn(turn.with(turn.state().awaiting(DialogueState.Awaiting.NOTHING)));
    }

    private Handled messageToLeave(Turn turn) {
        return pressed(turn.replies(), "message.leave.payload")
                ? answered(messageTaking.askForContact(
                        turn.replies(),
                        turn.state().awaiting(DialogueState.Awaiting.NOTHING).helped()))
                : passedOn(turn);
    }

    private Handled personAskedFor(Turn turn) {
        double askedForPerson = turn.frustrated() ? CLEAR_REQUEST : properties.intentThreshold();
        DialogueState handedOver =
                turn.state().awaiting(DialogueState.Awaiting.NOTHING).helped();
        Matcher inSoManyWords = PERSON_ASKED_FOR.matcher(turn.words().replace('’', '\''));
        if (inSoManyWords.find()) {
            return answered(handOver(
                    turn.replies(),
                    aboutTheSubject(turn.replies(), handedOver.intent(SPEAK_TO_PERSON, 1.0), subject(inSoManyWords))));
        }
        return pressed(turn.replies(), "button.person.payload")
                        || turn.ranking().is(SPEAK_TO_PERSON, askedForPerson)
                ? answered(handOver(turn.replies(), handedOver))
                : passedOn(turn);
    }

    /** What follows "about" in English (group 1) or "am" in Welsh (group 2). */
    private static String subject(Matcher request) {
        return Objects.requireNonNullElse(request.group(1), Objects.requireNonNullElse(request.group(2), ""))
                .strip();
    }

    /**
     * The chat's topic and service from the subject of a request for a person, when the classifier (or else the
     * FAQ that would answer it) is sure what it is: a council tax bill goes to an adviser who handles council
     * tax, in the council that collects it.
     */
    private DialogueState aboutTheSubject(Replies replies, DialogueState state, String subject) {
        if (subject.isBlank()) {
            return state;
        }
        IntentScore classified = intents.classify(subject).top();
        Optional<String> about = classified.confidence() >= properties.intentThreshold()
                ? Optional.of(classified.intent())
                : answers.subjectOf(replies, subject);
        return about.filter(intent -> !SMALL_TALK.contains(intent))
                .flatMap(intent ->
                        ruleFor(replies, intent).map(rule -> state.topic(intent).service(rule.service())))
                .orElse(state);
    }

    /**
     * Something like a postcode while the bot asks for one. What the words or our own buttons say for certain
     * comes first: the classifier is trained in English, and Welsh words can look to it like "are you a robot?".
     */
    private Handled postcodeForTheForm(Turn turn) {
        return turn.state().awaiting() == DialogueState.Awaiting.POSTCODE
                        && turn.certainly().isEmpty()
                        && looksLikeAPostcodeAttempt(turn.words())
                ? answered(done(
                        turn.replies(),
                        binDays.binDay(
                                turn.replies(), turn.state(), turn.words().strip()),
                        null))
                : passedOn(turn);
    }

    /**
     * Only the first half of a postcode ("MB2"), in an area the councils collect in: the start of a bin-day
     * question, not a word for the classifier to match to some topic. The rest of the postcode is asked for.
     */
    private Handled outwardCodeAlone(Turn turn) {
        return turn.certainly().isEmpty() && binDays.isOutwardCodeCollected(turn.words())
                ? answered(done(
                        turn.replies(),
                        binDays.binDay(
                                turn.replies(), turn.state(), turn.words().strip()),
                        null))
                : passedOn(turn);
    }

    /** What the chat is about, for the agent who may take it: small talk and a request for a person leave it. */
    private Handled topicNoted(Turn turn) {
        boolean sure = turn.certainly().isPresent() || turn.confidence() >= properties.intentThreshold();
        return sure && !SMALL_TALK.contains(turn.intent())
                ? passedOn(turn.with(turn.state().topic(turn.intent())))
                : passedOn(turn);
    }

    /**
     * The rule for an intent: the resident's own council's (its links and numbers), or, for a service another
     * council provides with rules of its own (the county's roads, on a district's site), that council's.
     */
    private Optional<ConversationRule> ruleFor(Replies replies, String intent) {
        Optional<ConversationRule> own = rules.current(replies.councilId).forIntent(intent);
        Council site = answers.council(replies);
        if (own.isEmpty() || own.get().service() == null || site == null) {
            return own;
        }
        String provider = site.providerOf(own.get().service());
        return !provider.equals(site.id()) && rules.ownedBy(provider)
                ? rules.current(provider).forIntent(intent).or(() -> own)
                : own;
    }

    /** The council's rule for what the resident wants, when the classifier (or a button) is sure enough. */
    private Handled conversationRule(Turn turn) {
        Optional<ConversationRule> rule = ruleFor(turn.replies(), turn.intent())
                .filter(r -> !(turn.frustrated() && SPEAK_TO_PERSON.equals(r.intent())))
                .filter(r -> turn.confidence()
                        >= (r.minConfidence() == null ? properties.intentThreshold() : r.minConfidence()));
        boolean startsAForm = rule.map(Dialogue::startsABinForm).orElse(false);
        DialogueState state = turn.state();
        if (!startsAForm && turn.postcode().isPresent() && state.awaiting() != DialogueState.Awaiting.NOTHING) {
            // A postcode while the bot is asking for something carries on the bin form under way.
            return answered(done(turn.replies(), binDays.binForm(turn.replies(), state, turn.postcode()), null));
        }
        if (rule.isEmpty()) {
            return passedOn(turn);
        }
        return answered(follow(
                rule.get(),
                turn.replies(),
                state.service(rule.get().service()),
                turn.postcode(),
                questionFor(turn),
                turn.certainly().isPresent()));
    }

    /** A bare postcode with nothing else: the bin day is by far the likeliest thing wanted. */
    private Handled barePostcode(Turn turn) {
        return turn.postcode().isPresent() && turn.words().strip().length() <= 10
                ? answered(done(
                        turn.replies(),
                        binDays.binDay(
                                turn.replies(),
                                turn.state(),
                                turn.postcode().get().value()),
                        null))
                : passedOn(turn);
    }

    private Handled fromTheKnowledgeBase(Turn turn) {
        return answered(answers.answerFromKnowledge(
                turn.replies(), turn.state().awaiting(DialogueState.Awaiting.NOTHING), questionFor(turn)));
    }

    /** The FAQs are written in English: the Welsh council tax button asks them the English question. */
    private String questionFor(Turn turn) {
        return turn.councilTaxButton()
                ? messages.getMessage("button.councilTax.payload", null, Locale.UK)
                : turn.words();
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
                    arguments[0] = botName(replies);
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
                    // A service another council provides (the county's roads, on a district's site) is answered
                    // from that council's FAQs.
                    Council answering = answers.answeringCouncil(replies, rule.service());
                    FaqSearch search = answers.search(replies, answering.id(), question);
                    Optional<FaqMatch> answer = answers.answerAbout(search, rule.intent());
                    if (answer.isPresent()) {
                        return answers.answered(replies, now, answer.get(), question, answering);
                    }
                    answers.unanswered(replies, answering.id(), question);
                    if (rule.steps().getLast() == step) {
                        return answers.ladder(replies, now, search);
                    }
                }
                case RuleStep.StartForm form -> {
                    return switch (form.form()) {
                        case BIN_DAY ->
                            done(
                                    replies,
                                    binDays.binForm(replies, state.task(DialogueState.Task.BIN_DAY), postcode),
                                    null);
                        case MISSED_BIN -> {
                            if (!certain) {
                                // A report sends a crew back, so the classifier's guess alone does not make
                                // one ("is my black bin collected today?" reads much like a missed bin): the
                                // bin days, with the report one press away.
                                DialogueState days =
                                        binDays.binForm(replies, state.task(DialogueState.Task.BIN_DAY), postcode);
                                replies.underLast(null, button(replies, RuleStep.Button.MISSED_BIN));
                                yield done(replies, days, null);
                            }
                            Set<String> named = WasteStreams.mentioned(replies.residentWords, List.of());
                            DialogueState missed = state.task(DialogueState.Task.MISSED_BIN)
                                    .wanting(
                                            named.size() == 1 ? named.iterator().next() : null);
                            yield done(replies, binDays.binForm(replies, missed, postcode), null);
                        }
                        case LEAVE_MESSAGE -> messageTaking.askForContact(replies, now.helped());
                    };
                }
                case RuleStep.HandOver ignored -> {
                    return handOver(replies, now.helped());
                }
                case RuleStep.Topics ignored ->
                    replies.add(BotReply.text(replies.text("capabilities.answer"))
                            .withButtons(topicButtons(replies, answers.council(replies))));
            }
        }
        return done(replies, now.helped(), null);
    }

    /**
     * What the bot says as a resident opens a chat, before they have typed anything: who it is and the
     * topics it helps with most, as buttons, so that a resident on a phone can start with one tap.
     */
    public BotReply greeting(String councilId, Locale locale) {
        Replies replies = new Replies(messages, locale, "", null, councilId);
        return BotReply.text(replies.text("greeting.open", botName(replies)))
                .withButtons(topicButtons(replies, answers.council(replies)));
    }

    /** What the bot is called on this council's site: its own name for it, else the deployment's. */
    private String botName(Replies replies) {
        Council site = answers.council(replies);
        return site == null || site.botName().isBlank() ? properties.botName() : site.botName();
    }

    /** An apology with the way to a person, for when answering failed. */
    public BotTurn apology(Locale locale) {
        Replies replies = new Replies(messages, locale, "", null, null);
        replies.add(BotReply.text(replies.text("bot.unavailable")).withButtons(List.of(personButton(replies))));
        return new BotTurn(replies.all, Findings.NONE, null, locale);
    }

    /**
     * Emergency contacts at once, then an adviser ahead of the queue; out of hours also an urgent case, so the
     * disclosure is seen when the team is next in even if the resident leaves the chat.
     */
    private Step safeguard(Replies replies, DialogueState before, Concern concern) {
        replies.add(emergencyContacts(replies, concern.key()));
        DialogueState state = before.awaiting(DialogueState.Awaiting.NOTHING).disclosed(concern.key());
        if (advisersCanTakeIt(replies, state)) {
            replies.say("safeguarding.passedOn");
        } else {
            String reference = cases.open(new NewCase(
                    replies.conversationId,
                    state.contactName(),
                    state.contactDetails(),
                    replies.residentWords,
                    replies.locale.getLanguage(),
                    true,
                    takingCouncil(replies, state)));
            state = state.caseOpened(reference);
            replies.say("safeguarding.outOfHours", reference);
            if (state.contactDetails() == null) {
                // Gently and once: so the team can follow the urgent case up, if the resident wants them to.
                replies.say("safeguarding.askContact");
                state = state.awaiting(DialogueState.Awaiting.URGENT_CONTACT);
            }
        }
        return done(replies, state, HandoffReason.SAFEGUARDING);
    }

    /** At most this many national helplines for one kind of risk, numbered 1, 2 ... in the message bundles. */
    private static final int MOST_HELPLINES = 5;

    /**
     * The first reply to a disclosure, for its kind of risk: words that fit it (only someone who spoke of harming
     * themselves is told "I'm so sorry you're going through this"; a neighbour reporting a child at risk is
     * thanked), 999, the national helplines for that risk ({@code safeguarding.line.<kind>.1}, {@code .2}, ...,
     * Samaritans for a kind the bundles do not know), and the council's own duty line for it
     * ({@code council-chat.engine.duty-lines}), or else its emergency duty team.
     */
    /**
     * The answer to the bot's one request for a way to reach a resident whose disclosure became an urgent case: a
     * phone number or e-mail address goes onto the case, with thanks; anything else ends the request unanswered
     * (and, in a chat with the bot, is answered as usual by the next steps).
     */
    private Step urgentContact(Replies replies, DialogueState state) {
        DialogueState asked = state.awaiting(DialogueState.Awaiting.NOTHING);
        Optional<String> contact = MessageTaking.contactIn(replies.residentWords);
        if (contact.isEmpty() || state.caseReference() == null) {
            return done(replies, asked, null);
        }
        cases.addContact(state.caseReference(), contact.get());
        replies.say("safeguarding.contactAdded", contact.get());
        return done(replies, asked.contactDetails(contact.get()), null);
    }

    private Handled urgentContactGiven(Turn turn) {
        if (turn.state().awaiting() != DialogueState.Awaiting.URGENT_CONTACT) {
            return passedOn(turn);
        }
        Step step = urgentContact(turn.replies(), turn.state());
        return step.turn().replies().isEmpty() ? passedOn(turn.with(step.state())) : answered(step);
    }

    private BotReply emergencyContacts(Replies replies, String kind) {
        List<String> lines = new ArrayList<>(List.of(replies.text("safeguarding.line999")));
        for (int n = 1; n <= MOST_HELPLINES; n++) {
            Optional<String> helpline = replies.textIfAny("safeguarding.line." + kind + "." + n);
            if (helpline.isEmpty()) {
                break;
            }
            lines.add(helpline.get());
        }
        if (lines.size() == 1) {
            lines.add(replies.text("safeguarding.lineSamaritans"));
        }
        // The resident's council's own lines first (a shared service's councils each have theirs), else the
        // deployment's.
        Council council = answers.council(replies);
        String duty = council != null && council.dutyLines().containsKey(kind)
                ? council.dutyLines().get(kind)
                : properties.dutyLines().get(kind);
        String emergencyDuty = council != null && !council.emergencyDutyNumber().isBlank()
                ? council.emergencyDutyNumber()
                : properties.emergencyDutyNumber();
        if (duty != null && !duty.isBlank()) {
            lines.add(replies.textIfAny("safeguarding.lineDuty." + kind, duty)
                    .orElseGet(() -> replies.text("safeguarding.lineDuty", duty)));
        } else if (!emergencyDuty.isBlank()) {
            lines.add(replies.text("safeguarding.lineDuty", emergencyDuty));
        }
        String intro =
                replies.textIfAny("safeguarding.intro." + kind).orElseGet(() -> replies.text("safeguarding.intro"));
        return new BotReply(intro, lines, List.of(), List.of());
    }

    /** To the queue while advisers are in; otherwise the offer to take a message instead of a wait for no one. */
    private Step handOver(Replies replies, DialogueState state) {
        if (advisersCanTakeIt(replies, state)) {
            replies.say("handoff.requested");
            return done(replies, state, HandoffReason.RESIDENT_ASKED);
        }
        List<String> lines = new ArrayList<>();
        // Open, but nobody signed in: no "next available" time to give.
        ContactCentreHours taking = hours.of(takingCouncil(replies, state));
        Optional<ZonedDateTime> next =
                taking.isOpen(clock.instant()) ? Optional.empty() : taking.nextOpening(clock.instant());
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

    private static boolean looksLikeAPostcodeAttempt(String words) {
        String compact = words.replaceAll("\\s+", "");
        return compact.length() >= 2 && compact.length() <= 8 && compact.matches(".*\\d.*");
    }
}
