package org.councilchat.engine;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the bot engine ({@code council-chat.engine.*}).
 *
 * @param botName the name residents see on bot messages
 * @param trainingData where the intent classifier's training data is read from at start-up (a Spring resource
 *     location): {@code text,intent} CSV, or Rasa NLU YAML ({@code .yml}); used when no intent model is set
 * @param intentModel a model file written by {@code nlu train} to load instead of training at start-up (a Spring
 *     resource location; empty: train on the training data)
 * @param sentenceEmbeddings give the intent classifier each message's sentence embedding (all-MiniLM-L6-v2,
 *     in-process) as well as its words when training at start-up; a model file records its own choice
 * @param intentThreshold the confidence an intent needs before the bot acts on it
 * @param binCollectionsUrl the council page about bin collections, linked from bin-day answers
 * @param timeZone the council's time zone, for "today" and "tomorrow"
 */
@ConfigurationProperties("council-chat.engine")
public record EngineProperties(
        @DefaultValue("Council helper") String botName,

        @DefaultValue("classpath:nlu/foundation-intents.csv")
        String trainingData,

        @DefaultValue("") String intentModel,

        @DefaultValue("true") boolean sentenceEmbeddings,

        @DefaultValue("0.5") double intentThreshold,
        @DefaultValue("https://www.millbrook.example/bins") String binCollectionsUrl,
        @DefaultValue("Europe/London") String timeZone) {}
