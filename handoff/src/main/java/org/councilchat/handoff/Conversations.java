package org.councilchat.handoff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.councilchat.handoff.transcript.CardNumbers;
import org.councilchat.handoff.transcript.ConversationRepository;
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

    /** Starts the conversation with this id unless it already exists; returns it as it stands. */
    public Conversation open(String id, String resumeTokenHash, String language) {
        return transactions.execute(status -> {
            if (repository.find(id).isEmpty()) {
                repository.create(id, resumeTokenHash, language, clock.instant());
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
        String kept = comment == null || comment.isBlank() ? null : comment.strip();
        if (kept != null && kept.length() > MAX_COMMENT) {
            throw new ChatRejected("comment-too-long");
        }
        Conversation conversation = repository.find(id).orElseThrow(() -> new ChatRejected("no-conversation"));
        if (conversation.state() != ConversationState.CLOSED) {
            throw new ChatRejected("chat-not-ended");
        }
        repository.rate(id, score, kept, clock.instant());
    }

    /**
     * The conversation a resume token carries on: one still open, or one that ended less than {@code resumeAfterEnd}
     * ago (a reload shows how it ended and the resident can still rate it). Older ended chats are not replayed to
     * whoever holds the token, on a shared computer say: the token then starts a new chat, like an unknown one.
     */
    public Optional<String> idForResumeTokenHash(String resumeTokenHash, Duration resumeAfterEnd) {
        return repository.idForTokenHash(resumeTokenHash, clock.instant().minus(resumeAfterEnd));
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
        String text = message.text() == null ? "" : message.text().strip();
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
        String stored = withoutCardNumbers(message.conversationId(), text);
        Posted posted;
        try {
            posted = transactions.execute(status -> store(message, stored));
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
                now);
        repository.insert(stored);
        return new Posted(stored, false);
    }

    /**
     * Card numbers never reach the database, an agent or the bot: the resident sees in the echo of their own
     * message that it was taken out. Looked up only when there is one, so ordinary messages cost nothing more.
     */
    private String withoutCardNumbers(String conversationId, String text) {
        if (!CardNumbers.contains(text)) {
            return text;
        }
        boolean welsh = repository
                .find(conversationId)
                .map(conversation -> conversation.language().startsWith("cy"))
                .orElse(false);
        return CardNumbers.replace(text, welsh ? "[rhif cerdyn wedi’i dynnu]" : "[card number removed]");
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

    /** The stored message, and whether it had been stored before (a resend). */
    public record Posted(ChatMessage message, boolean duplicate) {}
}
