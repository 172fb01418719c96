package org.councilchat.handoff.transcript;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.councilchat.engine.BotReply.Link;
import org.councilchat.engine.BotReply.QuickReply;
import org.councilchat.handoff.ChatMessage;
import org.councilchat.handoff.Conversation;
import org.councilchat.handoff.ConversationState;
import org.councilchat.handoff.Photo;
import org.councilchat.handoff.Sender;
import org.councilchat.handoff.WaitingChat;
import org.councilchat.knowledge.Answer;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Conversations and their transcripts in the database. Sequence numbers are handed out by incrementing
 * {@code conversation.last_seq}, whose row lock serialises concurrent writers to one conversation (a
 * resident and an agent typing at once) on every database we support.
 */
@Repository
public class ConversationRepository {

    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json = JsonMapper.builder().build();

    public ConversationRepository(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    public void create(String id, String councilId, String resumeTokenHash, String language, Instant now) {
        jdbc.sql("""
                        INSERT INTO conversation (id, council_id, site_council_id, resume_token_hash, state, language,
                          last_seq, created_at, updated_at, priority)
                        VALUES (?, ?, ?, ?, 'BOT', ?, 0, ?, ?, 0)""")
                .params(id, councilId, councilId, resumeTokenHash, language, utc(now), utc(now))
                .update();
    }

    public Optional<Conversation> find(String id) {
        return jdbc.sql("SELECT * FROM conversation WHERE id = ?")
                .param(id)
                .query(this::toConversation)
                .optional();
    }

    /**
     * The conversation with this token begun on this council's site (whichever council serves it now), unless it
     * ended before {@code endedSince}.
     */
    public Optional<String> idForTokenHash(String resumeTokenHash, String councilId, Instant endedSince) {
        return jdbc.sql("""
                        SELECT id FROM conversation
                        WHERE resume_token_hash = ? AND site_council_id = ? AND (closed_at IS NULL OR closed_at >= ?)""")
                .params(resumeTokenHash, councilId, utc(endedSince))
                .query(String.class)
                .optional();
    }

    /** Deletes conversations untouched since {@code cutoff}, with their messages, notes and ratings. */
    public int deleteIdleBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM conversation WHERE updated_at < ?")
                .param(utc(cutoff))
                .update();
    }

    /**
     * As {@link #deleteIdleBefore(Instant)}, for the conversations this council serves only; returns the ids of
     * those deleted, so what other modules keep about them can go too.
     */
    public List<String> deleteIdleBefore(String councilId, Instant cutoff) {
        return deleteIdle(
                jdbc.sql("SELECT id FROM conversation WHERE council_id = ? AND updated_at < ?")
                        .params(councilId, utc(cutoff))
                        .query(String.class)
                        .list(),
                cutoff);
    }

    /** As {@link #deleteIdleBefore(String, Instant)}, for the conversations of every council but these. */
    public List<String> deleteIdleBeforeExcept(Collection<String> councilIds, Instant cutoff) {
        String others = councilIds.isEmpty() ? "" : " AND council_id NOT IN (:councils)";
        var select = jdbc.sql("SELECT id FROM conversation WHERE updated_at < :cutoff" + others)
                .param("cutoff", utc(cutoff));
        if (!councilIds.isEmpty()) {
            select = select.param("councils", List.copyOf(councilIds));
        }
        return deleteIdle(select.query(String.class).list(), cutoff);
    }

