package org.councilchat.handoff;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.councilchat.councils.Council;
import org.councilchat.councils.Councils;
import org.councilchat.engine.CaseIntake;
import org.councilchat.handoff.cases.CaseRepository;
import org.councilchat.handoff.transcript.ConversationRepository;
import org.councilchat.knowledge.References;
import org.councilchat.knowledge.TypedText;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Messages residents leave when no adviser can take their chat: each becomes a case holding their contact
 * details, their words and a copy of the transcript so far, with a reference to quote.
 */
@Service
public class Cases implements CaseIntake {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

    /** The transcript column's size, less room for the note that the start was cut. */
    private static final int LONGEST_TRANSCRIPT = 199_000;

    private final CaseRepository cases;
    private final ConversationRepository conversations;
    private final Councils councils;
    private final TransactionTemplate savepoint;
    private final Supplier<String> references;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    @Autowired
    public Cases(
            CaseRepository cases,
            ConversationRepository conversations,
            Councils councils,
            PlatformTransactionManager transactions,
            ApplicationEventPublisher events,
            Clock clock) {
        this(cases, conversations, councils, transactions, events, clock, () -> References.next("MSG-"));
    }

    /** With a chosen reference generator, so a test can force the clash that real randomness makes rare. */
    Cases(
            CaseRepository cases,
            ConversationRepository conversations,
            Councils councils,
            PlatformTransactionManager transactions,
            ApplicationEventPublisher events,
            Clock clock,
            Supplier<String> references) {
        this.cases = cases;
        this.councils = councils;
        this.events = events;
        this.conversations = conversations;
        // Each attempt runs in a savepoint: after a unique-key clash PostgreSQL refuses every further statement in
        // the transaction (the bot's, which also stores its reply), so only a rollback to the savepoint lets a
        // retry run.
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.references = references;
        this.clock = clock;
    }

    @Override
    public String open(NewCase newCase) {
        String transcript = transcript(newCase.conversationId());
        // The council the bot says it is for (the county's, for a county service it was asked about, even before
        // the chat went to the county's queue); else the conversation's; a channel that keeps no conversation of
        // ours and names none serves the first council.
        String councilId = councils.find(newCase.councilId())
                .map(Council::id)
                .or(() -> conversations.find(newCase.conversationId()).map(Conversation::councilId))
                .orElseGet(() -> councils.byDefault().id());
        // A message left by any channel (the widget, Rasa's REST channel) arrives here: what it holds is kept
        // only once cleaned, card numbers out, as the transcript already is.
        Locale language = Locale.forLanguageTag(newCase.language() == null ? "en" : newCase.language());
        String name = newCase.name() == null ? null : TypedText.cleaned(newCase.name(), language);
        String contact = newCase.contact() == null ? null : TypedText.cleaned(newCase.contact(), language);
        String message = TypedText.cleaned(newCase.message(), language);
        Instant now = clock.instant();
        for (int attempt = 0; ; attempt++) {
            ResidentCase opened = new ResidentCase(
                    references.get(),
                    newCase.conversationId(),
                    councilId,
                    name,
                    contact,
                    message,
                    newCase.language(),
                    newCase.urgent(),
                    ResidentCase.Status.OPEN,
                    transcript,
                    now);
            try {
                savepoint.executeWithoutResult(status -> cases.insert(opened));
                events.publishEvent(new CaseOpened(opened));
                return opened.reference();
            } catch (DuplicateKeyException clash) {
                if (attempt >= 5) {
                    throw clash;
                }
            }
        }
    }

    @Override
    public void addContact(String reference, String contact) {
        Locale language = cases.find(reference)
                .map(found -> Locale.forLanguageTag(found.language() == null ? "en" : found.language()))
                .orElse(Locale.UK);
        cases.addContact(reference, TypedText.cleaned(contact, language));
    }

    /**
     * Deletes the messages residents left that staff closed before {@code cutoff}, with their contact details
     * and transcript copies; open ones stay until someone deals with them.
     *
     * @return how many went
     */
    public int forgetClosedBefore(Instant cutoff) {
        return cases.deleteClosedBefore(cutoff);
    }

    /** As {@link #forgetClosedBefore(Instant)}, for this council's messages, on its own schedule. */
    public int forgetClosedBefore(String councilId, Instant cutoff) {
        return cases.deleteClosedBefore(councilId, cutoff);
    }

    /** As {@link #forgetClosedBefore(Instant)}, for every council's but these (and councils no longer configured). */
    public int forgetClosedBeforeExcept(Collection<String> councilIds, Instant cutoff) {
        return cases.deleteClosedBeforeExcept(councilIds, cutoff);
    }

    /** The cases of these councils no one has dealt with yet, urgent first, then oldest first. */
    public List<ResidentCase> inbox(Collection<String> councilIds) {
        return cases.open(councilIds);
    }

    public Optional<ResidentCase> find(String reference) {
        return cases.find(reference);
    }

    /** The newest message left in this chat since {@code since} that nobody has closed yet. */
    public Optional<ResidentCase> openLeftIn(String conversationId, Instant since) {
        return cases.openLeftIn(conversationId, since);
    }

    /**
     * Marks a case dealt with, saying how (a call back, an email, passed to a service).
     *
     * @throws ChatRejected {@code outcome-needed} without a word on what was done, {@code case-closed} when a
     *     colleague closed it first
     */
    public void close(String reference, String staffName, String outcome) {
        if (TypedText.isBlank(outcome)) {
            throw new ChatRejected("outcome-needed");
        }
        String done = TypedText.cleaned(outcome, Locale.ENGLISH);
        if (!cases.close(reference, staffName, done, clock.instant())) {
            throw new ChatRejected("case-closed");
        }
        cases.find(reference).ifPresent(closed -> events.publishEvent(new CaseClosed(closed, staffName, done)));
    }

    /** The conversation so far as plain text, one message a line, for reading in an inbox or an email. */
    private String transcript(String conversationId) {
        StringBuilder text = new StringBuilder();
        for (ChatMessage message : conversations.messagesAfter(conversationId, 0)) {
            text.append(TIME.format(message.sentAt()))
                    .append(' ')
                    .append(message.sender().name())
                    .append(": ")
                    .append(message.text());
            message.lines().forEach(line -> text.append("\n    ").append(line));
            text.append('\n');
        }
        if (text.length() > LONGEST_TRANSCRIPT) {
            // The latest messages matter most to whoever follows the case up.
            return "[earlier messages are in the conversation " + conversationId + "]\n"
                    + text.substring(text.length() - LONGEST_TRANSCRIPT);
        }
        return text.toString();
    }
}
