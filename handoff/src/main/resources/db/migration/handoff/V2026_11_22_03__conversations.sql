-- Conversations with residents, their transcripts, and the agent queue (a conversation in state WAITING).
CREATE TABLE conversation (
    id                 VARCHAR(36)  PRIMARY KEY,
    resume_token_hash  VARCHAR(64)  NOT NULL UNIQUE,
    state              VARCHAR(20)  NOT NULL,
    language           VARCHAR(5)   NOT NULL,
    last_seq           BIGINT       NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    waiting_since      TIMESTAMP WITH TIME ZONE,
    handoff_reason     VARCHAR(30),
    priority           INT          NOT NULL,
    agent_username     VARCHAR(100),
    agent_name         VARCHAR(100),
    context            VARCHAR(4000),
    outcome            VARCHAR(30),
    closed_at          TIMESTAMP WITH TIME ZONE
);
CREATE INDEX conversation_queue ON conversation (state, priority, waiting_since);

CREATE TABLE chat_message (
    conversation_id    VARCHAR(36)  NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    seq                BIGINT       NOT NULL,
    sender             VARCHAR(10)  NOT NULL,
    sender_name        VARCHAR(100),
    body               VARCHAR(20000) NOT NULL,
    extras             VARCHAR(20000),
    client_message_id  VARCHAR(64),
    sent_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (conversation_id, seq),
    CONSTRAINT chat_message_client_id UNIQUE (conversation_id, sender, client_message_id)
);
