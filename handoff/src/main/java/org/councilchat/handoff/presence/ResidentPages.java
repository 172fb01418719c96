package org.councilchat.handoff.presence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Residents' chat pages connected to every node, and since when each conversation has had none (table
 * {@code resident_connection}, columns {@code conversation.resident_away_since} and {@code resident_left_at}): the
 * facts that decide whether a resident in the queue or with an agent has gone, shared by every server.
 */
@Repository
public class ResidentPages {

    private final JdbcClient jdbc;

    public ResidentPages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A page of the conversation connected: the resident is here.
     *
     * @return true when they had been taken to have left an agent's chat, and so have come back
     */
    public boolean connected(String node, String connectionId, String conversationId, Instant now) {
        jdbc.sql("""
                        INSERT INTO resident_connection (node_id, connection_id, conversation_id, heartbeat_at)
                        VALUES (?, ?, ?, ?)""").params(node, connectionId, conversationId, utc(now)).update();
        jdbc.sql("UPDATE conversation SET resident_away_since = NULL WHERE id = ? AND resident_away_since IS NOT NULL")
                .param(conversationId)
                .update();
        return jdbc.sql("UPDATE conversation SET resident_left_at = NULL WHERE id = ? AND resident_left_at IS NOT NULL")
                        .param(conversationId)
                        .update()
                == 1;
    }

    /**
     * A connection of this node closed. For a resident's last page, the conversation's time away starts now.
     *
     * @return the conversation the connection was a page of; empty for any other connection (an agent's)
     */
    public Optional<String> disconnected(String node, String connectionId, Instant now) {
        Optional<String> conversation = jdbc.sql(
                        "SELECT conversation_id FROM resident_connection WHERE node_id = ? AND connection_id = ?")
                .params(node, connectionId)
                .query(String.class)
                .optional();
        if (conversation.isEmpty()) {
            return conversation;
        }
        jdbc.sql("DELETE FROM resident_connection WHERE node_id = ? AND connection_id = ?")
                .params(node, connectionId)
                .update();
        awaySinceIfNoPage(conversation.get(), now);
        return conversation;
    }

    /**
     * This node starts: pages it held before it stopped (or died) are gone with their connections, whatever their
     * heartbeat says; their conversations' time away starts now.
     */
    public void forgetNode(String node, Instant now) {
        List<String> conversations = jdbc.sql(
                        "SELECT DISTINCT conversation_id FROM resident_connection WHERE node_id = ?")
                .param(node)
                .query(String.class)
                .list();
        jdbc.sql("DELETE FROM resident_connection WHERE node_id = ?")
                .param(node)
                .update();
        conversations.forEach(conversation -> awaySinceIfNoPage(conversation, now));
    }

    /**
     * Removes pages whose node stopped rewriting their heartbeat before {@code cutoff} (it died); their
     * conversations' time away starts now, unless a page is open elsewhere.
     */
    public void forgetSilentSince(Instant cutoff, Instant now) {
        List<String> conversations = jdbc.sql(
                        "SELECT DISTINCT conversation_id FROM resident_connection WHERE heartbeat_at < ?")
                .param(utc(cutoff))
                .query(String.class)
                .list();
        if (conversations.isEmpty()) {
            return;
        }
        jdbc.sql("DELETE FROM resident_connection WHERE heartbeat_at < ?")
                .param(utc(cutoff))
                .update();
        conversations.forEach(conversation -> awaySinceIfNoPage(conversation, now));
    }

    /** A conversation waiting for or with an agent whose resident has had no page open since {@code cutoff}. */
    public record Gone(String conversationId, String state, int priority) {}

    /**
     * Conversations in the queue or with an agent, not yet taken to be left, whose resident has been away since
     * before {@code cutoff} with no page open anywhere. Conversations that never had a page (the Rasa REST channel)
     * are never here: their time away never starts.
     */
    public List<Gone> awaySince(Instant cutoff) {
        return jdbc.sql("""
                        SELECT c.id, c.state, c.priority FROM conversation c
                        WHERE c.state IN ('WAITING', 'WITH_AGENT') AND c.resident_left_at IS NULL
                          AND c.resident_away_since IS NOT NULL AND c.resident_away_since <= ?
                          AND NOT EXISTS (SELECT 1 FROM resident_connection r WHERE r.conversation_id = c.id)
                        ORDER BY c.resident_away_since""")
                .param(utc(cutoff))
                .query((row, n) -> new Gone(row.getString("id"), row.getString("state"), row.getInt("priority")))
                .list();
    }

    /**
     * Marks an agent's chat as left by its resident, away since before {@code awayBefore}; false when it was
     * already, is no longer with an agent, or the resident came back (checked in the same statement).
     */
    public boolean markLeft(String conversationId, Instant awayBefore, Instant now) {
        return jdbc.sql("""
                                UPDATE conversation SET resident_left_at = ?
                                WHERE id = ? AND state = 'WITH_AGENT' AND resident_left_at IS NULL
                                  AND resident_away_since IS NOT NULL AND resident_away_since <= ?
                                  AND NOT EXISTS (SELECT 1 FROM resident_connection r WHERE r.conversation_id = ?)""")
                        .params(utc(now), conversationId, utc(awayBefore), conversationId)
                        .update()
                == 1;
    }

    /**
     * This node's heartbeat, for the pages it holds now: rewrites their rows, and puts back any that are missing
     * (removed as silent while the database or this node stalled), so a resident still on the page is never taken
     * to have left.
     */
    public void heartbeat(String node, Map<String, String> conversationByConnection, Instant now) {
        int alive = jdbc.sql("UPDATE resident_connection SET heartbeat_at = ? WHERE node_id = ?")
                .params(utc(now), node)
                .update();
        if (alive >= conversationByConnection.size()) {
            return;
        }
        conversationByConnection.forEach((connection, conversation) -> {
            int restored = jdbc.sql("""
                            INSERT INTO resident_connection (node_id, connection_id, conversation_id, heartbeat_at)
                            SELECT ?, ?, ?, ? WHERE NOT EXISTS
                              (SELECT 1 FROM resident_connection WHERE node_id = ? AND connection_id = ?)""")
                    .params(node, connection, conversation, utc(now), node, connection)
                    .update();
            if (restored == 1) {
                jdbc.sql("UPDATE conversation SET resident_away_since = NULL WHERE id = ?")
                        .param(conversation)
                        .update();
            }
        });
    }

    /** Whether the resident of this agent's chat has been taken to have left. */
    public boolean hasLeft(String conversationId) {
        return jdbc.sql("SELECT COUNT(*) FROM conversation WHERE id = ? AND resident_left_at IS NOT NULL")
                        .param(conversationId)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    private void awaySinceIfNoPage(String conversationId, Instant now) {
        jdbc.sql("""
                        UPDATE conversation SET resident_away_since = ?
                        WHERE id = ?
                          AND NOT EXISTS (SELECT 1 FROM resident_connection r WHERE r.conversation_id = ?)""").params(utc(now), conversationId, conversationId).update();
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
