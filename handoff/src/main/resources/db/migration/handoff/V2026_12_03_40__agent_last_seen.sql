-- When each agent was last known to have a console connected, on any server: refreshed while connected, set when
-- the last console drops. Chats held by an agent not seen for longer than the grace period (a server restarted,
-- a laptop closed for good) go back to the queue, whichever server notices first.
CREATE TABLE agent_last_seen (
    username  VARCHAR(100)  NOT NULL PRIMARY KEY,
    seen_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
