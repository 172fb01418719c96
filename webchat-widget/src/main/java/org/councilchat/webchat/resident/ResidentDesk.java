package org.councilchat.webchat.resident;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.councilchat.councils.Councils;
import org.councilchat.engine.Bot;
import org.councilchat.engine.BotReply;
import org.councilchat.engine.BotTurn;
import org.councilchat.engine.EngineProperties;
import org.councilchat.handoff.ChatEvents.MessageEvent;
import org.councilchat.handoff.ChatEvents.StatusEvent;
import org.councilchat.handoff.ChatEvents.TypingEvent;
import org.councilchat.handoff.ChatRejected;
import org.councilchat.handoff.Conversation;
import org.councilchat.handoff.ConversationMoved;
import org.councilchat.handoff.ConversationState;
import org.councilchat.handoff.Conversations;
import org.councilchat.handoff.Handoffs;
import org.councilchat.handoff.MessagePosted;
import org.councilchat.handoff.NewMessage;
import org.councilchat.handoff.Photos;
import org.councilchat.handoff.QueueChanged;
import org.councilchat.handoff.Sender;
import org.councilchat.handoff.TypingChanged;
import org.councilchat.handoff.WaitingChat;
import org.councilchat.webchat.ResidentConnections;
import org.councilchat.webchat.ResidentPrincipal;
import org.councilchat.webchat.TranscriptByEmail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Controller;

/**
 * The resident side of the chat protocol: starting or resuming a conversation, and each message. While
 * the conversation is with the bot the bot answers; once it is queued or with an agent the bot is silent
 * and the message goes to the person.
 */
@Controller
class ResidentDesk {

    private static final Logger log = LoggerFactory.getLogger(ResidentDesk.class);
    static final String EVENTS = "/queue/events";
    private static final Set<String> LANGUAGES = Set.of("en", "cy");

    private final Conversations conversations;
    private final Handoffs handoffs;
    private final Bot bot;
    private final EngineProperties engine;
    private final Councils councils;
    private final SimpMessagingTemplate clients;
    private final ApplicationEventPublisher events;
    private final TranscriptByEmail transcripts;
    private final Photos photos;
    private final MeterRegistry meters;

    ResidentDesk(
            Conversations conversations,
            Handoffs handoffs,
            Bot bot,
            EngineProperties engine,
            Councils councils,
            SimpMessagingTemplate clients,
            ApplicationEventPublisher events,
            Photos photos,
            MeterRegistry meters,
            ObjectProvider<TranscriptByEmail> transcripts) {
        this.transcripts = transcripts.getIfAvailable();
        this.photos = photos;
        this.meters = meters;
        this.conversations = conversations;
        this.handoffs = handoffs;
        this.bot = bot;
        this.engine = engine;
        this.councils = councils;
        this.clients = clients;
        this.events = events;
    }

