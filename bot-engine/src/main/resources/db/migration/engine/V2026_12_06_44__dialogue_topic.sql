-- The intent of the resident's last request about a council service, kept when they go on to ask for a person,
-- so an agent is told what the chat was about.
ALTER TABLE dialogue_state ADD COLUMN topic VARCHAR(60);
