-- The managers' chat figures read conversations by when they started, and look up for each whether the
-- resident left a message.
CREATE INDEX conversation_created_at ON conversation (created_at);
CREATE INDEX resident_case_conversation ON resident_case (conversation_id);
