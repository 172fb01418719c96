package org.councilchat.knowledge.editor;

/** An editor asked for a crawl while another was still running: one at a time, so the site is not doubly loaded. */
class CrawlAlreadyRunning extends RuntimeException {

    CrawlAlreadyRunning() {
        super("A crawl is already running");
    }
}
