-- Knowledge base: the council's FAQs (the database is the source of truth; the Lucene index is derived)
-- and the bin rounds that bin-day answers are computed from. Portable SQL: runs on H2 and PostgreSQL.
CREATE TABLE faq (
    id            VARCHAR(100)   PRIMARY KEY,
    service_area  VARCHAR(60)    NOT NULL,
    question      VARCHAR(500)   NOT NULL,
    phrasings     VARCHAR(4000)  NOT NULL,
    answer_html   VARCHAR(20000) NOT NULL,
    source_url    VARCHAR(1000),
    status        VARCHAR(20)    NOT NULL,
    language      VARCHAR(5)     NOT NULL,
    version       INT            NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by    VARCHAR(100)   NOT NULL
);

CREATE TABLE bin_round (
    id              VARCHAR(60)  PRIMARY KEY,
    stream          VARCHAR(30)  NOT NULL,
    name            VARCHAR(200) NOT NULL,
    colour          VARCHAR(30),
    day_of_week     VARCHAR(10)  NOT NULL,
    interval_weeks  INT          NOT NULL CHECK (interval_weeks BETWEEN 1 AND 52),
    reference_date  DATE         NOT NULL
);

CREATE TABLE bin_property (
    uprn      VARCHAR(20)  PRIMARY KEY,
    address   VARCHAR(300) NOT NULL,
    postcode  VARCHAR(8)   NOT NULL
);
CREATE INDEX bin_property_postcode ON bin_property (postcode);

CREATE TABLE bin_property_round (
    uprn      VARCHAR(20) NOT NULL REFERENCES bin_property (uprn) ON DELETE CASCADE,
    round_id  VARCHAR(60) NOT NULL REFERENCES bin_round (id),
    PRIMARY KEY (uprn, round_id)
);
