package org.councilchat.engine;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.councilchat.engine.dialogue.Dialogue;
import org.councilchat.engine.dialogue.DialogueState;
import org.councilchat.engine.dialogue.DialogueStateStore;
import org.councilchat.engine.rasa.RasaConversation;
import org.councilchat.knowledge.TypedText;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The self-service bot: takes a resident's message in a conversation and returns its replies. What it has
 * learned is stored per conversation, so it carries on where it left off after a restart.
 */
@Service
public class Bot {

    private final Dialogue dialogue;
    private final DialogueStateStore states;
    private final RasaConversation rasa;

    /** The built-in bot, running the council's conversation rules. */
    public Bot(Dialogue dialogue, DialogueStateStore states) {
        this(dialogue, states, (RasaConversation) null);
    }

    /** With a Rasa server running the conversation when {@code council-chat.rasa.dialogue} is rasa. */
    @Autowired
    public Bot(Dialogue dialogue, DialogueStateStore states, ObjectProvider<RasaConversation> rasa) {
        this(dialogue, states, rasa.getIfAvailable());
    }

    private Bot(Dialogue dialogue, DialogueStateStore states, RasaConversation rasa) {
        this.dialogue = dialogue;
        this.states = states;
        this.rasa = rasa;
    }

    /**
     * Forgets what the bot learned (postcode, address, contact details, the last answer) in conversations not
     * touched since {@code cutoff}: personal data kept no longer than the retention policy says.
     *
     * @return how many conversations' findings went
     */
    public int forgetConversationsIdleSince(Instant cutoff) {
        return states.forgetBefore(cutoff);
    }

    /**
     * Forgets what the bot learned in these conversations (their transcripts went on their council's schedule).
     *
     * @return how many conversations' findings went
     */
    public int forgetConversations(List<String> conversationIds) {
        return states.forget(conversationIds);
    }

    /**
     * What to say when the bot itself failed on a message: an apology and the way to a person, so a fault
     * never leaves a resident without an answer.
     */
    public BotTurn unavailable(Locale locale) {
        return dialogue.apology(locale);
    }

    /**
     * What the bot says first, shown to a resident who opens a chat with no messages yet; empty when Rasa
     * holds the dialogue, since the greeting's buttons send words only this bot's rules are sure to know.
     */
    public Optional<BotReply> greeting(String councilId, Locale locale) {
        return rasa != null ? Optional.empty() : Optional.of(dialogue.greeting(councilId, locale));
    }

    /**
     * The bot's answer to a resident's message, from whichever channel. The words are {@link TypedText#cleaned
     * cleaned} first, so that no card number reaches the dialogue, Rasa, a case or the content gaps even from a
     * channel that stores no transcript (Rasa's REST channel). {@code councilId} is the council whose resident
     * it is: the answers come from its FAQs.
     */
    @Transactional
    public BotTurn respond(String conversationId, String councilId, String typed, Locale locale) {
        String residentWords = TypedText.cleaned(typed, locale);
        DialogueState before = states.load(conversationId);
        if (rasa != null) {
            // A disclosure of risk is answered here, at once, whatever Rasa would have said.
            Optional<Dialogue.Step> disclosure =
                    dialogue.disclosure(conversationId, councilId, before, residentWords, locale);
            if (disclosure.isPresent()) {
                states.save(conversationId, disclosure.get().state());
                return disclosure.get().turn();
            }
            Optional<BotTurn> fromRasa = rasa.respond(conversationId, residentWords, locale);
            if (fromRasa.isPresent()) {
                return fromRasa.get();
            }
        }
        Dialogue.Step step = dialogue.respond(conversationId, councilId, before, residentWords, locale);
        states.save(conversationId, step.state());
        return step.turn();
    }

    /**
     * A message from a resident already waiting for an adviser, whom the bot does not answer, except to show
     * emergency contacts at once when it discloses a risk (such a turn is {@link BotTurn#urgent() urgent}: the
     * caller moves the chat up the queue), and to take the way to reach them it asked for after a disclosure out
     * of hours (a turn that is not urgent, perhaps with no replies).
     */
    @Transactional
    public Optional<BotTurn> whileWaiting(String conversationId, String councilId, String typed, Locale locale) {
        String residentWords = TypedText.cleaned(typed, locale);
        return dialogue.whileWaiting(conversationId, councilId, states.load(conversationId), residentWords, locale)
                .map(step -> {
                    states.save(conversationId, step.state());
                    return step.turn();
                });
    }
}
