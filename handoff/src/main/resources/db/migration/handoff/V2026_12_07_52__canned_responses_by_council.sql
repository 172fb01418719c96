-- A canned response is one council's (its own numbers and links) or, with no council, the whole contact centre's
-- (a greeting, a closing). Agents are offered, in a chat, the contact centre's and that chat's council's.
ALTER TABLE canned_response ADD COLUMN council_id VARCHAR(40);
ALTER TABLE canned_response_change ADD COLUMN council_id VARCHAR(40);