    /**
     * Deletes these conversations, a few hundred at a time, unless one was touched since they were found; returns
     * those that went (one touched in between is still here, and so is what the bot learned in it).
     */
    private List<String> deleteIdle(List<String> ids, Instant cutoff) {
        List<String> deleted = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            jdbc.sql("DELETE FROM conversation WHERE id IN (:ids) AND updated_at < :cutoff")
                    .param("ids", chunk)
                    .param("cutoff", utc(cutoff))
                    .update();
            List<String> kept = jdbc.sql("SELECT id FROM conversation WHERE id IN (:ids)")
                    .param("ids", chunk)
                    .query(String.class)
                    .list();
            chunk.stream().filter(id -> !kept.contains(id)).forEach(deleted::add);
        }
        return deleted;
    }

    /** Takes the next sequence number; empty when the conversation does not exist. */
    public Optional<Long> nextSeq(String conversationId, Instant now) {
        int updated = jdbc.sql("UPDATE conversation SET last_seq = last_seq + 1, updated_at = ? WHERE id = ?")
                .params(utc(now), conversationId)
                .update();
        if (updated == 0) {
            return Optional.empty();
        }
        return Optional.of(jdbc.sql("SELECT last_seq FROM conversation WHERE id = ?")
                .param(conversationId)
                .query(Long.class)
                .single());
    }

    /** Moves the conversation's last sequence number up to {@code seq}; false when it was there already. */
    public boolean raiseLastSeq(String conversationId, long seq) {
        return jdbc.sql("UPDATE conversation SET last_seq = ? WHERE id = ? AND last_seq < ?")
                        .params(seq, conversationId, seq)
                        .update()
                == 1;
    }

    public void insert(ChatMessage message) {
        jdbc.sql("""
                        INSERT INTO chat_message (conversation_id, seq, sender, sender_name, body, extras, client_message_id,
                          sent_at, language)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        message.conversationId(),
                        message.seq(),
                        message.sender().name(),
                        message.senderName(),
                        message.text(),
                        extras(message),
                        message.clientMessageId(),
                        utc(message.sentAt()),
                        message.language())
                .update();
    }

    public Optional<ChatMessage> findByClientId(String conversationId, Sender sender, String clientMessageId) {
        return jdbc.sql("SELECT * FROM chat_message WHERE conversation_id = ? AND sender = ? AND client_message_id = ?")
                .params(conversationId, sender.name(), clientMessageId)
                .query(this::toMessage)
                .optional();
    }

    public List<ChatMessage> messagesAfter(String conversationId, long seq) {
        return jdbc.sql("SELECT * FROM chat_message WHERE conversation_id = ? AND seq > ? ORDER BY seq")
                .params(conversationId, seq)
                .query(this::toMessage)
                .list();
    }

    /** The council whose site the conversation was begun on. */
    public Optional<String> siteCouncilOf(String id) {
        return jdbc.sql("SELECT site_council_id FROM conversation WHERE id = ?")
                .param(id)
                .query(String.class)
                .optional();
    }

    /**
     * Moves a conversation from the bot to the queue of the council that serves it ({@code councilId}: its own, or
     * the one that provides the service it is about); false when it was not with the bot.
     */
    public boolean enqueue(
            String id, String councilId, String reason, int priority, Map<String, String> context, Instant now) {
        return jdbc.sql("""
                                UPDATE conversation SET state = 'WAITING', council_id = ?, waiting_since = ?,
                                  handoff_reason = ?, priority = ?, context = ?, updated_at = ?
                                WHERE id = ? AND state = 'BOT'""")
                        .params(councilId, utc(now), reason, priority, json.writeValueAsString(context), utc(now), id)
                        .update()
                == 1;
    }

    /** Raises a waiting conversation's priority; false when it is not waiting or already that urgent. */
    public boolean raisePriority(String id, int priority, String reason, Map<String, String> context, Instant now) {
        return jdbc.sql("""
                                UPDATE conversation SET priority = ?, handoff_reason = ?, context = ?, updated_at = ?
                                WHERE id = ? AND state = 'WAITING' AND priority < ?""")
                        .params(priority, reason, json.writeValueAsString(context), utc(now), id, priority)
                        .update()
                == 1;
    }

    /**
     * Gives a waiting conversation to an agent who holds fewer than {@code maxChats}; of two agents accepting at
     * once (or two auto-assignments of one chat, on any servers), exactly one gets true.
     *
     * <p>The count in the condition alone would not keep the limit: two servers giving two different chats to one
     * agent at once would each count the chats committed before, and both succeed. So the agent's row in
     * {@code agent_presence} is locked first ({@code SELECT ... FOR UPDATE}, on H2 and PostgreSQL alike): the
     * second assignment waits for the first to commit, then counts its chat too.
     */
    public boolean assign(String id, String agentUsername, String agentName, Instant now, int maxChats) {
        ensureAgentRow(agentUsername);
        return Boolean.TRUE.equals(transactions.execute(inOne -> {
            lockAgentRow(agentUsername);
            return assignHeldBelow(id, agentUsername, agentName, now, maxChats);
        }));
    }

    /** Until the transaction ends, other assignments and transfers to this agent wait here. */
    private void lockAgentRow(String agentUsername) {
        jdbc.sql("SELECT username FROM agent_presence WHERE username = ? FOR UPDATE")
                .param(agentUsername)
                .query(String.class)
                .list();
    }

    /**
     * The row {@link #assign} locks, made when missing (the console's connection normally made it). Outside the
     * transaction: on PostgreSQL a failed insert (another server made it first) would spoil the transaction.
     */
    private void ensureAgentRow(String agentUsername) {
        try {
            jdbc.sql("INSERT INTO agent_presence (username, away) SELECT ?, FALSE WHERE NOT EXISTS"
                            + " (SELECT 1 FROM agent_presence WHERE username = ?)")
                    .params(agentUsername, agentUsername)
                    .update();
        } catch (DuplicateKeyException anotherServerFirst) {
            // there now, which is all the lock needs
        }
    }

    private boolean assignHeldBelow(String id, String agentUsername, String agentName, Instant now, int maxChats) {
        return jdbc.sql("""
                                UPDATE conversation SET state = 'WITH_AGENT', agent_username = ?, agent_name = ?, updated_at = ?,
                                  accepted_at = ?
                                WHERE id = ? AND state = 'WAITING'
                                  AND (SELECT COUNT(*) FROM conversation held
                                       WHERE held.state = 'WITH_AGENT' AND held.agent_username = ?) < ?""")
                        .params(agentUsername, agentName, utc(now), utc(now), id, agentUsername, maxChats)
                        .update()
                == 1;
    }

    /** How many chats each agent holds now; agents holding none are left out. */
    public Map<String, Integer> heldCounts() {
        return jdbc
                .sql("""
                        SELECT agent_username, COUNT(*) AS held FROM conversation
                        WHERE state = 'WITH_AGENT' AND agent_username IS NOT NULL GROUP BY agent_username""")
                .query((row, n) -> Map.entry(row.getString("agent_username"), row.getInt("held")))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The waiting conversations, urgent first, then longest waiting: the queue without previews. */
    public List<Conversation> waitingInOrder() {
        return jdbc.sql("SELECT * FROM conversation WHERE state = 'WAITING' ORDER BY priority DESC, waiting_since, id")
                .query(this::toConversation)
                .list();
    }

    /** What became of a transfer from one agent to another. */
    public enum Transfer {
        TRANSFERRED,
        /** The first agent no longer had the chat: the resident ended it, or it was already passed on. */
        NOT_HELD,
        /** The colleague already holds {@code maxChats}, counting chats given them by other servers a moment ago. */
        COLLEAGUE_AT_CAPACITY
    }

    /**
     * Passes a chat from one agent straight to a colleague holding fewer than {@code maxChats}, who counts as having
     * accepted it now. The colleague's row is locked first, as in {@link #assign}: two transfers to one colleague at
     * once (or a transfer and an assignment), on any servers, count each other's chat, so the limit holds.
     */
    public Transfer transferToAgent(
            String id, String fromUsername, String toUsername, String toName, Instant now, int maxChats) {
        ensureAgentRow(toUsername);
        return transactions.execute(inOne -> {
            lockAgentRow(toUsername);
            int moved = jdbc.sql("""
                            UPDATE conversation SET agent_username = ?, agent_name = ?, updated_at = ?
                            WHERE id = ? AND state = 'WITH_AGENT' AND agent_username = ?
                              AND (SELECT COUNT(*) FROM conversation held
                                   WHERE held.state = 'WITH_AGENT' AND held.agent_username = ?) < ?""")
                    .params(toUsername, toName, utc(now), id, fromUsername, toUsername, maxChats)
                    .update();
            if (moved == 1) {
                return Transfer.TRANSFERRED;
            }
            boolean stillHeld = jdbc.sql(
                                    "SELECT COUNT(*) FROM conversation WHERE id = ? AND state = 'WITH_AGENT' AND agent_username = ?")
                            .params(id, fromUsername)
                            .query(Integer.class)
                            .single()
                    > 0;
            return stillHeld ? Transfer.COLLEAGUE_AT_CAPACITY : Transfer.NOT_HELD;
        });
    }

    /**
     * Puts an agent's chat back in the queue for colleagues with a skill (null for anyone), keeping the time it
     * first started waiting so the resident does not wait twice over; false when the agent no longer had it.
     */
    public boolean requeueForSkill(String id, String fromUsername, String skill, Instant now) {
        return jdbc.sql("""
                                UPDATE conversation SET state = 'WAITING', agent_username = NULL, agent_name = NULL,
                                  accepted_at = NULL, skill = ?, updated_at = ?, resident_left_at = NULL
                                WHERE id = ? AND state = 'WITH_AGENT' AND agent_username = ?""").params(skill, utc(now), id, fromUsername).update() == 1;
    }

    /** Every chat an agent has now, longest held first. */
    public List<Conversation> withAgents() {
        return jdbc.sql("SELECT * FROM conversation WHERE state = 'WITH_AGENT' ORDER BY accepted_at, id")
                .query(this::toConversation)
                .list();
    }

    /** The conversations this agent has now. */
    public List<String> heldBy(String agentUsername) {
        return jdbc.sql("SELECT id FROM conversation WHERE state = 'WITH_AGENT' AND agent_username = ? ORDER BY id")
                .param(agentUsername)
                .query(String.class)
                .list();
    }

    /**
     * Puts an agent's chat back in the queue, keeping the time it first started waiting so it goes back in
     * at the front; false when the agent no longer had it.
     */
    public boolean requeue(String id, String agentUsername, Instant now) {
        return jdbc.sql("""
                                UPDATE conversation SET state = 'WAITING', agent_username = NULL, agent_name = NULL,
                                  accepted_at = NULL, updated_at = ?, resident_left_at = NULL
                                WHERE id = ? AND state = 'WITH_AGENT' AND agent_username = ?""").params(utc(now), id, agentUsername).update() == 1;
    }

    /** Gives an agent's chat back to the bot; false when the agent no longer had it. */
    public boolean returnToBot(String id, String agentUsername, Instant now) {
        return jdbc.sql("""
                                UPDATE conversation SET state = 'BOT', agent_username = NULL, agent_name = NULL,
                                  waiting_since = NULL, accepted_at = NULL, updated_at = ?
                                WHERE id = ? AND state = 'WITH_AGENT' AND agent_username = ?""").params(utc(now), id, agentUsername).update() == 1;
    }

    /** Ends a conversation whatever stage it is at; false when it had already ended. */
    public boolean end(String id, String outcome, Instant now) {
        return jdbc.sql("""
                                UPDATE conversation SET state = 'CLOSED', outcome = ?, closed_at = ?, updated_at = ?
                                WHERE id = ? AND state <> 'CLOSED'""").params(outcome, utc(now), utc(now), id).update() == 1;
    }

    /**
     * Ends a waiting chat whose resident has been away since before {@code awayBefore} with no page open anywhere;
     * false when it is no longer waiting, or the resident came back meanwhile (checked in the same statement, so a
     * resident who reconnects at that very moment keeps their place).
     */
    public boolean endWaitingResidentGone(String id, String outcome, Instant awayBefore, Instant now) {
        return jdbc.sql("""
                                UPDATE conversation SET state = 'CLOSED', outcome = ?, closed_at = ?, updated_at = ?
                                WHERE id = ? AND state = 'WAITING'
                                  AND resident_away_since IS NOT NULL AND resident_away_since <= ?
                                  AND NOT EXISTS (SELECT 1 FROM resident_connection r WHERE r.conversation_id = ?)""")
                        .params(outcome, utc(now), utc(now), id, utc(awayBefore), id)
                        .update()
                == 1;
    }

    /** The conversation's place in the queue's order ({@code Handoffs.Priority} rank); 0 when there is none. */
    public int priorityOf(String id) {
        return jdbc.sql("SELECT priority FROM conversation WHERE id = ?")
                .param(id)
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    public void changeLanguage(String id, String language, Instant now) {
        jdbc.sql("UPDATE conversation SET language = ?, updated_at = ? WHERE id = ?")
                .params(language, utc(now), id)
                .update();
    }

    /** Records the resident's rating of an ended chat, replacing an earlier one. */
    public void rate(String id, int score, String comment, Instant now) {
        int updated = jdbc.sql(
                        "UPDATE conversation_rating SET score = ?, comment = ?, rated_at = ? WHERE conversation_id = ?")
                .params(score, comment, utc(now), id)
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO conversation_rating (conversation_id, score, comment, rated_at) VALUES (?, ?, ?, ?)")
                    .params(id, score, comment, utc(now))
                    .update();
        }
    }

    /** How long the most recent chats taken by agents since {@code since} waited, newest first. */
    public List<Duration> recentWaits(Instant since, int limit) {
        return jdbc.sql("""
                        SELECT waiting_since, accepted_at FROM conversation
                        WHERE accepted_at IS NOT NULL AND accepted_at >= ? AND waiting_since IS NOT NULL
                        ORDER BY accepted_at DESC FETCH FIRST ? ROWS ONLY""")
                .params(utc(since), limit)
                .query((row, n) -> Duration.between(
                        row.getObject("waiting_since", OffsetDateTime.class),
                        row.getObject("accepted_at", OffsetDateTime.class)))
                .list();
    }

    public boolean close(String id, String agentUsername, String outcome, Instant now) {
        return jdbc.sql("""
                                UPDATE conversation SET state = 'CLOSED', outcome = ?, closed_at = ?, updated_at = ?
                                WHERE id = ? AND state = 'WITH_AGENT' AND agent_username = ?""")
                        .params(outcome, utc(now), utc(now), id, agentUsername)
                        .update()
                == 1;
    }

    /**
     * The queue, urgent first, then longest waiting; with the resident's latest words as a preview.
     *
     * <p>NOTE: one preview query per waiting chat; queues are tens of chats, not thousands.
     */
    public List<WaitingChat> waiting() {
        List<Conversation> waiting = jdbc.sql(
                        "SELECT * FROM conversation WHERE state = 'WAITING' ORDER BY priority DESC, waiting_since, id")
                .query(this::toConversation)
                .list();
        List<WaitingChat> queue = new ArrayList<>();
        Map<String, Integer> positions = new HashMap<>();
        for (Conversation conversation : waiting) {
            String preview = jdbc.sql("""
                            SELECT body FROM chat_message WHERE conversation_id = ? AND sender = 'RESIDENT'
                            ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY""")
                    .param(conversation.id())
                    .query(String.class)
                    .optional()
                    .orElse("");
            // Numbered within the council: its residents wait for its agents, not for another council's.
            int position = positions.merge(conversation.councilId(), 1, Integer::sum);
            queue.add(new WaitingChat(
                    conversation.id(),
                    conversation.councilId(),
                    position,
                    conversation.waitingSince(),
                    conversation.handoffReason(),
                    preview,
                    conversation.language(),
                    conversation.skill(),
                    conversation.context()));
        }
        return queue;
    }

    private String extras(ChatMessage message) {
        if (message.lines().isEmpty()
                && message.links().isEmpty()
                && message.buttons().isEmpty()
                && message.answer() == null
                && message.photo() == null) {
            return null;
        }
        return json.writeValueAsString(
                new Extras(message.lines(), message.links(), message.buttons(), message.answer(), message.photo()));
    }

    private Conversation toConversation(ResultSet row, int n) throws SQLException {
        String context = row.getString("context");
        return new Conversation(
                row.getString("id"),
                row.getString("council_id"),
                ConversationState.valueOf(row.getString("state")),
                row.getString("language"),
                row.getLong("last_seq"),
                instant(row, "waiting_since"),
                row.getString("handoff_reason"),
                row.getString("agent_username"),
                row.getString("agent_name"),
                instant(row, "accepted_at"),
                row.getString("skill"),
                context == null ? Map.of() : json.readValue(context, FIELDS));
    }

    private ChatMessage toMessage(ResultSet row, int n) throws SQLException {
        String extrasJson = row.getString("extras");
        Extras extras = extrasJson == null ? Extras.NONE : json.readValue(extrasJson, Extras.class);
        return new ChatMessage(
                row.getString("conversation_id"),
                row.getLong("seq"),
                Sender.valueOf(row.getString("sender")),
                row.getString("sender_name"),
                row.getString("body"),
                extras.lines(),
                extras.links(),
                extras.buttons(),
                row.getString("client_message_id"),
                instant(row, "sent_at"),
                extras.answer(),
                extras.photo(),
                row.getString("language"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** JDBC drivers agree on OffsetDateTime for TIMESTAMP WITH TIME ZONE; not all accept Instant. */
    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** The optional parts of a message, stored together as JSON. */
    record Extras(List<String> lines, List<Link> links, List<QuickReply> buttons, Answer answer, Photo photo) {
        static final Extras NONE = new Extras(List.of(), List.of(), List.of(), null, null);
    }
}
