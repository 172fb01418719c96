package org.councilchat.councils;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * A council this deployment serves: how residents see it and where its widget may be embedded. One deployment may
 * serve several (a shared contact centre, or a district and its county); everything residents and staff do is kept
 * apart by the council's {@code id}.
 *
 * @param id short, lower case and stable ({@code millbrook}): stored with every chat and case, named by the widget's
 *     {@code data-council}, and by staff accounts' {@code councils}; renaming it strands what was stored under it
 * @param name the council's name as residents know it ("Millbrook District Council")
 * @param origins the web sites (scheme://host[:port]) whose pages may open this council's chat; the chat server's
 *     own pages always may
 * @param languages the languages its residents may chat in ({@code en}, {@code cy}), the first the usual one
 * @param privacyUrl the council's privacy notice for the chat, linked before a resident's first message; blank: the chat
 *     server's own notice naming this council, its data controller and its retention period
 * @param colour the colour (#rrggbb) staff see its chats marked with in the console, beside its name
 * @param servicesFrom the services another council provides to this council's residents, by service (the
 *     handoff skills: {@code highways: westshire}): a district in a two-tier area names its county for roads,
 *     schools and social care. Its residents asking about one are answered from that council's FAQs, saying who
 *     provides it, and handed to that council's agents. Data, not code: each area's split is its own.
 * @param emergencyDutyNumber the council's out-of-hours emergency duty team, shown with 999 when one of its
 *     residents discloses a risk; blank: the deployment's ({@code council-chat.engine.emergency-duty-number})
 * @param dutyLines the council's own duty lines by kind of risk ({@code child-at-risk}, {@code adult-at-risk},
 *     {@code homeless-tonight}), in place of the deployment's ({@code council-chat.engine.duty-lines}); a district
 *     whose county runs social care lists the county's lines for a child or an adult at risk
 * @param dataController the organisation answerable for residents' personal data in this council's chats, named in
 *     its privacy notice; blank: the council itself. A shared service may name its joint committee.
 * @param contactCentreHours when this council's advisers answer chats ({@code MON-FRI 09:00-17:00}, as
 *     {@code council-chat.engine.contact-centre.hours}); empty: the deployment's hours
 * @param closedOnBankHolidays whether this council's advisers are away on bank holidays; null: as the deployment's
 * @param bankHolidays which bank holidays this council keeps: {@code england-and-wales}, {@code scotland} or
 *     {@code northern-ireland}; for its advisers' hours and its bin rounds; blank: the deployment's
 *     ({@code council-chat.knowledge.bins.division})
 * @param bankHolidayRule what this council's bin rounds do in a bank-holiday week ({@code SHIFT_REST_OF_WEEK} or
 *     {@code NO_CHANGE}); blank: the deployment's ({@code council-chat.knowledge.bins.bank-holiday-rule})
 * @param retention how long this council keeps the conversations it serves and the messages left with it (a
 *     district resident's chat about a county service is the county's, on its schedule), from its own retention
 *     schedule; null: the deployment's ({@code council-chat.retention.conversations})
 * @param botName what the bot is called on this council's site ("Glanafon helper"); blank: the deployment's
 *     ({@code council-chat.engine.bot-name})
 * @param binCollectionsUrl this council's bin collection days page, linked under its bin answers; blank: the
 *     deployment's ({@code council-chat.engine.bin-collections-url})
 * @param caseEmail where messages its residents leave are emailed (comma-separated for several): its own team's
 *     inbox; blank: the deployment's ({@code council-chat.cases.notify})
 * @param conversationRules this council's own conversation rules file (its links and numbers), checked and
 *     watched like the deployment's; blank: the deployment's ({@code council-chat.engine.conversation-rules})
 * @param topics the topics the bot offers as one-tap buttons when the chat opens and when it cannot help, from
 *     {@link #TOPICS}, most asked first (at most five; "talk to a person" always follows); empty: bin day, missed bin
 *     and council tax, a district's or unitary's. A county that collects no bins and no council tax lists its own.
 * @param faqReview whether this council wants two pairs of eyes on what residents are told: an editor's new or
 *     changed answer (from the form, a version put back or an import) goes live only once another of its editors
 *     approves it; false (the default): an editor publishes their own changes
 */
public record Council(
        String id,
        String name,
        List<String> origins,
        List<String> languages,
        String privacyUrl,
        String colour,
        Map<String, String> servicesFrom,
        String emergencyDutyNumber,
        Map<String, String> dutyLines,
        String dataController,
        List<String> contactCentreHours,
        Boolean closedOnBankHolidays,
        String bankHolidays,
        String bankHolidayRule,
        Duration retention,
        String botName,
        String binCollectionsUrl,
        String caseEmail,
        String conversationRules,
        List<String> topics,
        boolean faqReview) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final List<String> LANGUAGES = List.of("en", "cy");
    private static final List<String> DIVISIONS = List.of("england-and-wales", "scotland", "northern-ireland");
    private static final List<String> BANK_HOLIDAY_RULES = List.of("SHIFT_REST_OF_WEEK", "NO_CHANGE");

    /** The topics the bot has buttons for (their words, in English and Welsh, are the bot's). */
    public static final List<String> TOPICS = List.of(
            "bin-day",
            "missed-bin",
            "council-tax",
            "school-place",
            "school-transport",
            "care-and-support",
            "childrens-services");

    private static final List<String> DISTRICT_TOPICS = List.of("bin-day", "missed-bin", "council-tax");

    /** The id of the council of a deployment that lists none, and of every chat stored before councils were. */
    public static final String DEFAULT_ID = "default";

    @ConstructorBinding
    public Council {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("council-chat.councils[].id must be 1 to 40 lower-case letters, digits"
                    + " or hyphens, starting with a letter or digit (it is stored with every chat), not '" + id + "'");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Council '" + id + "' needs a name (council-chat.councils[].name)");
        }
        origins = origins == null
                ? List.of()
                : origins.stream().map(origin -> origin(id, origin)).toList();
        languages = languages == null || languages.isEmpty() ? LANGUAGES : List.copyOf(languages);
        for (String language : languages) {
            if (!LANGUAGES.contains(language)) {
                throw new IllegalArgumentException("Council '" + id + "' lists language '" + language
                        + "': the chat speaks en (English) and cy (Welsh)");
            }
        }
        // The chat server's own notice, naming this council, for a council that links to none of its own.
        privacyUrl = privacyUrl == null || privacyUrl.isBlank()
                ? (DEFAULT_ID.equals(id) ? "/privacy" : "/privacy?council=" + id)
                : privacyUrl.strip();
        colour = colour == null || colour.isBlank() ? "#1d70b8" : colour.strip();
        if (!COLOUR.matcher(colour).matches()) {
            throw new IllegalArgumentException(
                    "Council '" + id + "' has colour '" + colour + "': give it as #rrggbb, e.g. #00703c");
        }
        servicesFrom = servicesFrom == null ? Map.of() : Map.copyOf(servicesFrom);
        emergencyDutyNumber = emergencyDutyNumber == null ? "" : emergencyDutyNumber.strip();
        dutyLines = dutyLines == null ? Map.of() : Map.copyOf(dutyLines);
        dataController = dataController == null || dataController.isBlank() ? name : dataController.strip();
        contactCentreHours = contactCentreHours == null ? List.of() : List.copyOf(contactCentreHours);
        bankHolidays = bankHolidays == null || bankHolidays.isBlank() ? null : bankHolidays.strip();
        if (bankHolidays != null && !DIVISIONS.contains(bankHolidays)) {
            throw new IllegalArgumentException("Council '" + id + "' keeps the bank holidays of '" + bankHolidays
                    + "': give one of " + String.join(", ", DIVISIONS));
        }
        bankHolidayRule = bankHolidayRule == null || bankHolidayRule.isBlank()
                ? null
                : bankHolidayRule.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        if (bankHolidayRule != null && !BANK_HOLIDAY_RULES.contains(bankHolidayRule)) {
            throw new IllegalArgumentException("Council '" + id + "' has bank-holiday-rule '" + bankHolidayRule
                    + "': give one of " + String.join(", ", BANK_HOLIDAY_RULES));
        }
        botName = botName == null ? "" : botName.strip();
        binCollectionsUrl = binCollectionsUrl == null ? "" : binCollectionsUrl.strip();
        caseEmail = caseEmail == null ? "" : caseEmail.strip();
        conversationRules = conversationRules == null ? "" : conversationRules.strip();
        topics = topics == null || topics.isEmpty() ? DISTRICT_TOPICS : List.copyOf(topics);
        for (String topic : topics) {
            if (!TOPICS.contains(topic)) {
                throw new IllegalArgumentException("Council '" + id + "' lists topic '" + topic
                        + "': the bot has buttons for " + String.join(", ", TOPICS));
            }
        }
        if (topics.size() > 5 || topics.stream().distinct().count() < topics.size()) {
            throw new IllegalArgumentException("Council '" + id + "' lists topics " + topics
                    + ": give at most five, each once (a phone shows them all above the keyboard)");
        }
        if (retention != null && (retention.isNegative() || retention.isZero())) {
            throw new IllegalArgumentException(
                    "Council '" + id + "' keeps conversations for " + retention + ": give a positive time, e.g. 365d");
        }
    }

    /** A council that provides every service itself. */
    public Council(
            String id, String name, List<String> origins, List<String> languages, String privacyUrl, String colour) {
        this(
                id,
                name,
                origins,
                languages,
                privacyUrl,
                colour,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                false);
    }

    /** The council that provides this service to this council's residents: another one, or this one itself. */
    public String providerOf(String service) {
        return service == null ? id : servicesFrom.getOrDefault(service, id);
    }

    /** The council of a deployment that lists none: today's single council, named by its settings. */
    public static Council onlyCouncil() {
        return new Council(DEFAULT_ID, "Your council", List.of(), LANGUAGES, "/privacy", null);
    }

    /**
     * A council a stored chat names but the configuration no longer lists: still shown (by its id) to the staff
     * who serve every council, so nothing stored becomes invisible.
     */
    public static Council unlisted(String id) {
        return new Council(id, id, List.of(), LANGUAGES, "/privacy", "#505a5f");
    }

    /** Whether a page from this origin (scheme://host[:port]) may open this council's chat. */
    public boolean allowsOrigin(String origin) {
        return origin != null && origins.contains(origin.toLowerCase(Locale.ROOT));
    }

    public boolean speaks(String language) {
        return languages.contains(language);
    }

    /** An origin as browsers send it: lower case, no path, no trailing slash; anything else is a mistake. */
    private static String origin(String council, String origin) {
        try {
            URI uri = new URI(origin.strip());
            boolean web = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
            boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath());
            if (!web || uri.getHost() == null || !bare || uri.getRawQuery() != null || uri.getUserInfo() != null) {
                throw new URISyntaxException(origin, "not scheme://host[:port]");
            }
            return (uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort()))
                    .toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Council '" + council + "' lists origin '" + origin
                    + "': give a web site as https://www.example.gov.uk (scheme, host and port only)");
        }
    }
}
