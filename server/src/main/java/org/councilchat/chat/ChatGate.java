package org.councilchat.chat;

import java.security.Principal;
import java.util.Map;
import java.util.Set;
import org.councilchat.handoff.AgentDirectory;
import org.councilchat.handoff.AgentPresence;
import org.councilchat.handoff.ChatEvents;
import org.councilchat.handoff.ResidentPresence;
import org.councilchat.webchat.ResidentConnections;
import org.councilchat.webchat.ResidentPrincipal;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.simp.user.UserDestinationMessageHandler;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * Every frame from a client passes here first. At CONNECT a resident is given their conversation (from
 * the resume token) and an agent must already be signed in; after that each side may only SEND to and
 * SUBSCRIBE to its own destinations, and a resident's connection may send only so many frames a minute
 * ({@link ResidentMessageRate}). Anything else is answered on the sender's error queue and dropped, so a
 * client cannot, say, publish into the agents' queue topic, or flood the bot.
 */
@Component
class ChatGate implements ExecutorChannelInterceptor {

    static final String ENDPOINT = "council-chat.endpoint";
    /** The council a resident's page belongs to, from the handshake ({@link ResidentCouncil}). */
    static final String COUNCIL = "council-chat.council";

    static final String RESIDENT = "resident";
    static final String AGENT = "agent";
    private static final String RESIDENT_MESSAGE = "/app/resident/message";
    private static final String RESIDENT_TYPING = "/app/resident/typing";

    private static final Map<String, Set<String>> SENDS = Map.of(
            RESIDENT,
                    Set.of(
                            "/app/resident/hello",
                            "/app/resident/message",
                            "/app/resident/language",
                            "/app/resident/end",
                            "/app/resident/rating",
                            "/app/resident/typing"),
            AGENT,
                    Set.of(
                            "/app/agent/accept",
                            "/app/agent/message",
                            "/app/agent/typing",
                            "/app/agent/close",
                            "/app/agent/status",
                            "/app/agent/note",
                            "/app/agent/transfer"));
    private static final Map<String, Set<String>> SUBSCRIPTIONS = Map.of(
            RESIDENT, Set.of("/user/queue/events", "/user/queue/errors"),
            AGENT,
                    Set.of(
                            "/user/queue/agent",
                            "/user/queue/errors",
                            "/app/agent/queue",
                            "/app/agent/chats",
                            "/app/agent/canned-responses",
                            "/app/agent/colleagues"));

    private final ResidentConnections residents;
    private final AgentDirectory agents;
    private final ObjectProvider<ChatErrors> errors;
    private final AgentPresence presence;
    private final ResidentMessageRate rate;
    private final ResidentPresence residentPages;

    ChatGate(
            ResidentConnections residents,
            AgentDirectory agents,
            ObjectProvider<ChatErrors> errors,
            AgentPresence presence,
            ResidentMessageRate rate,
            ResidentPresence residentPages) {
        this.residents = residents;
        this.agents = agents;
        this.errors = errors;
        this.presence = presence;
        this.rate = rate;
        this.residentPages = residentPages;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor stomp = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (stomp == null || stomp.getCommand() == null) {
            return message;
        }
        Map<String, Object> session = stomp.getSessionAttributes();
        String endpoint = session == null ? null : (String) session.get(ENDPOINT);
        if (endpoint == null) {
            return message;
        }
        StompCommand command = stomp.getCommand();
        if (command == StompCommand.CONNECT || command == StompCommand.STOMP) {
            connect(stomp, endpoint, session);
            return message;
        }
        if (AGENT.equals(endpoint)
                && (stomp.getMessageType() == SimpMessageType.MESSAGE
                        || stomp.getMessageType() == SimpMessageType.SUBSCRIBE)
                && agents.agentName(stomp.getUser()).isEmpty()) {
            // An account disabled (or no longer an agent) since this console connected: its next frame ends the
            // connection, and the sign-in behind it is gone, so it cannot connect again.
            throw new MessageDeliveryException("This account can no longer use the agent console");
        }
        if (stomp.getMessageType() == SimpMessageType.MESSAGE && !allowed(SENDS, endpoint, stomp)) {
            errors.getObject()
                    .send(stomp.getUser(), stomp.getSessionId(), "unknown-destination", stomp.getDestination());
            return null;
        }
        if (RESIDENT.equals(endpoint) && stomp.getMessageType() == SimpMessageType.MESSAGE) {
            String destination = stomp.getDestination();
            var allowance = RESIDENT_TYPING.equals(destination)
                    ? ResidentMessageRate.Allowance.TYPING
                    : ResidentMessageRate.Allowance.FRAMES;
            if (!rate.allow(stomp.getSessionId(), allowance)) {
                // Dropped, not lost: the widget keeps a message and sends it again a few seconds later. Other frames
                // (a hello, a language, typing) get their own words: there is no message to send again.
                String code = RESIDENT_MESSAGE.equals(destination) ? "too-fast" : "slow-down";
                errors.getObject().send(stomp.getUser(), stomp.getSessionId(), code, destination);
                return null;
            }
        }
        if (stomp.getMessageType() == SimpMessageType.SUBSCRIBE
                && !allowed(SUBSCRIPTIONS, endpoint, stomp)
                && !councilQueue(endpoint, stomp)) {
            errors.getObject()
                    .send(stomp.getUser(), stomp.getSessionId(), "unknown-destination", stomp.getDestination());
            return null;
        }
        return message;
    }

