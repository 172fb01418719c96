-- What the postcode is for (a bin day or a missed-bin report), which bin the resident named, and the
-- missed-bin reference given.
ALTER TABLE dialogue_state ADD COLUMN task VARCHAR(20) DEFAULT 'BIN_DAY' NOT NULL;
ALTER TABLE dialogue_state ADD COLUMN missed_bin_reference VARCHAR(20);
ALTER TABLE dialogue_state ADD COLUMN wanted_stream VARCHAR(30);
