package org.councilchat.knowledge;

/**
 * An FAQ was created or changed by an editor: what it is now, and its status before (null for a new FAQ), so a
 * listener can tell a publish or an archive from an edit. Published by {@link KnowledgeBase#save} after the
 * index has taken it in, on the saving thread; a bulk load ({@link KnowledgeBase#saveAll}, an import, a crawl)
 * publishes its own one event instead of one per FAQ.
 */
public record FaqSaved(Faq faq, Faq.FaqStatus statusBefore, String editor) {}
