-- A change to an FAQ waiting for a second editor, for a council that wants two pairs of eyes on what residents are
-- told (council-chat.councils[].faq-review). The live FAQ stays as it is until the change is approved; one change
-- waits per FAQ (sending another replaces it). base_version is the FAQ's version the change was made on: a change
-- made on a version since replaced is not approved blind.
CREATE TABLE faq_review (
    faq_id          VARCHAR(100)   NOT NULL PRIMARY KEY,
    council_id      VARCHAR(40)    NOT NULL,
    base_version    INT            NOT NULL,
    service_area    VARCHAR(60)    NOT NULL,
    question        VARCHAR(500)   NOT NULL,
    phrasings       VARCHAR(4000)  NOT NULL,
    answer_html     VARCHAR(20000) NOT NULL,
    source_url      VARCHAR(1000),
    language        VARCHAR(5)     NOT NULL,
    owner           VARCHAR(100),
    review_by       DATE,
    translation_of  VARCHAR(100),
    sent_by         VARCHAR(100)   NOT NULL,
    sent_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX faq_review_council ON faq_review (council_id);

-- Who sent a version for review; saved_by is then the editor who approved it. Null: published without review.
ALTER TABLE faq_version ADD COLUMN sent_for_review_by VARCHAR(100);
