-- Agent presence shared by every server (node), so an agent connected to one counts as online on all.
-- An agent's own choice to take no chats for now; the row is also what an assignment locks (SELECT ... FOR UPDATE)
-- so that two servers giving chats to one agent at the same moment cannot take them over their limit.
CREATE TABLE agent_presence (
    username    VARCHAR(100)  NOT NULL PRIMARY KEY,
    away        BOOLEAN       NOT NULL
);

-- Each live agent console connection, on whichever node holds it. The node rewrites heartbeat_at while it runs;
-- a node that dies leaves rows whose heartbeat goes stale, and those connections then count for nothing.
CREATE TABLE agent_connection (
    node_id        VARCHAR(200)  NOT NULL,
    connection_id  VARCHAR(200)  NOT NULL,
    username       VARCHAR(100)  NOT NULL,
    listening      BOOLEAN       NOT NULL,
    heartbeat_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (node_id, connection_id)
);
CREATE INDEX agent_connection_username ON agent_connection (username);

-- ShedLock's table (net.javacrumbs.shedlock): scheduled work that must run on one node of the cluster at a time.
CREATE TABLE shedlock (
    name        VARCHAR(64)   NOT NULL PRIMARY KEY,
    lock_until  TIMESTAMP     NOT NULL,
    locked_at   TIMESTAMP     NOT NULL,
    locked_by   VARCHAR(255)  NOT NULL
);
