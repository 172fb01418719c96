-- A message left for the contact centre out of hours (who and how to reply, and its case reference), and the
-- kind of risk a resident disclosed, so an agent sees it and a restart mid-message loses nothing.
ALTER TABLE dialogue_state ADD COLUMN contact_name VARCHAR(100);
ALTER TABLE dialogue_state ADD COLUMN contact_details VARCHAR(200);
ALTER TABLE dialogue_state ADD COLUMN case_reference VARCHAR(20);
ALTER TABLE dialogue_state ADD COLUMN safeguarding VARCHAR(30);
