package org.councilchat.engine;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the bot engine ({@code council-chat.engine.*}).
 *
 * @param botName the name residents see on bot messages
 * @param trainingData where the intent classifier's training data is read from at start-up (Spring resource
 *     locations, comma-separated): {@code text,intent} CSV, or Rasa NLU YAML ({@code .yml}); the files are read
 *     as one training set, in order, so English and Welsh train one model that understands both; used when no
 *     intent model is set
 * @param intentModel a model file written by {@code nlu train} to load instead of training at start-up (a Spring
 *     resource location; empty: train on the training data)
 * @param modelDirectory where a model trained at start-up is kept, named by its version (the hash of its
 *     training data), so the next start with the same data loads it instead of training again (empty: train
 *     at every start)
 * @param sentenceEmbeddings give the intent classifier each message's sentence embedding (all-MiniLM-L6-v2,
 *     in-process) as well as its words when training at start-up; a model file records its own choice
 * @param intentThreshold the confidence an intent needs before the bot acts on it
 * @param binCollectionsUrl the council page about bin collections, linked from bin-day answers
 * @param timeZone the council's time zone, for "today" and "tomorrow" and the contact centre's hours
 * @param handoffTriggers the safeguarding and frustration phrases (a Spring resource location)
 * @param conversationRules what the bot does for each intent (a Spring resource location); a {@code file:}
 *     location is checked for changes every {@code conversationRulesCheckEvery} and reloaded while the bot runs
 * @param conversationRulesCheckEvery how often a rules file is checked for changes
 * @param emergencyDutyNumber the council's out-of-hours emergency duty team's phone number, shown with 999 and
 *     Samaritans when a resident discloses a risk; left out of that reply when blank
 * @param dutyLines the council's own duty lines by kind of risk ({@code child-at-risk}: the children's services
 *     duty team, {@code adult-at-risk}: adult social care's, {@code homeless-tonight}: the housing options
 *     out-of-hours line), shown with 999 and the national helplines for that risk in place of the emergency duty
 *     team's number
 * @param contactCentre when advisers answer chats
 */
@ConfigurationProperties("council-chat.engine")
public record EngineProperties(
        @DefaultValue("Council helper") String botName,

        @DefaultValue({"classpath:nlu/council-intents.csv", "classpath:nlu/council-intents-cy.csv"})
        List<String> trainingData,

        @DefaultValue("") String intentModel,

        @DefaultValue("./data/models") String modelDirectory,

        @DefaultValue("true") boolean sentenceEmbeddings,

        @DefaultValue("0.5") double intentThreshold,
        @DefaultValue("https://www.example.gov.uk/bins") String binCollectionsUrl,
        @DefaultValue("Europe/London") String timeZone,

        @DefaultValue("classpath:dialogue/handoff-triggers.yml")
        String handoffTriggers,

        @DefaultValue("classpath:dialogue/conversation-rules.yml")
        String conversationRules,

        @DefaultValue("5s") java.time.Duration conversationRulesCheckEvery,

        @DefaultValue("") String emergencyDutyNumber,
        Map<String, String> dutyLines,
        @DefaultValue ContactCentre contactCentre) {

    public EngineProperties {
        dutyLines = dutyLines == null ? Map.of() : Map.copyOf(dutyLines);
    }

    /**
     * The contact centre's hours for chat ({@code council-chat.engine.contact-centre.*}). Outside them the bot
     * offers to take a message instead of queueing the resident.
     *
     * @param hours rules like {@code MON-FRI 09:00-17:00}, in the council's time zone
     * @param closedOnBankHolidays closed all day on the bank holidays of the bin calendar's division
     * @param queueWhenNobodyOnline in opening hours with no adviser signed in to the console: false (the default)
     *     offers to take a message, as out of hours; true queues the resident anyway, for a council whose
     *     advisers sign in after the chat opens
     */
    public record ContactCentre(
            @DefaultValue("MON-FRI 09:00-17:00") List<String> hours,
            @DefaultValue("true") boolean closedOnBankHolidays,
            @DefaultValue("false") boolean queueWhenNobodyOnline) {}
}
