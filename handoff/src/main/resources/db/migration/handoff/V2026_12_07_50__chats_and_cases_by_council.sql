-- One deployment may serve several councils (a shared contact centre): every chat and every case belongs to one,
-- and staff see only their councils' (README, "Councils"). What was stored before belongs to the first council
-- configured (the Flyway placeholder first_council, set in application.yml; "default" when none is listed); the
-- column's default is dropped so that nothing new is stored without its council.
ALTER TABLE conversation ADD COLUMN council_id VARCHAR(40) DEFAULT '${first_council}' NOT NULL;
ALTER TABLE conversation ALTER COLUMN council_id DROP DEFAULT;
-- council_id is the council that serves the chat (its staff see it); site_council_id the council whose site the
-- resident is on. They differ when a district's resident is handed to the county for a county service: the chat
-- is the county's to answer, and still resumes on the district's pages.
ALTER TABLE conversation ADD COLUMN site_council_id VARCHAR(40) DEFAULT '${first_council}' NOT NULL;
ALTER TABLE conversation ALTER COLUMN site_council_id DROP DEFAULT;
ALTER TABLE resident_case ADD COLUMN council_id VARCHAR(40) DEFAULT '${first_council}' NOT NULL;
ALTER TABLE resident_case ALTER COLUMN council_id DROP DEFAULT;
CREATE INDEX conversation_council_queue ON conversation (council_id, state);
CREATE INDEX resident_case_council ON resident_case (council_id, status);
