-- When each agent last came online, came back, or had a chat given or taken away, as a turn number shared by every
-- server: the lower, the longer they have been idle, so auto-assignment breaks ties between equally fit agents with
-- as many chats the same way on every node. A counter, not a clock, so the order is exact.
ALTER TABLE agent_presence ADD COLUMN busy_turn BIGINT DEFAULT 0 NOT NULL;
