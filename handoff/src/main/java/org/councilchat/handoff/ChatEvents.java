package org.councilchat.handoff;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.councilchat.engine.BotReply.Link;
import org.councilchat.engine.BotReply.QuickReply;
import org.councilchat.knowledge.Answer;

/** The JSON events of the chat protocol (docs/chat-protocol.md), shared by the resident and agent sides. */
public final class ChatEvents {

    /**
     * Each council's agent queue has its own topic, this followed by the council's id, so that an agent hears only
     * of the councils they work for (the server's gate checks every subscription).
     */
    public static final String COUNCIL_QUEUE_TOPIC = "/topic/agent.queue.";

    private ChatEvents() {}

    /** One stored message. */
    public record MessageEvent(
            String type,
            String conversationId,
            long seq,
            Sender sender,
            String senderName,
            String text,
            List<String> lines,
            List<Link> links,
            List<QuickReply> buttons,
            String clientMessageId,
            Instant sentAt,
            Answer answer,
            Photo photo,
            String language) {

        public static MessageEvent of(ChatMessage message) {
            return new MessageEvent(
                    "message",
                    message.conversationId(),
                    message.seq(),
                    message.sender(),
                    message.senderName(),
                    message.text(),
                    message.lines(),
                    message.links(),
                    message.buttons(),
                    message.clientMessageId(),
                    message.sentAt(),
                    message.answer(),
                    message.photo(),
                    message.language());
        }
    }

    /**
     * Where a conversation is now. While waiting: {@code queuePosition} and, when agents have taken chats
     * lately, {@code typicalWaitMinutes} (the median of recent waits); with an agent: {@code agentName}.
     */
    public record StatusEvent(
            String type,
            String conversationId,
            ConversationState state,
            Integer queuePosition,
            Integer typicalWaitMinutes,
            String agentName) {

        public static StatusEvent of(Conversation conversation, Integer queuePosition) {
            return of(conversation, queuePosition, null);
        }

        public static StatusEvent of(Conversation conversation, Integer queuePosition, Integer typicalWaitMinutes) {
            boolean waiting = conversation.state() == ConversationState.WAITING;
            return new StatusEvent(
                    "status",
                    conversation.id(),
                    conversation.state(),
                    waiting ? queuePosition : null,
                    waiting ? typicalWaitMinutes : null,
                    conversation.state() == ConversationState.WITH_AGENT ? conversation.agentName() : null);
        }

        public static StatusEvent waiting(String conversationId, int queuePosition, Integer typicalWaitMinutes) {
            return new StatusEvent(
                    "status", conversationId, ConversationState.WAITING, queuePosition, typicalWaitMinutes, null);
        }
    }

    /** The other side started or stopped typing; {@code name} is the agent's for a resident, null for an agent. */
    public record TypingEvent(String type, String conversationId, String name, boolean typing) {
        public static TypingEvent of(TypingChanged changed) {
            return new TypingEvent("typing", changed.conversationId(), changed.name(), changed.typing());
        }
    }

    /**
     * The agent queue: one council's waiting chats ({@code council}, on that council's topic), or every waiting chat
     * of the councils an agent serves ({@code council} null, on subscribing).
     */
    public record QueueEvent(String type, String council, List<WaitingChat> waiting) {
        public static QueueEvent of(List<WaitingChat> waiting) {
            return new QueueEvent("queue", null, waiting);
        }

        public static QueueEvent of(String council, List<WaitingChat> waiting) {
            return new QueueEvent("queue", council, waiting);
        }
    }

    /**
     * A chat an agent has just taken: its whole transcript, the bot's findings, the resident's language, and
     * staff notes; {@code transferredFrom} is the colleague's name when one passed it straight to this agent.
     */
    public record ChatEvent(
            String type,
            String conversationId,
            String councilId,
            ConversationState state,
            String language,
            Map<String, String> context,
            ChatSummary about,
            List<MessageEvent> transcript,
            List<NoteEvent> notes,
            String transferredFrom,
            boolean residentLeft) {}

    /**
     * The resident of an agent's chat has gone (closed the page or lost the connection for longer than the grace
     * period: {@code present} false), or came back ({@code present} true).
     */
    public record ResidentEvent(String type, String conversationId, boolean present) {
        public static ResidentEvent left(String conversationId) {
            return new ResidentEvent("resident", conversationId, false);
        }

        public static ResidentEvent cameBack(String conversationId) {
            return new ResidentEvent("resident", conversationId, true);
        }
    }

    /** A staff note on a chat (never sent to a resident). */
    public record NoteEvent(
            String type,
            String conversationId,
            long id,
            ChatNote.Kind kind,
            long afterSeq,
            String authorName,
            String text,
            Instant writtenAt) {

        public static NoteEvent of(ChatNote note) {
            return new NoteEvent(
                    "note",
                    note.conversationId(),
                    note.id(),
                    note.kind(),
                    note.afterSeq(),
                    note.authorName(),
                    note.text(),
                    note.writtenAt());
        }
    }

    /** Something the sender did that the server could not accept. */
    public record ErrorEvent(String type, String code, String message, String destination, String clientMessageId) {
        public static ErrorEvent of(String code, String message, String destination, String clientMessageId) {
            return new ErrorEvent("error", code, message, destination, clientMessageId);
        }
    }
}
