-- The language a resident's message was written in (en or cy), so an agent sees a Welsh message in an English chat
-- for what it is, and screen readers read it in Welsh. Null for other senders and for words too few to tell.
ALTER TABLE chat_message ADD COLUMN language VARCHAR(5);
