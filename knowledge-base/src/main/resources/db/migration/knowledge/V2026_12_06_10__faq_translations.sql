-- FAQs in both languages: a Welsh FAQ names the English FAQ it translates (or the other way round), so a Welsh
-- conversation is given the Welsh version of an answer and editors see which English FAQs have none yet.
-- No foreign key: an FAQ may be imported before the FAQ it translates, and archiving one must not break the
-- other. Portable SQL: runs on H2 and PostgreSQL.
ALTER TABLE faq ADD COLUMN translation_of VARCHAR(100);
ALTER TABLE faq_version ADD COLUMN translation_of VARCHAR(100);
CREATE INDEX faq_translation_of ON faq (translation_of);
