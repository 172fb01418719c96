-- Each resident chat connection (the widget's WebSocket), on whichever node holds it, as agent_connection is for
-- consoles: the node rewrites heartbeat_at while it runs, so a node that dies leaves rows that go stale.
CREATE TABLE resident_connection (
    node_id          VARCHAR(200)  NOT NULL,
    connection_id    VARCHAR(200)  NOT NULL,
    conversation_id  VARCHAR(36)   NOT NULL,
    heartbeat_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (node_id, connection_id)
);
CREATE INDEX resident_connection_conversation ON resident_connection (conversation_id);

-- Since when a resident waiting for or chatting with an agent has had no page open (null while they have one), and
-- when they were taken to have left an agent's chat for good (council-chat.handoff.resident-grace-period).
ALTER TABLE conversation ADD COLUMN resident_away_since TIMESTAMP WITH TIME ZONE;
ALTER TABLE conversation ADD COLUMN resident_left_at TIMESTAMP WITH TIME ZONE;
