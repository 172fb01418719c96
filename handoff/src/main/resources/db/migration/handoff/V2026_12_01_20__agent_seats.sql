-- What an administrator set for an agent at /admin, overriding the staff configuration: the services they take
-- (skills, comma-separated; empty for a generalist), the languages they chat in, and how many chats they hold
-- at once. An agent without a row here has what the configuration says.
CREATE TABLE agent_seat (
    username     VARCHAR(100)  NOT NULL PRIMARY KEY,
    skills       VARCHAR(1000) NOT NULL,
    languages    VARCHAR(100)  NOT NULL,
    max_chats    INT           NOT NULL,
    changed_by   VARCHAR(100)  NOT NULL,
    changed_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
