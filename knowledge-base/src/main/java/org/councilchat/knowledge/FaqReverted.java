package org.councilchat.knowledge;

/** An earlier version of an FAQ was put back, as its newest version {@code faq}, by {@code editor}. */
public record FaqReverted(Faq faq, int versionPutBack, String editor) {}
