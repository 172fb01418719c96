package org.councilchat.engine;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the bot engine ({@code council-chat.engine.*}).
 *
 * @param botName the name residents see on bot messages
 * @param trainingData where the intent classifier's {@code text,intent} CSV is read from (a Spring resource location)
 * @param intentThreshold the confidence an intent needs before the bot acts on it
 * @param binCollectionsUrl the council page about bin collections, linked from bin-day answers
 * @param timeZone the council's time zone, for "today" and "tomorrow"
 */
@ConfigurationProperties("council-chat.engine")
public record EngineProperties(
        @DefaultValue("Council helper") String botName,

        @DefaultValue("classpath:nlu/foundation-intents.csv")
        String trainingData,

        @DefaultValue("0.5") double intentThreshold,
        @DefaultValue("https://www.millbrook.example/bins") String binCollectionsUrl,
        @DefaultValue("Europe/London") String timeZone) {}
