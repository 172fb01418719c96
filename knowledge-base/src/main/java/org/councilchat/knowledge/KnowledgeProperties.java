package org.councilchat.knowledge;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the knowledge base ({@code council-chat.knowledge.*}).
 *
 * @param indexDirectory where the Lucene index lives; it is derived from the database and rebuilt when missing
 * @param confidenceThreshold the confidence below which a search is "no confident match"
 * @param synonyms the council's synonym list (a Spring resource location), e.g. file:/etc/council/synonyms.txt
 * @param semanticSearch whether sentence embeddings find paraphrases that share no words with an FAQ
 * @param bins how bin collection dates are worked out
 */
@ConfigurationProperties("council-chat.knowledge")
public record KnowledgeProperties(
        @DefaultValue("./data/index") Path indexDirectory,
        @DefaultValue(DEFAULT_CONFIDENCE_THRESHOLD_TEXT) double confidenceThreshold,
        @DefaultValue(DEFAULT_SYNONYMS) String synonyms,
        @DefaultValue("true") boolean semanticSearch,
        @DefaultValue Bins bins) {

    /** The confidence threshold when none is configured; also what {@code kb eval} measures against. */
    public static final double DEFAULT_CONFIDENCE_THRESHOLD = 0.7;

    static final String DEFAULT_CONFIDENCE_THRESHOLD_TEXT = "0.7";
    static final String DEFAULT_SYNONYMS = "classpath:knowledge/council-synonyms.txt";

    @ConstructorBinding
    public KnowledgeProperties {}

    /** Settings with the built-in synonyms and semantic search. */
    public KnowledgeProperties(Path indexDirectory, double confidenceThreshold, Bins bins) {
        this(indexDirectory, confidenceThreshold, DEFAULT_SYNONYMS, true, bins);
    }

    /**
     * Bin collection settings.
     *
     * @param bankHolidays a file in GOV.UK's bank-holidays.json format (a Spring resource location)
     * @param division which UK division's bank holidays apply: england-and-wales, scotland or northern-ireland
     * @param bankHolidayRule what the council does with collections in a bank-holiday week
     * @param localAuthorities GOV.UK's list of councils, to name the council serving a postcode outside ours
     * @param postcodeTables ONSPD or Code-Point Open CSV files mapping postcodes to councils (none by default)
     * @param collectionServiceUrl when set, next collection dates come from this UKBinCollectionData-style
     *     service ({uprn} and {postcode} are filled in) instead of the rounds in the database
     */
    public record Bins(
            @DefaultValue("classpath:bins/uk-bank-holidays.json")
            String bankHolidays,

            @DefaultValue("england-and-wales") String division,
            @DefaultValue("SHIFT_REST_OF_WEEK") BankHolidayRule bankHolidayRule,

            @DefaultValue("classpath:areas/govuk-local-authorities.csv")
            String localAuthorities,

            @DefaultValue List<String> postcodeTables,
            String collectionServiceUrl) {}
}
