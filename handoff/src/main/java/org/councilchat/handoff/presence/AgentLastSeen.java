package org.councilchat.handoff.presence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * When each agent was last known to have a console connected, in the database so that every server (and the next
 * run of this one) can tell a chat whose agent has gone from a chat whose agent is connected elsewhere.
 */
@Repository
class AgentLastSeen {

    private final JdbcClient jdbc;

    AgentLastSeen(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The agent had a console connected at {@code at}; an earlier time never replaces a later one. */
    void seen(String username, Instant at) {
        OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
        int updated = jdbc.sql("UPDATE agent_last_seen SET seen_at = ? WHERE username = ? AND seen_at < ?")
                .params(when, username, when)
                .update();
        if (updated == 0) {
            try {
                jdbc.sql("INSERT INTO agent_last_seen (username, seen_at) SELECT ?, ? WHERE NOT EXISTS"
                                + " (SELECT 1 FROM agent_last_seen WHERE username = ?)")
                        .params(username, when, username)
                        .update();
            } catch (DuplicateKeyException anotherServerFirst) {
                seen(username, at);
            }
        }
    }

    /**
     * Agents holding a chat who were last known to be connected before {@code cutoff}: the later of when they were
     * last seen and when they took the chat, for an agent of a run before this table existed, when it last changed.
     */
    List<String> holdingChatsUnseenSince(Instant cutoff) {
        return jdbc.sql("""
                        SELECT DISTINCT c.agent_username FROM conversation c
                        LEFT JOIN agent_last_seen s ON s.username = c.agent_username
                        WHERE c.state = 'WITH_AGENT' AND c.agent_username IS NOT NULL
                          AND COALESCE(CASE WHEN s.seen_at > c.accepted_at THEN s.seen_at ELSE c.accepted_at END,
                                       s.seen_at, c.updated_at) < ?
                        ORDER BY c.agent_username""")
                .param(cutoff.atOffset(ZoneOffset.UTC))
                .query(String.class)
                .list();
    }
}
