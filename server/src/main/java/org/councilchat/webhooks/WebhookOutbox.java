package org.councilchat.webhooks;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.councilchat.handoff.CaseClosed;
import org.councilchat.handoff.CaseOpened;
import org.councilchat.handoff.ChatMessage;
import org.councilchat.handoff.Conversation;
import org.councilchat.handoff.ConversationMoved;
import org.councilchat.handoff.ConversationState;
import org.councilchat.handoff.Conversations;
import org.councilchat.handoff.ResidentCase;
import org.councilchat.knowledge.MissedBinReported;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hears what happened (a message left or closed, a chat closed, a missed bin reported) and writes an event for each
 * endpoint that wants it into the outbox, for {@link WebhookDelivery} to send. The listeners run on the thread, and
 * so in the transaction, of what happened where there is one (a missed bin's report, a case being opened): the
 * event is kept if and only if the change is. Each event names its council and goes only to endpoints of that
 * council. What residents said goes as it was stored: card numbers already taken out.
 */
@Component
class WebhookOutbox {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebhookProperties properties;
    private final JdbcClient jdbc;
    private final Conversations conversations;
    private final Clock clock;

    WebhookOutbox(WebhookProperties properties, JdbcClient jdbc, Conversations conversations, Clock clock) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.conversations = conversations;
        this.clock = clock;
    }

    @EventListener
    void caseOpened(CaseOpened opened) {
        ResidentCase c = opened.opened();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reference", c.reference());
        data.put("conversationId", c.conversationId());
        data.put("name", c.name());
        data.put("contact", c.contact());
        data.put("message", c.message());
        data.put("language", c.language());
        data.put("urgent", c.urgent());
        data.put("openedAt", c.openedAt().toString());
        data.put("transcript", c.transcript());
        record("case-opened", c.councilId(), c.reference(), data);
    }

    @EventListener
    void caseClosed(CaseClosed closed) {
        ResidentCase c = closed.closed();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reference", c.reference());
        data.put("closedBy", closed.staffName());
        data.put("outcome", closed.outcome());
        record("case-closed", c.councilId(), c.reference(), data);
    }

    @EventListener
    void chatClosed(ConversationMoved moved) {
        Conversation chat = moved.conversation();
        if (chat.state() != ConversationState.CLOSED) {
            return;
        }
        List<Map<String, Object>> transcript = new ArrayList<>();
        for (ChatMessage message : conversations.transcriptAfter(chat.id(), 0)) {
            Map<String, Object> said = new LinkedHashMap<>();
            said.put("seq", message.seq());
            said.put("sender", message.sender().name());
            said.put("senderName", message.senderName());
            said.put("text", message.text());
            said.put("lines", message.lines());
            said.put("sentAt", message.sentAt().toString());
            // The picture stays with the chat server (staff see it on the console); the system is told there was one.
            said.put("photo", message.photo() != null);
            transcript.add(said);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("conversationId", chat.id());
        data.put("language", chat.language());
        data.put("adviser", chat.agentName());
        data.put("findings", chat.context());
        data.put("transcript", transcript);
        record("chat-closed", chat.councilId(), chat.id(), data);
    }

    @EventListener
    void missedBinReported(MissedBinReported reported) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reference", reported.reference());
        data.put("uprn", reported.uprn());
        data.put("address", reported.address());
        data.put("bin", reported.binName());
        data.put("due", reported.due().toString());
        data.put("conversationId", reported.conversationId());
        record("missed-bin-reported", reported.councilId(), reported.reference(), data);
    }

    private void record(String type, String councilId, String subject, Map<String, Object> data) {
        // The outbox's own times are this machine's: they only decide when to try again.
        Instant now = Instant.now();
        for (WebhookProperties.Endpoint endpoint : properties.endpoints()) {
            if (!endpoint.wants(type, councilId)) {
                continue;
            }
            String id = UUID.randomUUID().toString();
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("id", id);
            event.put("type", type);
            event.put("occurredAt", clock.instant().toString());
            event.put("council", councilId);
            event.put("data", data);
            jdbc.sql("""
                            INSERT INTO webhook_delivery (event_id, endpoint, event_type, council_id, subject, body,
                                created_at, attempts, next_attempt_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)""")
                    .params(
                            id,
                            endpoint.name(),
                            type,
                            councilId,
                            subject,
                            JSON.writeValueAsString(event),
                            now.atOffset(ZoneOffset.UTC),
                            now.atOffset(ZoneOffset.UTC))
                    .update();
        }
    }
}