    /**
     * The welcome, the replay and the status answer this connection only: another tab of the same conversation
     * already has them, and would otherwise show a second welcome and resend its unacknowledged messages.
     */
    @MessageMapping("/resident/hello")
    void hello(
            Hello hello,
            ResidentPrincipal resident,
            @Header(SimpMessageHeaderAccessor.SESSION_ID_HEADER) String connection) {
        String language = hello != null && hello.language() != null && LANGUAGES.contains(hello.language())
                ? hello.language()
                : "en";
        Conversation conversation = conversations.open(
                resident.conversationId(),
                resident.councilId(),
                ResidentConnections.hash(resident.resumeToken()),
                language);
        if (hello != null
                && hello.language() != null
                && !conversation.language().equals(language)) {
            // The widget's language wins: the resident may have switched it on another page of the site.
            conversations.changeLanguage(conversation.id(), language);
            conversation = conversations.find(conversation.id()).orElseThrow();
        }
        long lastSeq = hello == null || hello.lastSeq() == null ? 0 : Math.max(0, hello.lastSeq());
        if (resident.resumed()
                && lastSeq > conversation.lastSeq()
                && conversations.seenUpTo(conversation.id(), lastSeq)) {
            log.warn(
                    "A resident's page had seen message {} of conversation {}, but the database only has up to {}:"
                            + " acknowledged messages were lost (a restored backup?); numbering goes on after {}",
                    lastSeq,
                    conversation.id(),
                    conversation.lastSeq(),
                    lastSeq);
        }
        answer(
                resident,
                connection,
                new Welcome(
                        "welcome",
                        conversation.id(),
                        resident.resumeToken(),
                        resident.resumed(),
                        conversation.language(),
                        welcomeOf(councils.of(resident.councilId())),
                        greetings(conversation),
                        photos.maxBytes(),
                        photos.messageTakingPhotos(conversation.id()).orElse(null),
                        transcripts != null && transcripts.offered(resident.councilId(), conversation.language())));
        long replayAfter = hello == null || hello.upTo() == null ? lastSeq : Math.clamp(hello.upTo(), 0, lastSeq);
        for (var missed : conversations.transcriptAfter(conversation.id(), replayAfter)) {
            answer(resident, connection, MessageEvent.of(missed));
        }
        answer(resident, connection, status(conversation));
    }

    @MessageMapping("/resident/message")
    void message(
            ResidentMessage message,
            ResidentPrincipal resident,
            @Header(SimpMessageHeaderAccessor.SESSION_ID_HEADER) String connection) {
        Conversation conversation =
                conversations.find(resident.conversationId()).orElseThrow(() -> new ChatRejected("no-conversation"));
        if (conversation.state() == ConversationState.CLOSED) {
            throw new ChatRejected("chat-ended");
        }
        Conversations.Posted posted = conversations.post(
                NewMessage.typed(conversation.id(), Sender.RESIDENT, null, message.text(), message.clientMessageId()));
        if (posted.duplicate()) {
            // A resend after a lost acknowledgement: acknowledge again to the sender, answer nothing twice.
            answer(resident, connection, MessageEvent.of(posted.message()));
            return;
        }
        Locale locale = Locale.forLanguageTag(conversation.language());
        if (conversation.state() == ConversationState.BOT) {
            BotTurn turn;
            Timer.Sample answering = Timer.start(meters);
            String outcome;
            try {
                turn = bot.respond(
                        conversation.id(),
                        resident.councilId(), // the site's council: its FAQs, and who provides what
                        posted.message().text(),
                        locale);
                outcome = turn.wantsPerson() ? "handed-over" : "answered";
            } catch (RuntimeException failure) {
                // The resident's message is already stored and acknowledged; answer it with an apology and
                // the way to a person rather than an error that would suggest it was lost.
                log.error("The bot failed to answer in conversation {}", conversation.id(), failure);
                turn = bot.unavailable(locale);
                outcome = "failed";
            }
            answering.stop(Timer.builder("council_chat_bot_answer")
                    .description("How long a resident waited for the bot's answer, by council and outcome")
                    .tag("council", resident.councilId())
                    .tag("outcome", outcome)
                    .publishPercentileHistogram()
                    .register(meters));
            String language = turn.language().getLanguage();
            if (LANGUAGES.contains(language) && !language.equals(conversation.language())) {
                // The resident typed "Cymraeg" or "English": the widget switches with the bot.
                conversations.changeLanguage(conversation.id(), language);
                send(resident, new LanguageChanged("language", conversation.id(), language));
            }
            for (BotReply reply : turn.replies()) {
                conversations.post(
                        NewMessage.fromBot(conversation.id(), botName(councils.of(resident.councilId())), reply));
            }
            if (turn.wantsPerson()) {
                handoffs.requestAgent(
                        conversation.id(),
                        turn.handoff().name(),
                        turn.findings().asFields(),
                        turn.urgent() ? Handoffs.Priority.URGENT : Handoffs.Priority.NORMAL);
            }
        } else if (conversation.state() == ConversationState.WAITING) {
            // Silent while the resident waits for a person, except for a disclosure of risk (emergency contacts at
            // once, and the chat up the queue as urgent) and the way to reach them the bot asked for after one.
            Optional<BotTurn> urgent;
            try {
                urgent = bot.whileWaiting(
                        conversation.id(),
                        resident.councilId(), // the site's council: its FAQs, and who provides what
                        posted.message().text(),
                        locale);
            } catch (RuntimeException failure) {
                log.error("The bot failed to check a waiting resident's message in {}", conversation.id(), failure);
                urgent = Optional.empty();
            }
            urgent.ifPresent(turn -> {
                for (BotReply reply : turn.replies()) {
                    conversations.post(
                            NewMessage.fromBot(conversation.id(), botName(councils.of(resident.councilId())), reply));
                }
                if (turn.urgent()) {
                    handoffs.makeUrgent(
                            conversation.id(),
                            turn.handoff().name(),
                            turn.findings().asFields());
                }
            });
        }
    }

