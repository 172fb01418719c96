-- Explicit changes to single collections (moved or cancelled); they win over the bank-holiday rule.
CREATE TABLE bin_collection_exception (
    round_id        VARCHAR(60)  NOT NULL REFERENCES bin_round (id) ON DELETE CASCADE,
    scheduled_date  DATE         NOT NULL,
    new_date        DATE,
    reason          VARCHAR(200) NOT NULL,
    PRIMARY KEY (round_id, scheduled_date)
);
