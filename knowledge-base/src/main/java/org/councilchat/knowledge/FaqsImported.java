package org.councilchat.knowledge;

/**
 * A file of FAQs was imported, all or nothing: published inside the import's transaction, so whatever records
 * it (the audit) is kept only if the FAQs are.
 */
public record FaqsImported(String fileName, int created, int replaced, String editor) {}
