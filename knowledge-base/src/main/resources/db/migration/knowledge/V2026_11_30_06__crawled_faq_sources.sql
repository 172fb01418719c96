-- Where a crawled FAQ came from: its page, when it was last crawled and a hash of what was extracted, so a
-- re-crawl can tell changed entries from unchanged ones and flag entries whose page has gone. A table of its
-- own rather than columns on faq: FAQs written by editors or imported have no crawl record.
CREATE TABLE faq_crawl_source (
    faq_id        VARCHAR(100)  PRIMARY KEY REFERENCES faq (id) ON DELETE CASCADE,
    page_url      VARCHAR(1000) NOT NULL,
    crawled_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    content_hash  CHAR(64)      NOT NULL,
    gone_since    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX faq_crawl_source_page ON faq_crawl_source (page_url);
