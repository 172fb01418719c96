-- The council service of the resident's last request (routes a handoff by skill), and the question an FAQ
-- answered while the bot waits for "Did this answer your question?".
ALTER TABLE dialogue_state ADD COLUMN service VARCHAR(40);
ALTER TABLE dialogue_state ADD COLUMN feedback_question VARCHAR(2000);
