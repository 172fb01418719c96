-- Wrong staff passwords, counted across every server of a cluster (see SignInAttempts): per username, per address
-- and per username-and-address pair. The key is a SHA-256 of the (lower-cased) username and/or address, so that what
-- people type into the username box, a password now and then, is not kept. Rows whose last failure is older than
-- the lockout period count for nothing and are purged.
CREATE TABLE staff_sign_in_failure (
    kind        VARCHAR(20)  NOT NULL,
    record_key  CHAR(64)     NOT NULL,
    failures    INTEGER      NOT NULL,
    first_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (kind, record_key)
);

CREATE INDEX staff_sign_in_failure_last_at ON staff_sign_in_failure (last_at);
