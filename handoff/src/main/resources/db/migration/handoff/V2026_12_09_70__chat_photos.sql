-- Photos residents sent to an adviser: the JPEG as stored (re-encoded, every tag dropped). They go with their
-- conversation, so the retention purge that deletes a conversation deletes its photos.
CREATE TABLE chat_photo (
    id               VARCHAR(43)  PRIMARY KEY,
    conversation_id  VARCHAR(36)  NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    jpeg             BYTEA        NOT NULL,
    width            INT          NOT NULL,
    height           INT          NOT NULL,
    sent_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX chat_photo_conversation ON chat_photo (conversation_id, sent_at);
