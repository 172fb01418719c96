package org.councilchat.knowledge;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the knowledge base ({@code council-chat.knowledge.*}).
 *
 * @param indexDirectory where the Lucene index lives; it is derived from the database and rebuilt when missing
 * @param confidenceThreshold the confidence below which a search is "no confident match"
 */
@ConfigurationProperties("council-chat.knowledge")
public record KnowledgeProperties(
        @DefaultValue("./data/index") Path indexDirectory,
        @DefaultValue("0.6") double confidenceThreshold) {}
