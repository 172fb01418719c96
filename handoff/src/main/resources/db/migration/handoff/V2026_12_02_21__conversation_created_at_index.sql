-- The managers' chat figures read conversations by when they started.
CREATE INDEX conversation_created_at ON conversation (created_at);
