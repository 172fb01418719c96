-- Rounds that start or stop on a date (a new estate, a seasonal garden round) and rounds only
-- subscribers get (garden waste).
ALTER TABLE bin_round ADD COLUMN start_date DATE;
ALTER TABLE bin_round ADD COLUMN end_date DATE;
ALTER TABLE bin_round ADD COLUMN subscription_only BOOLEAN DEFAULT FALSE NOT NULL;
