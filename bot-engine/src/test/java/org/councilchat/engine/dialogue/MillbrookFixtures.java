package org.councilchat.engine.dialogue;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.councilchat.knowledge.Faq;
import org.councilchat.knowledge.FaqDraft;
import org.councilchat.knowledge.Postcode;
import org.councilchat.knowledge.PropertyAddress;
import org.councilchat.knowledge.bins.BinRound;
import org.councilchat.knowledge.bins.BinRoundRepository.PropertyRounds;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The fictional Millbrook's bin rounds, addresses and FAQs that {@link DialogueTests} and the conversation
 * scripts ({@link Millbrook}) share, so both talk about the same council.
 */
final class MillbrookFixtures {

    private MillbrookFixtures() {}

    /**
     * Fortnightly black and blue bins on Mondays, a weekly black bin on Thursdays (January 2026 references). The
     * black bins have the council's Welsh name; the blue one has none, so Welsh speakers get one made for it.
     */
    static List<BinRound> rounds() {
        return List.of(
                round("MON-A", "refuse", "Black bin (general waste)", DayOfWeek.MONDAY, 2, 12, "Bin du (sbwriel)"),
                round("MON-B", "recycling", "Blue bin (recycling)", DayOfWeek.MONDAY, 2, 5, null),
                round("THU-A", "refuse", "Black bin (general waste)", DayOfWeek.THURSDAY, 1, 8, "Bin du (sbwriel)"));
    }

    /** MB1 1AA on the Monday rounds; MB2 3EF with houses on Mondays and flats on Thursdays. A list to add to. */
    static List<PropertyRounds> properties() {
        return new ArrayList<>(List.of(
                property("101", "2 Mill Lane, Millbrook", "MB1 1AA", "MON-A", "MON-B"),
                property("102", "4 Mill Lane, Millbrook", "MB1 1AA", "MON-A", "MON-B"),
                property("301", "1 Station Road, Millbrook", "MB2 3EF", "MON-A", "MON-B"),
                property("303", "3 Station Road, Millbrook", "MB2 3EF", "MON-A", "MON-B"),
                property("304", "Flat 1, Riverside Court, Millbrook", "MB2 3EF", "THU-A"),
                property("305", "Flat 2, Riverside Court, Millbrook", "MB2 3EF", "THU-A")));
    }

    static PropertyRounds property(String uprn, String address, String postcode, String... rounds) {
        return new PropertyRounds(
                new PropertyAddress(uprn, address, Postcode.parse(postcode).orElseThrow()), List.of(rounds));
    }

    /** FAQs on council tax, libraries, parking permits and bulky waste. A list to add to. */
    static List<FaqDraft> faqs() {
        return new ArrayList<>(List.of(
                faq(
                        "council-tax-pay",
                        "How do I pay my council tax?",
                        "<p>Pay by <a href=\"https://www.millbrook.example/council-tax/direct-debit\">Direct Debit</a>,"
                                + " online or by phone.</p>",
                        "https://www.millbrook.example/council-tax/pay",
                        "ways to pay council tax"),
                faq(
                        "library-hours",
                        "When are the libraries open?",
                        "<p>Most libraries open 9am to 5pm, Monday to Saturday.</p>",
                        "https://www.millbrook.example/libraries",
                        "library opening hours"),
                faq(
                        "parking-permit",
                        "How do I apply for a resident parking permit?",
                        "<p>Apply online. Visitor permits come in books of 10.</p>",
                        "https://www.millbrook.example/parking/permits",
                        "visitor parking permits"),
                faq(
                        "bulky-waste",
                        "How do I book a bulky waste collection?",
                        "<p>We collect furniture and fridges for a fee.</p>",
                        "https://www.millbrook.example/bins/bulky-waste",
                        "get rid of an old sofa")));
    }

    static FaqDraft faq(String id, String question, String answer, String source, String phrasing) {
        return new FaqDraft(id, "general", question, List.of(phrasing), answer, source, Faq.FaqStatus.PUBLISHED, "en");
    }

    /** The engine's English and Welsh message bundles, as the application loads them. */
    static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("i18n/engine");
        messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    private static BinRound round(
            String id,
            String stream,
            String name,
            DayOfWeek day,
            int intervalWeeks,
            int januaryReference,
            String welshName) {
        LocalDate reference = LocalDate.of(2026, 1, januaryReference);
        return new BinRound(id, stream, name, null, day, intervalWeeks, reference, null, null, false, welshName);
    }
}