    /** English or Welsh, switched at any point: the bot answers in it from the next message. */
    @MessageMapping("/resident/language")
    void language(LanguageChoice choice, ResidentPrincipal resident) {
        if (choice == null || !LANGUAGES.contains(choice.language())) {
            throw new ChatRejected("bad-language");
        }
        Conversation conversation = existing(resident);
        conversations.changeLanguage(conversation.id(), choice.language());
        send(resident, new LanguageChanged("language", conversation.id(), choice.language()));
    }

    /** The resident ends the chat (or the widget does, after warning them they had gone quiet). */
    @MessageMapping("/resident/end")
    void end(EndChat end, ResidentPrincipal resident) {
        Conversation ended =
                handoffs.endByResident(existing(resident).id(), end != null && Boolean.TRUE.equals(end.timedOut()));
        send(resident, status(ended));
    }

    /** How the resident rated the chat once it ended. */
    @MessageMapping("/resident/rating")
    void rate(Rating rating, ResidentPrincipal resident) {
        if (rating == null || rating.score() == null) {
            throw new ChatRejected("bad-rating");
        }
        Conversation conversation = existing(resident);
        conversations.rate(conversation.id(), rating.score(), rating.comment());
        send(resident, new Rated("rated", conversation.id(), rating.score()));
    }

    /** Tells the agent the resident is typing; ignored unless an agent has the chat. */
    @MessageMapping("/resident/typing")
    void typing(Typing typing, ResidentPrincipal resident) {
        Conversation conversation = existing(resident);
        if (conversation.state() == ConversationState.WITH_AGENT && typing != null) {
            events.publishEvent(new TypingChanged(
                    conversation.id(),
                    Sender.RESIDENT,
                    null,
                    conversation.agentUsername(),
                    Boolean.TRUE.equals(typing.typing())));
        }
    }

    @EventListener
    void tellResidentAgentIsTyping(TypingChanged changed) {
        if (changed.who() == Sender.AGENT) {
            clients.convertAndSendToUser(changed.conversationId(), EVENTS, TypingEvent.of(changed));
        }
    }

    private Conversation existing(ResidentPrincipal resident) {
        return conversations.find(resident.conversationId()).orElseThrow(() -> new ChatRejected("no-conversation"));
    }

    @EventListener
    void deliverToResident(MessagePosted posted) {
        clients.convertAndSendToUser(posted.message().conversationId(), EVENTS, MessageEvent.of(posted.message()));
    }

    @EventListener
    void tellResident(ConversationMoved moved) {
        clients.convertAndSendToUser(moved.conversation().id(), EVENTS, status(moved.conversation()));
    }

