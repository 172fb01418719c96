-- Who looks after each FAQ and when it is next due for review, so stale answers are found before residents
-- are misled by them.
ALTER TABLE faq ADD COLUMN owner VARCHAR(100);
ALTER TABLE faq ADD COLUMN review_by DATE;

-- Every saved version of every FAQ: what it said, who saved it and when. Editors see the history and can put
-- an earlier version back (which saves it again as the newest version, so nothing is ever lost).
CREATE TABLE faq_version (
    faq_id        VARCHAR(100)   NOT NULL,
    version       INT            NOT NULL,
    service_area  VARCHAR(60)    NOT NULL,
    question      VARCHAR(500)   NOT NULL,
    phrasings     VARCHAR(4000)  NOT NULL,
    answer_html   VARCHAR(20000) NOT NULL,
    source_url    VARCHAR(1000),
    status        VARCHAR(20)    NOT NULL,
    language      VARCHAR(5)     NOT NULL,
    owner         VARCHAR(100),
    review_by     DATE,
    saved_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    saved_by      VARCHAR(100)   NOT NULL,
    PRIMARY KEY (faq_id, version)
);

-- The versions saved before history was kept become each FAQ's first recorded version.
INSERT INTO faq_version (faq_id, version, service_area, question, phrasings, answer_html, source_url, status,
  language, owner, review_by, saved_at, saved_by)
SELECT id, version, service_area, question, phrasings, answer_html, source_url, status, language, owner,
  review_by, updated_at, updated_by
FROM faq;
