-- What the bot has learned in each conversation, so a restart mid-conversation loses nothing.
CREATE TABLE dialogue_state (
    conversation_id      VARCHAR(36)  PRIMARY KEY,
    awaiting             VARCHAR(20)  NOT NULL,
    postcode             VARCHAR(8),
    uprn                 VARCHAR(20),
    address              VARCHAR(300),
    last_intent          VARCHAR(60),
    last_confidence      DOUBLE PRECISION,
    answered_faq_id      VARCHAR(100),
    consecutive_failures INT          NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL
);
