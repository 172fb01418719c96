-- When an agent took each chat, so residents in the queue can be told how long recent waits have been.
ALTER TABLE conversation ADD COLUMN accepted_at TIMESTAMP WITH TIME ZONE;

-- What residents thought of a chat once it ended: one rating per conversation, a second replaces the first.
CREATE TABLE conversation_rating (
    conversation_id  VARCHAR(36)   PRIMARY KEY REFERENCES conversation (id) ON DELETE CASCADE,
    score            INT           NOT NULL,
    comment          VARCHAR(1000),
    rated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT conversation_rating_score CHECK (score BETWEEN 1 AND 5)
);
