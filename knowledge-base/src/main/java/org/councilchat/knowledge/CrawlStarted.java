package org.councilchat.knowledge;

/** A crawl of the council's website began, started by {@code editor} (a staff member or the command line). */
public record CrawlStarted(CrawlRequest request, String editor) {}
