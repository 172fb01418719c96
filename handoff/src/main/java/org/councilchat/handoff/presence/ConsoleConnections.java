package org.councilchat.handoff.presence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Agents' console connections on every node, and whether each agent set themselves away (tables
 * {@code agent_connection} and {@code agent_presence}): the facts presence is decided from, shared by every server.
 */
@Repository
public class ConsoleConnections {

    private final JdbcClient jdbc;

    public ConsoleConnections(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An agent with at least one live console connection, on any node. */
    public record LiveAgent(String username, boolean away, boolean listening) {}

    public void connected(String node, String connectionId, String username, Instant now) {
        ensureAgent(username);
        jdbc.sql("""
                        INSERT INTO agent_connection (node_id, connection_id, username, listening, heartbeat_at)
                        VALUES (?, ?, ?, FALSE, ?)""").params(node, connectionId, username, utc(now)).update();
    }

    public void listening(String node, String connectionId) {
        jdbc.sql("UPDATE agent_connection SET listening = TRUE WHERE node_id = ? AND connection_id = ?")
                .params(node, connectionId)
                .update();
    }

    public void disconnected(String node, String connectionId) {
        jdbc.sql("DELETE FROM agent_connection WHERE node_id = ? AND connection_id = ?")
                .params(node, connectionId)
                .update();
    }

    /** This node is alive: every console connected to it is too. */
    public void heartbeat(String node, Instant now) {
        jdbc.sql("UPDATE agent_connection SET heartbeat_at = ? WHERE node_id = ?")
                .params(utc(now), node)
                .update();
    }

    /** Removes connections whose node stopped rewriting their heartbeat before {@code cutoff}. */
    public int forgetSilentSince(Instant cutoff) {
        return jdbc.sql("DELETE FROM agent_connection WHERE heartbeat_at < ?")
                .param(utc(cutoff))
                .update();
    }

    /** The agents with a connection whose heartbeat is at or after {@code aliveSince}, on any node. */
    public List<LiveAgent> liveSince(Instant aliveSince) {
        return jdbc.sql("""
                        SELECT c.username, COALESCE(MAX(p.away_flag), 0) AS away,
                               MAX(CASE WHEN c.listening THEN 1 ELSE 0 END) AS listening
                        FROM agent_connection c
                        LEFT JOIN (SELECT username, CASE WHEN away THEN 1 ELSE 0 END AS away_flag FROM agent_presence) p
                          ON p.username = c.username
                        WHERE c.heartbeat_at >= ?
                        GROUP BY c.username
                        ORDER BY c.username""")
                .param(utc(aliveSince))
                .query((row, n) ->
                        new LiveAgent(row.getString("username"), row.getInt("away") == 1, row.getInt("listening") == 1))
                .list();
    }

    /** Sets whether the agent is away; returns false when they already were (or were not). */
    public boolean setAway(String username, boolean away) {
        ensureAgent(username);
        return jdbc.sql("UPDATE agent_presence SET away = ? WHERE username = ? AND away <> ?")
                        .params(away, username, away)
                        .update()
                == 1;
    }

    /**
     * Gives the agent the next busy turn. Two servers doing so at the same moment may give the same number; that
     * is a tie, broken by name, as between agents who were never busy.
     */
    public void busy(String username) {
        jdbc.sql("UPDATE agent_presence SET busy_turn = (SELECT COALESCE(MAX(busy_turn), 0) + 1 FROM agent_presence)"
                        + " WHERE username = ?")
                .param(username)
                .update();
    }

    /** Every agent's last busy turn (see {@code AgentPresence#busyTurns}). */
    public Map<String, Long> busyTurns() {
        Map<String, Long> turns = new HashMap<>();
        jdbc.sql("SELECT username, busy_turn FROM agent_presence").query(row -> {
            turns.put(row.getString("username"), row.getLong("busy_turn"));
        });
        return turns;
    }

    /**
     * Makes sure the agent has a row in {@code agent_presence}, which assignments lock. Outside any transaction on
     * purpose: on PostgreSQL a failed insert would spoil the transaction around it.
     */
    public void ensureAgent(String username) {
        try {
            jdbc.sql("INSERT INTO agent_presence (username, away) SELECT ?, FALSE WHERE NOT EXISTS"
                            + " (SELECT 1 FROM agent_presence WHERE username = ?)")
                    .params(username, username)
                    .update();
        } catch (DuplicateKeyException anotherServerFirst) {
            // the row is there, which is all that was wanted
        }
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
