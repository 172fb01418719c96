package org.councilchat.handoff;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A conversation in the agent queue, with its council and its 1-based position among that council's waiting chats, the resident's language ({@code en} or
 * {@code cy}) and the service it was passed on for ({@code skill}, null for anyone). Routed for agents (see
 * {@link Routing#route}), it also carries the {@code service} it is routed by (that skill, else the bot's finding)
 * and {@code meantFor}, the usernames of the agents it is meant for now (empty: anyone).
 */
public record WaitingChat(
        String conversationId,
        String councilId,
        int position,
        Instant waitingSince,
        String reason,
        String preview,
        String language,
        String skill,
        Map<String, String> context,
        String service,
        List<String> meantFor,
        ChatSummary about) {

    public WaitingChat {
        meantFor = meantFor == null ? List.of() : List.copyOf(meantFor);
    }

    /** A chat in the queue before routing has looked at it. */
    public WaitingChat(
            String conversationId,
            String councilId,
            int position,
            Instant waitingSince,
            String reason,
            String preview,
            String language,
            String skill,
            Map<String, String> context) {
        this(
                conversationId,
                councilId,
                position,
                waitingSince,
                reason,
                preview,
                language,
                skill,
                context,
                null,
                List.of(),
                null);
    }

    WaitingChat routed(String routedService, List<String> agents) {
        return new WaitingChat(
                conversationId,
                councilId,
                position,
                waitingSince,
                reason,
                preview,
                language,
                skill,
                context,
                routedService,
                agents,
                about);
    }

    /** The chat with what an agent is told about it in words. */
    public WaitingChat about(ChatSummary summary) {
        return new WaitingChat(
                conversationId,
                councilId,
                position,
                waitingSince,
                reason,
                preview,
                language,
                skill,
                context,
                service,
                meantFor,
                summary);
    }
}
