-- Each council has its own FAQs, answered to its own residents and edited by its own editors (README, "Councils").
-- FAQs saved before belong to the first council configured (placeholder first_council, see application.yml). Ids stay unique across
-- councils, so the history, translations and feedback that name an FAQ by id need no change.
ALTER TABLE faq ADD COLUMN council_id VARCHAR(40) DEFAULT '${first_council}' NOT NULL;
ALTER TABLE faq ALTER COLUMN council_id DROP DEFAULT;
CREATE INDEX faq_council ON faq (council_id, status);
-- A crawl fills one council's FAQs from that council's site.
ALTER TABLE crawl_run ADD COLUMN council_id VARCHAR(40) DEFAULT '${first_council}' NOT NULL;
ALTER TABLE crawl_run ALTER COLUMN council_id DROP DEFAULT;
-- What a council's residents asked is for that council's editors (content gaps).
ALTER TABLE answer_feedback ADD COLUMN council_id VARCHAR(40) DEFAULT '${first_council}' NOT NULL;
ALTER TABLE answer_feedback ALTER COLUMN council_id DROP DEFAULT;
