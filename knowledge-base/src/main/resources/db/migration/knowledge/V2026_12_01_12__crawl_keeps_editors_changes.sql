-- A re-crawl must not overwrite what an editor wrote. faq_version is the FAQ's version as the crawl last left
-- it: a higher version means an editor has changed it since. page_changed_since is set when the web page then
-- changed too, so the editor can compare; the editor's text stays.
ALTER TABLE faq_crawl_source ADD COLUMN faq_version INT;
ALTER TABLE faq_crawl_source ADD COLUMN page_changed_since TIMESTAMP WITH TIME ZONE;
