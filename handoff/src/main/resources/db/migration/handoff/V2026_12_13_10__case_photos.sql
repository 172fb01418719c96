-- Photos a resident added to a message they left (out of hours, or with no adviser free). They belong to the
-- case, not to the chat: a case is kept until it is dealt with, which may be after its conversation's transcript
-- has gone, and the purge that deletes a closed case deletes its photos with it.
CREATE TABLE case_photo (
    id               VARCHAR(43)  PRIMARY KEY,
    case_reference   VARCHAR(20)  NOT NULL REFERENCES resident_case (reference) ON DELETE CASCADE,
    jpeg             BYTEA        NOT NULL,
    width            INT          NOT NULL,
    height           INT          NOT NULL,
    sent_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX case_photo_case ON case_photo (case_reference, sent_at);