    /** Everyone waiting moves up when the queue changes; tell each their new place. */
    @EventListener
    void tellQueuePositions(QueueChanged changed) {
        Integer typicalWait = handoffs.typicalWaitMinutes().orElse(null);
        for (WaitingChat waiting : changed.waiting()) {
            // The list was read when the queue changed; an agent may have taken this chat since, on another
            // thread. A "you are number 1" arriving after "Sam has joined" would confuse the resident.
            boolean stillWaiting = conversations
                    .find(waiting.conversationId())
                    .map(conversation -> conversation.state() == ConversationState.WAITING)
                    .orElse(false);
            if (!stillWaiting) {
                continue;
            }
            clients.convertAndSendToUser(
                    waiting.conversationId(),
                    EVENTS,
                    StatusEvent.waiting(waiting.conversationId(), waiting.position(), typicalWait));
        }
    }

    private StatusEvent status(Conversation conversation) {
        Integer position = null;
        if (conversation.state() == ConversationState.WAITING) {
            position = handoffs.queue().stream()
                    .filter(waiting -> waiting.conversationId().equals(conversation.id()))
                    .map(WaitingChat::position)
                    .findFirst()
                    .orElse(null);
        }
        return StatusEvent.of(
                conversation,
                position,
                position == null ? null : handoffs.typicalWaitMinutes().orElse(null));
    }

    /** To every connection holding the conversation: addressed by its name, never by a connection. */
    private void send(ResidentPrincipal resident, Object event) {
        clients.convertAndSendToUser(resident.getName(), EVENTS, event);
    }

    /** To the one connection that asked, still through the conversation's own user destination. */
    private void answer(ResidentPrincipal resident, String connection, Object event) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        headers.setSessionId(connection);
        headers.setLeaveMutable(true);
        clients.convertAndSendToUser(resident.getName(), EVENTS, event, headers.getMessageHeaders());
    }

    /**
     * @param lastSeq the highest message number the page has shown: numbering goes on after it
     * @param upTo the page has shown every message up to this number (absent: up to {@code lastSeq}); the replay
     *     starts after it, so a page that missed events from another server while RabbitMQ was away fills the gaps
     * @param language the widget's language
     */
    record Hello(Long lastSeq, Long upTo, String language) {}

    record ResidentMessage(String clientMessageId, String text) {}

    record LanguageChoice(String language) {}

    record LanguageChanged(String type, String conversationId, String language) {}

    /** {@code timedOut} is set by the widget when it ends a chat the resident left idle after a warning. */
    record EndChat(Boolean timedOut) {}

    record Rating(Integer score, String comment) {}

    record Rated(String type, String conversationId, int score) {}

    record Typing(Boolean typing) {}

    /**
     * @param photosWithMessage the reference of a message left in this chat that the resident may still add photos
     *     to, or null
     */
    record Welcome(
            String type,
            String conversationId,
            String resumeToken,
            boolean resumed,
            String language,
            Council council,
            Map<String, BotReply> greetings,
            long photoMaxBytes,
            String photosWithMessage,
            boolean transcriptByEmail) {}

    /** What the widget shows of the council: the one whose page this is, with the languages it chats in. */
    record Council(String id, String name, String privacyUrl, String botName, List<String> languages) {}

    private Council welcomeOf(org.councilchat.councils.Council council) {
        return new Council(council.id(), council.name(), council.privacyUrl(), botName(council), council.languages());
    }

    /**
     * The bot's greeting in each of the council's languages, for a chat with nothing in it yet: the widget
     * shows it without storing it (an unused chat keeps no transcript) and shows the other one when the
     * resident switches language before typing. A chat already under way has none: it has its transcript.
     */
    private Map<String, BotReply> greetings(Conversation conversation) {
        if (conversation.lastSeq() > 0) {
            return Map.of();
        }
        Map<String, BotReply> greetings = new LinkedHashMap<>();
        for (String language : councils.of(conversation.councilId()).languages()) {
            bot.greeting(conversation.councilId(), Locale.forLanguageTag(language))
                    .ifPresent(greeting -> greetings.put(language, greeting));
        }
        return greetings;
    }

    /** What the bot is called on this council's site: its own name for it, else the deployment's. */
    private String botName(org.councilchat.councils.Council council) {
        return council.botName().isBlank() ? engine.botName() : council.botName();
    }
}
