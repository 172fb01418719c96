package org.councilchat.engine.nlu;

/** One labelled resident message. */
public record TrainingExample(String text, String intent) {}
