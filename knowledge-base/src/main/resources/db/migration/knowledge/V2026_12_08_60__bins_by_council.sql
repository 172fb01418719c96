-- Each council of a shared service has its own bin rounds and properties (a county has none), imported apart
-- (README, "Councils"). Rounds and properties stored before belong to the first council configured (placeholder
-- first_council). A UPRN is unique in Great Britain, so a property stays one row; round ids must not clash.
ALTER TABLE bin_round ADD COLUMN council_id VARCHAR(40) DEFAULT '${first_council}' NOT NULL;
ALTER TABLE bin_round ALTER COLUMN council_id DROP DEFAULT;
ALTER TABLE bin_property ADD COLUMN council_id VARCHAR(40) DEFAULT '${first_council}' NOT NULL;
ALTER TABLE bin_property ALTER COLUMN council_id DROP DEFAULT;
CREATE INDEX bin_property_council ON bin_property (council_id, postcode);
-- A missed bin is reported to the council whose crews collect there.
ALTER TABLE missed_bin_report ADD COLUMN council_id VARCHAR(40) DEFAULT '${first_council}' NOT NULL;
ALTER TABLE missed_bin_report ALTER COLUMN council_id DROP DEFAULT;
