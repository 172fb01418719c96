-- Messages residents leave when no adviser can take the chat (out of hours), and disclosures of risk made out of
-- hours: who to reply to and how, their words, and a copy of the transcript, which is kept with the case because
-- the contact centre follows a case up after the chat itself has ended.
CREATE TABLE resident_case (
    reference        VARCHAR(20)    PRIMARY KEY,
    conversation_id  VARCHAR(36)    NOT NULL,
    name             VARCHAR(100),
    contact          VARCHAR(200),
    message          VARCHAR(20000) NOT NULL,
    language         VARCHAR(5)     NOT NULL,
    urgent           BOOLEAN        NOT NULL,
    status           VARCHAR(20)    NOT NULL,
    transcript       VARCHAR(200000) NOT NULL,
    opened_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX resident_case_inbox ON resident_case (status, urgent, opened_at);