    private void connect(StompHeaderAccessor stomp, String endpoint, Map<String, Object> session) {
        if (RESIDENT.equals(endpoint)) {
            ResidentPrincipal resident =
                    residents.connect(stomp.getFirstNativeHeader("resume-token"), (String) session.get(COUNCIL));
            stomp.setUser(resident);
            residentPages.connected(resident.conversationId(), stomp.getSessionId());
            return;
        }
        Principal agent = stomp.getUser();
        if (agent == null || agents.agentName(agent).isEmpty()) {
            // Only reachable if the handshake was let through without an agent sign-in; refuse outright.
            throw new MessageDeliveryException("Sign in as an agent to use the agent console");
        }
        presence.connected(agent.getName(), stomp.getSessionId());
    }

    /**
     * Once an agent's subscription to their own queue is registered with the broker (the user destination handler
     * has passed it on), chats given to them reach this console: only then is it counted on for auto-assignment.
     */
    @Override
    public void afterMessageHandled(
            Message<?> message, MessageChannel channel, MessageHandler handler, Exception failure) {
        if (failure != null || !(handler instanceof UserDestinationMessageHandler)) {
            return;
        }
        StompHeaderAccessor stomp = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (stomp != null
                && stomp.getCommand() == StompCommand.SUBSCRIBE
                && "/user/queue/agent".equals(stomp.getDestination())) {
            presence.listening(stomp.getSessionId());
        }
    }

    /**
     * Every connection that closes, cleanly or by heartbeat timeout: an agent's leaves presence; a resident's its
     * allowance, and their last page closing starts their time away.
     */
    @EventListener
    void disconnected(SessionDisconnectEvent event) {
        // Each on its own: one failing (the database away a moment) must not leave the others' state behind.
        try {
            presence.disconnected(event.getSessionId());
        } finally {
            try {
                residentPages.disconnected(event.getSessionId());
            } finally {
                rate.forget(event.getSessionId());
            }
        }
    }

    /**
     * An agent may listen to the queue of a council they work for, {@code /topic/agent.queue.<council id>}, and to
     * no other: what another council's residents wrote is not theirs to read.
     */
    private boolean councilQueue(String endpoint, StompHeaderAccessor stomp) {
        String destination = stomp.getDestination();
        return AGENT.equals(endpoint)
                && destination != null
                && destination.startsWith(ChatEvents.COUNCIL_QUEUE_TOPIC)
                && agents.councilsOf(stomp.getUser())
                        .contains(destination.substring(ChatEvents.COUNCIL_QUEUE_TOPIC.length()));
    }

    private static boolean allowed(Map<String, Set<String>> rules, String endpoint, StompHeaderAccessor stomp) {
        String destination = stomp.getDestination();
        return destination != null && rules.get(endpoint).contains(destination);
    }
}
