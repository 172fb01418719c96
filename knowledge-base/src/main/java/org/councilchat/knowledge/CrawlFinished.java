package org.councilchat.knowledge;

/** A crawl ended with its report (a crawl that stopped on an error publishes nothing: its history says why). */
public record CrawlFinished(CrawlRequest request, CrawlReport report, String editor) {}
