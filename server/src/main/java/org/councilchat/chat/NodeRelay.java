package org.councilchat.chat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.ConsumeOkEvent;
import org.springframework.amqp.rabbit.listener.ListenerContainerConsumerFailedEvent;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

/**
 * How the servers of a cluster pass each other live events: every event a server sends to its own connections
 * ({@link LivePush}) is also published, once, to a RabbitMQ fanout exchange; every other server receives it on a
 * queue of its own and hands it to its own in-memory broker, which delivers it to whichever of its connections it
 * concerns (a resident's conversation, an agent, everyone watching the queue).
 *
 * <p>Why not Spring's STOMP broker relay: it opens one RabbitMQ connection for every resident's and agent's
 * WebSocket, and while RabbitMQ is down or restarting it closes every chat connection and refuses new ones, so no
 * resident could chat at all. Here RabbitMQ only carries what crosses between servers, over two connections per
 * server (README, "Several servers", has the figures), and a resident whose server is up keeps chatting through an
 * outage: messages are stored and answered, and anything from the same server is live.
 *
 * <p>What an outage costs is events from other servers, and nothing is lost with them: every message and change is
 * in the database before its event is sent. Each time this server's queue starts consuming again (after RabbitMQ
 * restarts, or the network between them heals), it tells its own connections to catch up ({@code resync}: the
 * widget asks for what it missed from its last message number, the console reloads its queue and chats) and asks
 * every other server to do the same for theirs, since they missed what this one sent meanwhile.
 */
