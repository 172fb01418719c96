-- Who dealt with a case, when, and what they did, so the inbox only shows what still needs doing and the
-- contact centre can see how each message was followed up.
ALTER TABLE resident_case ADD COLUMN closed_by VARCHAR(100);
ALTER TABLE resident_case ADD COLUMN closed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE resident_case ADD COLUMN outcome VARCHAR(2000);
