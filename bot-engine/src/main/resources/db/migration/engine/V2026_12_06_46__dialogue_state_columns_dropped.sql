-- The dialogue state is one JSON document now (V2026_12_06_45 moved every row into it): a new field is one edit
-- of the DialogueState record, not a column, a row mapper and two statements.
ALTER TABLE dialogue_state ALTER COLUMN document SET NOT NULL;
ALTER TABLE dialogue_state DROP COLUMN awaiting;
ALTER TABLE dialogue_state DROP COLUMN task;
ALTER TABLE dialogue_state DROP COLUMN wanted_stream;
ALTER TABLE dialogue_state DROP COLUMN postcode;
ALTER TABLE dialogue_state DROP COLUMN uprn;
ALTER TABLE dialogue_state DROP COLUMN address;
ALTER TABLE dialogue_state DROP COLUMN last_intent;
ALTER TABLE dialogue_state DROP COLUMN last_confidence;
ALTER TABLE dialogue_state DROP COLUMN answered_faq_id;
ALTER TABLE dialogue_state DROP COLUMN missed_bin_reference;
ALTER TABLE dialogue_state DROP COLUMN consecutive_failures;
ALTER TABLE dialogue_state DROP COLUMN contact_name;
ALTER TABLE dialogue_state DROP COLUMN contact_details;
ALTER TABLE dialogue_state DROP COLUMN case_reference;
ALTER TABLE dialogue_state DROP COLUMN safeguarding;
ALTER TABLE dialogue_state DROP COLUMN service;
ALTER TABLE dialogue_state DROP COLUMN feedback_question;
ALTER TABLE dialogue_state DROP COLUMN topic;
