package org.councilchat.knowledge;

/**
 * An FAQ found for a resident's words, with a confidence in [0,1]: the share of the informative words of
 * the question that this FAQ covers (words in its question or phrasings count fully, words only in the
 * answer count half).
 */
public record FaqMatch(Faq faq, double confidence) {}
