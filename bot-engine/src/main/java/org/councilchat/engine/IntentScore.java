package org.councilchat.engine;

/** One intent with the classifier's probability for it, in [0,1]. */
public record IntentScore(String intent, double confidence) {}
