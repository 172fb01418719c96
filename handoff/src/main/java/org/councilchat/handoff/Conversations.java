package org.councilchat.handoff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.councilchat.engine.LanguageGuess;
import org.councilchat.engine.WrittenLanguage;
import org.councilchat.handoff.transcript.ConversationRepository;
import org.councilchat.knowledge.TypedText;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Conversations and their transcripts. Every message is committed to the database before anyone is told
 * about it ({@link MessagePosted} is published after the commit), so an acknowledged message is never lost.
 */
@Service
public class Conversations {

    /** The longest comment a resident may leave with a rating, in characters. */
    public static final int MAX_COMMENT = 1000;

    private static final long MAX_SEEN_SEQ = Integer.MAX_VALUE;
    private static final Pattern CLIENT_MESSAGE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final ConversationRepository repository;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final HandoffProperties properties;
    private final Clock clock;

    public Conversations(
            ConversationRepository repository,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            HandoffProperties properties,
            Clock clock) {
        this.repository = repository;
        this.events = events;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Starts the council's conversation with this id unless it already exists; returns it as it stands. A
     * conversation never changes council.
     */
    public Conversation open(String id, String councilId, String resumeTokenHash, String language) {
        return transactions.execute(status -> {
            if (repository.find(id).isEmpty()) {
                repository.create(id, councilId, resumeTokenHash, language, clock.instant());
            }
            return repository.find(id).orElseThrow();
        });
    }

    /** The language the resident chose; the bot answers in it from the next message on. */
    public void changeLanguage(String id, String language) {
        repository.changeLanguage(id, language, clock.instant());
    }

    /**
     * Records the resident's rating (1 to 5, with an optional comment) of a chat that has ended.
     *
     * @throws ChatRejected with code bad-rating, comment-too-long or chat-not-ended
     */
    public void rate(String id, int score, String comment) {
        if (score < 1 || score > 5) {
            throw new ChatRejected("bad-rating");
        }
        Conversation conversation = repository.find(id).orElseThrow(() -> new ChatRejected("no-conversation"));
        String cleaned = TypedText.cleaned(comment, Locale.forLanguageTag(conversation.language()));
        String kept = cleaned.isEmpty() ? null : cleaned;
        if (kept != null && kept.length() > MAX_COMMENT) {
            throw new ChatRejected("comment-too-long");
        }
        if (conversation.state() != ConversationState.CLOSED) {
            throw new ChatRejected("chat-not-ended");
        }
        repository.rate(id, score, kept, clock.instant());
    }

    /**
     * Tells the conversation the highest sequence number a resident's page has shown, so that no later message
     * is given a number the page already holds (it would hide that message as a replay). True when the database
     * had fewer: messages were acknowledged and then lost.
     *
     * <p>The durable counter alone ({@code conversation.last_seq}) suffices while commits are durable: it is
     * raised in the same transaction that stores the message, and the echo goes out only after the commit, so
     * the stored counter is at least every number anyone was shown. It cannot suffice when committed work is
     * lost (a restored backup, a power cut on a database that does not flush each commit): a second counter,
     * a sequence or a table, lives in the same database and goes back with it. Only the page remembers what
     * the database forgot, so its {@code lastSeq} moves the counter past it.
     */
    public boolean seenUpTo(String conversationId, long seq) {
        // A resident can only move their own conversation's numbers; the cap keeps them countable in JavaScript.
        return seq > 0 && seq <= MAX_SEEN_SEQ && repository.raiseLastSeq(conversationId, seq);
    }

    /**
     * The conversation a resume token carries on: one still open, or one that ended less than {@code resumeAfterEnd}
     * ago (a reload shows how it ended and the resident can still rate it). Older ended chats are not replayed to
     * whoever holds the token, on a shared computer say: the token then starts a new chat, like an unknown one. So
     * does a token of another council's chat: a page of one council never shows another's conversation.
     */
    public Optional<String> idForResumeTokenHash(String resumeTokenHash, String councilId, Duration resumeAfterEnd) {
        return repository.idForTokenHash(
                resumeTokenHash, councilId, clock.instant().minus(resumeAfterEnd));
    }

    public Optional<Conversation> find(String id) {
        return repository.find(id);
    }

    public List<ChatMessage> transcriptAfter(String conversationId, long seq) {
        return repository.messagesAfter(conversationId, seq);
    }

    /**
     * Checks and stores a message. A resend with a {@code clientMessageId} already stored returns the stored
     * message with {@code duplicate} set and publishes nothing.
     *
     * @throws ChatRejected with code message-empty, message-too-long, bad-client-message-id or no-conversation
     */
    public Posted post(NewMessage message) {
        // Card numbers never reach the database, an agent or the bot: the resident sees in the echo of their own
        // message that it was taken out.
        String text = TypedText.cleaned(message.text(), () -> language(message.conversationId()));
        if (text.isEmpty()) {
            throw new ChatRejected("message-empty");
        }
        if ((message.sender() == Sender.RESIDENT || message.sender() == Sender.AGENT)
                && text.codePointCount(0, text.length()) > properties.maxMessageLength()) {
            throw new ChatRejected("message-too-long");
        }
        String clientId = message.clientMessageId();
        if (clientId != null && !CLIENT_MESSAGE_ID.matcher(clientId).matches()) {
            throw new ChatRejected("bad-client-message-id");
        }
        Posted posted;
        try {
            posted = transactions.execute(status -> store(message, text));
        } catch (DuplicateKeyException raced) {
            // The same resend arrived twice at once; the other one stored it.
            posted = new Posted(
                    repository
                            .findByClientId(message.conversationId(), message.sender(), clientId)
                            .orElseThrow(),
                    true);
        }
        if (!posted.duplicate()) {
            Conversation conversation =
                    repository.find(message.conversationId()).orElseThrow();
            events.publishEvent(
                    new MessagePosted(posted.message(), conversation.state(), conversation.agentUsername()));
        }
        return posted;
    }

    private Posted store(NewMessage message, String text) {
        if (message.clientMessageId() != null) {
            Optional<ChatMessage> earlier =
                    repository.findByClientId(message.conversationId(), message.sender(), message.clientMessageId());
            if (earlier.isPresent()) {
                return new Posted(earlier.get(), true);
            }
        }
        var now = clock.instant();
        long seq = repository
                .nextSeq(message.conversationId(), now)
                .orElseThrow(() -> new ChatRejected("no-conversation"));
        ChatMessage stored = new ChatMessage(
                message.conversationId(),
                seq,
                message.sender(),
                message.senderName(),
                text,
                message.lines(),
                message.links(),
                message.buttons(),
                message.clientMessageId(),
                now,
                message.answer(),
                message.photo(),
                message.sender() == Sender.RESIDENT && message.photo() == null ? writtenIn(text) : null);
        repository.insert(stored);
        return new Posted(stored, false);
    }

    /**
     * The language a resident wrote in, for the agent (a Welsh message in an English chat is marked) and for screen
     * readers; null when the words are too few to tell.
     */
    private static String writtenIn(String text) {
        LanguageGuess guess = WrittenLanguage.shipped().guess(text);
        return guess.isSure() ? guess.language() : null;
    }

    /** Looked up only when a message has a card number to replace, so ordinary messages cost nothing more. */
    private Locale language(String conversationId) {
        return Locale.forLanguageTag(
                repository.find(conversationId).map(Conversation::language).orElse("en"));
    }

    /**
     * Deletes conversations untouched since {@code cutoff}, with their messages, notes and ratings: transcripts
     * kept no longer than the retention policy says.
     *
     * @return how many conversations went
     */
    public int forgetIdleSince(Instant cutoff) {
        return repository.deleteIdleBefore(cutoff);
    }

    /**
     * As {@link #forgetIdleSince(Instant)}, for the conversations this council serves, on its own schedule.
     *
     * @return the ids of the conversations that went
     */
    public List<String> forgetIdleSince(String councilId, Instant cutoff) {
        return repository.deleteIdleBefore(councilId, cutoff);
    }

    /**
     * As {@link #forgetIdleSince(Instant)}, for the conversations of every council but these (which keep to
     * schedules of their own), including councils no longer configured.
     */
    public List<String> forgetIdleSinceExcept(Collection<String> councilIds, Instant cutoff) {
        return repository.deleteIdleBeforeExcept(councilIds, cutoff);
    }

    /** The stored message, and whether it had been stored before (a resend). */
    public record Posted(ChatMessage message, boolean duplicate) {}
}