final class NodeRelay implements MessageListener, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(NodeRelay.class);

    /** Events waiting for RabbitMQ beyond this many are dropped (and made good by a catch-up). */
    static final int MOST_WAITING = 10_000;

    /** AMQP headers of a relayed event. */
    static final String ORIGIN = "council-chat-origin";

    static final String DESTINATION = "council-chat-destination";

    static final String KIND = "council-chat-kind";

    static final String EVENT = "event";

    static final String RESYNC = "resync";

    /** What a page is sent to make it catch up from the database; each page already does this on reconnecting. */
    private static final Map<String, String> CATCH_UP = Map.of("type", RESYNC);

    /** Where residents' and agents' pages listen (ResidentDesk and AgentDesk send to the same). */
    private static final String RESIDENT_EVENTS = "/queue/events";

    private static final String AGENT_EVENTS = "/queue/agent";

    /** Tells this process's own messages apart when the fanout brings them back. */
    private final String origin = UUID.randomUUID().toString();

    private final RabbitTemplate rabbit;
    private final String exchange;
    private final SimpMessagingTemplate local;
    private final SimpUserRegistry connected;

    /**
     * One thread, so events leave in the order they were sent; and never the chat's own threads, so a resident's
     * message is not held up by RabbitMQ being slow or away.
     */
    private final ThreadPoolExecutor outgoing;

    private volatile boolean linked;
    private volatile boolean everLinked;
    private volatile Instant since = Instant.now();

    /** Set when an event could not be published: the other servers must be told to catch up. */
    private volatile boolean owesCatchUp;

    NodeRelay(RabbitTemplate rabbit, String exchange, SimpMessagingTemplate local, SimpUserRegistry connected) {
        this.rabbit = rabbit;
        this.exchange = exchange;
        this.local = local;
        this.connected = connected;
        this.outgoing = new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(MOST_WAITING),
                runnable -> {
                    Thread thread = new Thread(runnable, "node-relay-out");
                    thread.setDaemon(true);
                    return thread;
                },
                (dropped, executor) -> owesCatchUp = true);
    }

    /** Whether this server is receiving the other servers' events, and since when that has been so. */
    boolean linked() {
        return linked;
    }

    Instant since() {
        return since;
    }

    /**
     * Passes an event this server has just delivered to its own connections on to the other servers. An event
     * for one connection (an answer to that connection's own request) is not passed on: the connection is here.
     */
    void publish(String destination, Message<?> event) {
        if (SimpMessageHeaderAccessor.getSessionId(event.getHeaders()) != null) {
            return;
        }
        byte[] body = switch (event.getPayload()) {
            case byte[] bytes -> bytes;
            case String text -> text.getBytes(StandardCharsets.UTF_8);
            default -> null;
        };
        if (body == null) {
            log.warn("A live event for {} was not passed to the other servers: it was not serialised", destination);
            return;
        }
        Object contentType = event.getHeaders().get(MessageHeaders.CONTENT_TYPE);
        if (!linked) {
            // Not even receiving: RabbitMQ is away. The catch-up on relinking covers this event.
            owesCatchUp = true;
            return;
        }
        String type = contentType == null ? MessageProperties.CONTENT_TYPE_JSON : contentType.toString();
        outgoing.execute(() -> send(destination, type, body));
    }

    private void send(String destination, String contentType, byte[] body) {
        try {
            if (owesCatchUp) {
                sendCatchUp();
            }
            MessageProperties properties = new MessageProperties();
            properties.setHeader(ORIGIN, origin);
            properties.setHeader(KIND, EVENT);
            properties.setHeader(DESTINATION, destination);
            properties.setContentType(contentType);
            rabbit.send(exchange, "", new org.springframework.amqp.core.Message(body, properties));
        } catch (AmqpException away) {
            owesCatchUp = true;
            log.debug("A live event was not passed to the other servers (RabbitMQ unreachable); they will catch up");
        }
    }

    /** Asks every other server to have its pages catch up from the database. */
    private void sendCatchUp() {
        owesCatchUp = false;
        try {
            rabbit.send(exchange, "", control());
        } catch (AmqpException away) {
            owesCatchUp = true;
            throw away;
        }
    }

    private org.springframework.amqp.core.Message control() {
        MessageProperties properties = new MessageProperties();
        properties.setHeader(ORIGIN, origin);
        properties.setHeader(KIND, RESYNC);
        return new org.springframework.amqp.core.Message(new byte[0], properties);
    }

    /** An event from another server: delivered to this server's connections as if sent here. */
    @Override
    public void onMessage(org.springframework.amqp.core.Message relayed) {
        MessageProperties properties = relayed.getMessageProperties();
        if (origin.equals(properties.getHeader(ORIGIN))) {
            return;
        }
        if (RESYNC.equals(properties.getHeader(KIND))) {
            catchUpHere();
            return;
        }
        Object destination = properties.getHeader(DESTINATION);
        if (!(destination instanceof String to) || !(to.startsWith("/user/") || to.startsWith("/topic/"))) {
            log.warn("A relayed live event without a chat destination was ignored");
            return;
        }
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        if (properties.getContentType() != null) {
            headers.setContentType(MimeTypeUtils.parseMimeType(properties.getContentType()));
        }
        headers.setLeaveMutable(true);
        local.send(to, MessageBuilder.createMessage(relayed.getBody(), headers.getMessageHeaders()));
    }

    /** Tells every page connected to this server to catch up from the database. */
    private void catchUpHere() {
        int pages = 0;
        for (SimpUser user : connected.getUsers()) {
            // A name is a conversation or an agent, never both; the other destination has no subscriber.
            local.convertAndSendToUser(user.getName(), RESIDENT_EVENTS, CATCH_UP);
            local.convertAndSendToUser(user.getName(), AGENT_EVENTS, CATCH_UP);
            pages++;
        }
        if (pages > 0) {
            log.info("Asked {} connected residents and agents to catch up after a break in live events", pages);
        }
    }

    /**
     * This server's queue is consuming (again): from now on it hears every other server. What it may have missed
     * before, its pages fetch; what the others may have missed from it, theirs do.
     */
    @EventListener
    void consuming(ConsumeOkEvent started) {
        boolean relinked = everLinked;
        everLinked = true;
        linked = true;
        since = Instant.now();
        log.info("Live events between servers: connected to RabbitMQ");
        if (!relinked) {
            // A server's first link: its pages (if any yet) missed nothing, and nor did the others' from it, unless
            // it had events to send before it linked. Asking every page in the cluster to catch up on every start
            // would make each rolling deploy a storm of catch-ups.
            if (owesCatchUp) {
                outgoing.execute(this::catchUpElsewhere);
            }
            return;
        }
        catchUpHere();
        outgoing.execute(this::catchUpElsewhere);
    }

    private void catchUpElsewhere() {
        try {
            sendCatchUp();
        } catch (AmqpException away) {
            log.debug("Could not ask the other servers to catch up yet; the next event will");
        }
    }

    @EventListener
    void failed(ListenerContainerConsumerFailedEvent failure) {
        if (linked) {
            log.warn(
                    "Live events between servers: lost RabbitMQ ({}); residents and agents keep chatting, each"
                            + " server's own events stay live, and pages catch up when it is back",
                    failure.getReason());
        }
        linked = false;
        since = Instant.now();
    }

    @Override
    public void destroy() {
        outgoing.shutdownNow();
    }
}
