package org.councilchat.handoff;

import java.io.IOException;
import java.security.Principal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.councilchat.handoff.photos.PhotoPreparation;
import org.councilchat.handoff.photos.PhotoRepository;
import org.councilchat.handoff.photos.VirusScanner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * Photos residents send to the adviser (fly-tipping, a pothole, damp): checked, cleaned and kept with the chat or
 * with the message they left. A photo is only taken once a person will see it: the chat is waiting for or with an
 * adviser, or the resident left a message in it a short while ago that nobody has dealt with yet (out of hours, a
 * photo of the fly-tipping is most of the report). The file is scanned for viruses where the council runs clamd,
 * then re-encoded so that its location and every other tag are gone before anything is stored; it goes into the
 * transcript as a message of the resident's. A photo for an adviser is deleted with its conversation; one added to
 * a message is kept with the case (which may outlive the transcript) and deleted with it.
 */
@Service
public class Photos {

    private static final Logger log = LoggerFactory.getLogger(Photos.class);

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final Duration RATE_WINDOW = Duration.ofMinutes(10);

    /**
     * Decoding a phone's photo takes tens of megabytes for a moment; a few at a time keeps a burst of uploads from
     * filling the memory, and the rest wait their turn briefly.
     */
    private final Semaphore decoding = new Semaphore(2);

    private final Conversations conversations;
    private final Cases cases;
    private final PhotoPreparation preparation;
    private final VirusScanner scanner;
    private final PhotoRepository repository;
    private final PhotoProperties properties;
    private final AgentDirectory agents;
    private final MessageSource messages;
    private final Clock clock;

    Photos(
            Conversations conversations,
            Cases cases,
            PhotoPreparation preparation,
            VirusScanner scanner,
            PhotoRepository repository,
            PhotoProperties properties,
            AgentDirectory agents,
            MessageSource messages,
            Clock clock) {
        this.conversations = conversations;
        this.cases = cases;
        this.preparation = preparation;
        this.scanner = scanner;
        this.repository = repository;
        this.properties = properties;
        this.agents = agents;
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * Takes a resident's photo into their chat. A resend with the same {@code clientMessageId} returns the message
     * stored the first time, keeping nothing twice.
     *
     * @throws ChatRejected no-conversation; photo-needs-a-person (the bot has the chat, or it ended, and no message
     *     left in it is still open to photos); photo-too-big;
     *     photo-too-many (more than {@code per-ten-minutes}); photo-not-an-image, photo-unreadable,
     *     photo-too-many-pixels, photo-heic-unsupported; photo-infected; photo-not-checked (the scanner did not
     *     answer); photo-busy (too many photos being prepared at once)
     */
    public Conversations.Posted attach(String conversationId, byte[] upload, String clientMessageId) {
        Conversation conversation =
                conversations.find(conversationId).orElseThrow(() -> new ChatRejected("no-conversation"));
        Optional<ResidentCase> message = withAPerson(conversation) ? Optional.empty() : messageLeftIn(conversationId);
        if (!withAPerson(conversation) && message.isEmpty()) {
            throw new ChatRejected("photo-needs-a-person");
        }
        if (upload.length > properties.maxSize().toBytes()) {
            throw new ChatRejected("photo-too-big");
        }
        if (upload.length == 0) {
            throw new ChatRejected("photo-not-an-image");
        }
        if (repository.sentSince(conversationId, clock.instant().minus(RATE_WINDOW)) >= properties.perTenMinutes()) {
            throw new ChatRejected("photo-too-many");
        }
        scan(upload);
        PhotoPreparation.Prepared prepared = prepared(upload);

        String id = newId();
        Locale language = Locale.forLanguageTag(conversation.language());
        String words;
        if (message.isPresent()) {
            String reference = message.get().reference();
            repository.insertForCase(
                    id, reference, prepared.jpeg(), prepared.width(), prepared.height(), clock.instant());
            words = messages.getMessage(
                    "photos.sentWithMessage",
                    new Object[] {reference},
                    "Sent a photo with my message " + reference,
                    language);
        } else {
            repository.insert(
                    id, conversationId, prepared.jpeg(), prepared.width(), prepared.height(), clock.instant());
            words = messages.getMessage("photos.sent", null, "Sent a photo", language);
        }
        try {
            Conversations.Posted posted = conversations.post(NewMessage.photo(
                    conversationId, words, clientMessageId, new Photo(id, prepared.width(), prepared.height())));
            if (posted.duplicate()) {
                // The first upload of this one was stored; this copy is not needed.
                repository.delete(id);
            }
            return posted;
        } catch (RuntimeException notPosted) {
            // A photo is never kept without the message that shows it.
            repository.delete(id);
            throw notPosted;
        }
    }

    /** The largest file a resident may send, as the widget checks it before sending. */
    public long maxBytes() {
        return properties.maxSize().toBytes();
    }

    /**
     * The reference of the message left in this chat that a photo sent now would go with: the newest still open,
     * left no longer ago than {@code council-chat.photos.with-message-for}.
     */
    public Optional<String> messageTakingPhotos(String conversationId) {
        return messageLeftIn(conversationId).map(ResidentCase::reference);
    }

    /** The photos a resident added to the message they left, for the case's page. */
    public List<PhotoRepository.CasePhoto> ofCase(String reference) {
        return repository.ofCase(reference);
    }

    private Optional<ResidentCase> messageLeftIn(String conversationId) {
        return cases.openLeftIn(conversationId, clock.instant().minus(properties.withMessageFor()));
    }

    private static boolean withAPerson(Conversation conversation) {
        return conversation.state() == ConversationState.WAITING
                || conversation.state() == ConversationState.WITH_AGENT;
    }

    /** The JPEG of a photo, to anyone holding its id (the resident's page, which got the id in its message). */
    public Optional<byte[]> jpeg(String photoId) {
        return repository.find(photoId).map(PhotoRepository.StoredPhoto::jpeg);
    }

    /** The JPEG of a photo, if the agent serves the council of the chat it was sent in. */
    public Optional<byte[]> jpegFor(String photoId, Principal agent) {
        return repository
                .find(photoId)
                .filter(photo -> agents.councilsOf(agent).contains(photo.councilId()))
                .map(PhotoRepository.StoredPhoto::jpeg);
    }

    private void scan(byte[] upload) {
        if (!scanner.configured()) {
            return;
        }
        boolean clean;
        try {
            clean = scanner.clean(upload);
        } catch (IOException unchecked) {
            log.warn("The virus scanner did not check a resident's photo, so it was refused", unchecked);
            throw new ChatRejected("photo-not-checked");
        }
        if (!clean) {
            log.warn("The virus scanner found something in a resident's photo; it was refused and not kept");
            throw new ChatRejected("photo-infected");
        }
    }

    private PhotoPreparation.Prepared prepared(byte[] upload) {
        try {
            if (!decoding.tryAcquire(20, TimeUnit.SECONDS)) {
                throw new ChatRejected("photo-busy");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatRejected("photo-busy");
        }
        try {
            return preparation.prepare(upload);
        } finally {
            decoding.release();
        }
    }

    /** 256 random bits: the id is what lets the resident's page show the photo, so it cannot be guessed. */
    private static String newId() {
        byte[] id = new byte[32];
        RANDOM.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }
}
