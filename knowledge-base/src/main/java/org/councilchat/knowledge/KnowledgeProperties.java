package org.councilchat.knowledge;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.councilchat.knowledge.crawl.CrawlableAddresses;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the knowledge base ({@code council-chat.knowledge.*}).
 *
 * @param indexDirectory where the Lucene index lives; it is derived from the database and rebuilt when missing
 * @param confidenceThreshold the confidence below which a search is "no confident match"
 * @param synonyms the council's synonym list (a Spring resource location), e.g. file:/etc/council/synonyms.txt
 * @param semanticSearch whether sentence embeddings find paraphrases that share no words with an FAQ
 * @param bins how bin collection dates are worked out
 * @param crawl how {@code kb crawl} reads the council's web pages
 * @param feedback how long residents' unanswered questions and ratings are kept
 */
@ConfigurationProperties("council-chat.knowledge")
public record KnowledgeProperties(
        @DefaultValue("./data/index") Path indexDirectory,
        @DefaultValue(DEFAULT_CONFIDENCE_THRESHOLD_TEXT) double confidenceThreshold,
        @DefaultValue(DEFAULT_SYNONYMS) String synonyms,
        @DefaultValue("true") boolean semanticSearch,
        @DefaultValue Bins bins,
        @DefaultValue Crawl crawl,
        @DefaultValue Feedback feedback) {

    /** The confidence threshold when none is configured; also what {@code kb eval} measures against. */
    public static final double DEFAULT_CONFIDENCE_THRESHOLD = 0.7;

    static final String DEFAULT_CONFIDENCE_THRESHOLD_TEXT = "0.7";
    static final String DEFAULT_SYNONYMS = "classpath:knowledge/council-synonyms.txt";

    @ConstructorBinding
    public KnowledgeProperties {
        feedback = feedback == null ? Feedback.DEFAULTS : feedback;
    }

    /** Settings with the default feedback retention. */
    public KnowledgeProperties(
            Path indexDirectory,
            double confidenceThreshold,
            String synonyms,
            boolean semanticSearch,
            Bins bins,
            Crawl crawl) {
        this(indexDirectory, confidenceThreshold, synonyms, semanticSearch, bins, crawl, Feedback.DEFAULTS);
    }

    /** Settings with the built-in synonyms and semantic search. */
    public KnowledgeProperties(Path indexDirectory, double confidenceThreshold, Bins bins) {
        this(indexDirectory, confidenceThreshold, DEFAULT_SYNONYMS, true, bins, Crawl.DEFAULTS);
    }

    /** Settings without crawl settings of their own (the defaults apply). */
    public KnowledgeProperties(
            Path indexDirectory, double confidenceThreshold, String synonyms, boolean semanticSearch, Bins bins) {
        this(indexDirectory, confidenceThreshold, synonyms, semanticSearch, bins, Crawl.DEFAULTS);
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

    /**
     * Crawl settings ({@code kb crawl}).
     *
     * @param publish whether crawled FAQs go live at once rather than waiting as drafts for an editor
     * @param delay the least time between two requests to one host; a longer robots.txt Crawl-delay wins
     * @param timeout for connecting and for each response
     * @param maxPageSize pages larger than this are skipped
     * @param maxRedirects redirects followed for one URL before giving up
     * @param maxPages pages fetched in one crawl unless --max-pages says otherwise
     * @param userAgent how the crawler introduces itself; robots.txt groups for "CouncilChatBot" apply to it
     * @param allowedInternalHosts host names, addresses and CIDR ranges off the public internet that a crawl may
     *     read anyway (a council's intranet); none by default, so a crawl reads nothing on the server itself or
     *     the council's network
     */
    public record Crawl(
            @DefaultValue("false") boolean publish,
            @DefaultValue("1s") Duration delay,
            @DefaultValue("10s") Duration timeout,
            @DefaultValue("2MB") DataSize maxPageSize,
            @DefaultValue("5") int maxRedirects,
            @DefaultValue("500") int maxPages,
            @DefaultValue(USER_AGENT) String userAgent,
            @DefaultValue List<String> allowedInternalHosts) {

        static final String USER_AGENT = "CouncilChatBot/0.1 (+https://github.com/council-chat/council-chat)";

        public static final Crawl DEFAULTS = new Crawl(
                false, Duration.ofSeconds(1), Duration.ofSeconds(10), DataSize.ofMegabytes(2), 5, 500, USER_AGENT);

        @ConstructorBinding
        public Crawl {
            allowedInternalHosts = allowedInternalHosts == null ? List.of() : List.copyOf(allowedInternalHosts);
            CrawlableAddresses.allowing(allowedInternalHosts); // a range that is not one stops the start-up
        }

        /** Crawl settings that allow no internal addresses. */
        public Crawl(
                boolean publish,
                Duration delay,
                Duration timeout,
                DataSize maxPageSize,
                int maxRedirects,
                int maxPages,
                String userAgent) {
            this(publish, delay, timeout, maxPageSize, maxRedirects, maxPages, userAgent, List.of());
        }
    }

    /**
     * Residents' feedback: questions without a confident answer and "did this help?" answers.
     *
     * @param retention how long their (redacted) words are kept; older ones are purged daily
     */
    public record Feedback(@DefaultValue("90d") Duration retention) {

        public static final Feedback DEFAULTS = new Feedback(Duration.ofDays(90));
    }
}
