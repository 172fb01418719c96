-- Missed-bin reports residents make in the chat, each with the reference they were given.
CREATE TABLE missed_bin_report (
    reference        VARCHAR(20)  PRIMARY KEY,
    uprn             VARCHAR(20)  NOT NULL,
    address          VARCHAR(300) NOT NULL,
    round_id         VARCHAR(60)  NOT NULL,
    bin_name         VARCHAR(200) NOT NULL,
    due_date         DATE         NOT NULL,
    conversation_id  VARCHAR(36),
    reported_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT missed_bin_report_once UNIQUE (uprn, round_id, due_date)
);
