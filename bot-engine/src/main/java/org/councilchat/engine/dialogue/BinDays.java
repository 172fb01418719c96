package org.councilchat.engine.dialogue;

import static org.councilchat.engine.dialogue.Replies.done;
import static org.councilchat.engine.dialogue.Replies.personButton;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.councilchat.councils.Council;
import org.councilchat.engine.BinDayReminders;
import org.councilchat.engine.BotReply;
import org.councilchat.engine.BotReply.Link;
import org.councilchat.engine.BotReply.QuickReply;
import org.councilchat.engine.EngineProperties;
import org.councilchat.knowledge.BinCollections;
import org.councilchat.knowledge.CollectionSourceUnavailable;
import org.councilchat.knowledge.MissedBin;
import org.councilchat.knowledge.NextCollection;
import org.councilchat.knowledge.Postcode;
import org.councilchat.knowledge.PostcodeLookup;
import org.councilchat.knowledge.PropertyAddress;

/**
 * The bin-day conversation: the postcode, the address at it (a page of buttons, or a typed house number), the
 * next collections with the bank-holiday changes, and a missed bin reported once it is clear which bin. Each
 * step gives the state to remember; the bot says what it adds to {@link Replies}.
 */
final class BinDays {

    /** Eight buttons fit on a phone's screen without pushing the message box out of sight. */
    static final int ADDRESSES_PER_PAGE = 8;

    /** Enough to find a slip, few enough to read on a phone. */
    private static final int NEAR_MISSES_OFFERED = 4;
    /** "2 Mill Lane, Millbrook": a house number (perhaps with a letter, 12A) and the rest of the address. */
    private static final Pattern HOUSE_NUMBER = Pattern.compile("(\\d+[A-Za-z]?) (.+)");
    /** "Tŷ Gwyn, Lôn yr Afon, Glanafon" or "Flat 1, Riverside Court": a name, then the rest of the address. */
    private static final Pattern HOUSE_NAME = Pattern.compile("([^,]+), (.+)");
    /** Up to this many neighbours on the same rounds are named in the answer; more are "every address in". */
    private static final int NAMED_TOGETHER = 6;

    /** GOV.UK's "Find your local council": whose a postcode is, when no postcode table of ours says. */
    static final String FIND_YOUR_COUNCIL = "https://www.gov.uk/find-local-council";

    private final BinCollections bins;
    private final EngineProperties properties;
    private final Clock clock;
    private final BinDayReminders reminders;

    BinDays(BinCollections bins, EngineProperties properties, Clock clock, BinDayReminders reminders) {
        this.bins = bins;
        this.properties = properties;
        this.clock = clock;
        this.reminders = reminders;
    }

    /** The addresses at the postcode the resident gave, when it has several to choose from. */
    Optional<PostcodeLookup.Addresses> addressesAt(Replies replies, DialogueState state) {
        return state.postcode() != null
                        && bins.lookup(
                                        replies.councilId,
                                        Postcode.parse(state.postcode()).orElseThrow())
                                instanceof PostcodeLookup.Addresses addresses
                ? Optional.of(addresses)
                : Optional.empty();
    }

    /**
     * The bin form: looks up the postcode given now, or answers for the address already chosen, or asks for the
     * postcode.
     */
    DialogueState binForm(Replies replies, DialogueState state, Optional<Postcode> postcode) {
        if (postcode.isPresent()) {
            return binDay(replies, state, postcode.get().value());
        }
        if (state.postcode() != null && state.uprn() != null) {
            Optional<PostcodeLookup.Addresses> neighbours =
                    addressesAt(replies, state).filter(addresses -> missedBinNeedsTheAddress(state, addresses));
            if (neighbours.isPresent()) {
                // The bin days were for the whole postcode; a missed bin is one house's.
                replies.add(addressButtons(replies, neighbours.get(), 0, "bins.chooseAddressToReport"));
                return state.awaiting(DialogueState.Awaiting.ADDRESS).helped();
            }
            return answerBinDays(replies, state, savedProperty(state));
        }
        replies.say("bins.askPostcode");
        return state.awaiting(DialogueState.Awaiting.POSTCODE).helped();
    }

    DialogueState binDay(Replies replies, DialogueState state, String typedPostcode) {
        return switch (bins.lookup(replies.councilId, typedPostcode)) {
            case PostcodeLookup.NotAPostcode notAPostcode -> {
                if (!notAPostcode.didYouMean().isEmpty()) {
                    offerNearMisses(replies, notAPostcode.typed().strip(), notAPostcode.didYouMean());
                    yield state.awaiting(DialogueState.Awaiting.POSTCODE).helped();
                }
                replies.say("bins.notAPostcode");
                yield state.awaiting(DialogueState.Awaiting.POSTCODE).failed();
            }
            case PostcodeLookup.PartialPostcode partial -> {
                replies.say("bins.partialPostcode", partial.outward());
                yield state.awaiting(DialogueState.Awaiting.POSTCODE).helped();
            }
            case PostcodeLookup.NotInArea notInArea -> {
                if (notInArea.servedBy() != null) {
                    replies.add(new BotReply(
                            replies.text(
                                    "bins.otherCouncil",
                                    notInArea.postcode().value(),
                                    notInArea.servedBy().name()),
                            List.of(),
                            List.of(new Link(
                                    notInArea.servedBy().name(),
                                    notInArea.servedBy().website())),
                            List.of()));
                } else if (!notInArea.didYouMean().isEmpty()) {
                    offerNearMisses(replies, notInArea.postcode().value(), notInArea.didYouMean());
                    yield state.awaiting(DialogueState.Awaiting.POSTCODE).helped();
                } else {
                    // No postcode table says whose it is: GOV.UK's finder does, so the resident still has a way on.
                    replies.add(new BotReply(
                            replies.text("bins.notInArea", notInArea.postcode().value()),
                            List.of(),
                            List.of(new Link(replies.text("bins.findYourCouncil"), FIND_YOUR_COUNCIL)),
                            List.of(tryAnotherPostcode(replies))));
                }
                yield state.postcode(notInArea.postcode().value())
                        .awaiting(DialogueState.Awaiting.NOTHING)
                        .helped();
            }
            case PostcodeLookup.Addresses addresses -> {
                if (replies.councilId != null && !addresses.collectedBy().id().equals(replies.councilId)) {
                    // A neighbour's postcode in the same shared service (or a district's, on the county's site):
                    // its days are here too, so the resident need not go elsewhere; it says whose they are.
                    replies.say(
                            "bins.collectedBy",
                            addresses.postcode().value(),
                            addresses.collectedBy().name());
                }
                DialogueState known = state.postcode(addresses.postcode().value());
                if (addresses.properties().size() == 1) {
                    yield answerBinDays(replies, known, addresses.properties().getFirst());
                }
                if (addresses.sameRounds() && state.task() != DialogueState.Task.MISSED_BIN) {
                    // The same days for every address: no need to ask which is theirs, yet.
                    yield answerBinDays(replies, known, addresses.properties().getFirst())
                            .forTheWholePostcode();
                }
                replies.add(addressButtons(
                        replies,
                        addresses,
                        0,
                        addresses.sameRounds() ? "bins.chooseAddressToReport" : "bins.chooseAddress"));
                yield known.awaiting(DialogueState.Awaiting.ADDRESS).helped();
            }
        };
    }

    /**
     * A missed bin is reported against one house, and the crew goes back to that door: at a postcode of several
     * addresses the resident says which, even where they all share the rounds and the bin days needed none.
     */
    private static boolean missedBinNeedsTheAddress(DialogueState state, PostcodeLookup.Addresses addresses) {
        return state.task() == DialogueState.Task.MISSED_BIN
                && !state.addressChosen()
                && addresses.properties().size() > 1;
    }

    /**
     * "Did you mean MB2 3EF?": a button for each postcode the councils collect at one slip from what was typed,
     * and one to type it again, since the resident may know better than our records.
     */
    private static void offerNearMisses(Replies replies, String typed, List<Postcode> near) {
        List<QuickReply> buttons = new ArrayList<>(near.stream()
                .limit(NEAR_MISSES_OFFERED)
                .map(postcode -> new QuickReply(postcode.value(), postcode.value()))
                .toList());
        buttons.add(tryAnotherPostcode(replies));
        String said = near.size() == 1
                ? replies.text("bins.didYouMean", typed, near.getFirst().value())
                : replies.text("bins.didYouMeanOneOf", typed);
        replies.add(BotReply.text(said).withButtons(buttons));
    }

    private static QuickReply tryAnotherPostcode(Replies replies) {
        return new QuickReply(replies.text("bins.tryAnotherPostcode"), replies.text("button.binDay.payload"));
    }

    /** Whether the words are only an outward code ("MB2") in which a council of this deployment collects. */
    boolean isOutwardCodeCollected(String words) {
        return bins.collectsInOutwardCode(words.strip());
    }

    /**
     * Asks which address, with a page of buttons from {@code first} (0-based). A block of flats can have dozens,
     * so later pages are a button away, a typed house number or name works on any page, and "not listed" leads
     * to a person rather than a dead end.
     */
    static void chooseAddressFrom(Replies replies, PostcodeLookup.Addresses addresses, int first) {
        replies.add(addressButtons(replies, addresses, first, "bins.chooseAddress"));
    }

    /** The question ({@code firstQuestion} on the first page) with a page of address buttons. */
    private static BotReply addressButtons(
            Replies replies, PostcodeLookup.Addresses addresses, int first, String firstQuestion) {
        List<PropertyAddress> all = addresses.properties();
        int from = Math.clamp(first, 0, Math.max(0, all.size() - 1));
        int to = Math.min(all.size(), from + ADDRESSES_PER_PAGE);
        List<QuickReply> choices = new ArrayList<>(all.subList(from, to).stream()
                .map(property -> new QuickReply(property.address(), property.address()))
                .toList());
        if (to < all.size()) {
            choices.add(new QuickReply(
                    replies.text(
                            "bins.moreAddresses", to + 1, Math.min(all.size(), to + ADDRESSES_PER_PAGE), all.size()),
                    replies.text("bins.moreAddressesPayload", String.valueOf(to + 1))));
        }
        choices.add(
                new QuickReply(replies.text("bins.addressNotListed"), replies.text("bins.addressNotListed.payload")));
        String question = from == 0
                ? replies.text(firstQuestion, addresses.postcode().value())
                : replies.text("bins.chooseAddressMore", from + 1, to, all.size());
        return BotReply.text(question).withButtons(choices);
    }

    PropertyAddress savedProperty(DialogueState state) {
        return new PropertyAddress(
                state.uprn(), state.address(), Postcode.parse(state.postcode()).orElseThrow());
    }

    /** Matches a typed choice ("Flat 2", "2", or the whole address) against the addresses at the postcode. */
    Optional<PropertyAddress> chooseAddress(Replies replies, DialogueState state, String typed) {
        if (state.postcode() == null) {
            return Optional.empty();
        }
        String wanted = normalise(typed);
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        if (!(bins.lookup(replies.councilId, Postcode.parse(state.postcode()).orElseThrow())
                instanceof PostcodeLookup.Addresses addresses)) {
            return Optional.empty();
        }
        List<PropertyAddress> exact = addresses.properties().stream()
                .filter(p -> normalise(p.address()).equals(wanted))
                .toList();
        if (exact.size() == 1) {
            return Optional.of(exact.getFirst());
        }
        List<PropertyAddress> starting = addresses.properties().stream()
                .filter(p -> (normalise(p.address()) + " ").startsWith(wanted + " "))
                .toList();
        return starting.size() == 1 ? Optional.of(starting.getFirst()) : Optional.empty();
    }

    /**
     * The bin collection days page of the council that collects at the address asked about (a neighbour's, in a
     * shared service), else the resident's own council's, else the deployment's.
     */
    private String binsPage(Replies replies, DialogueState state) {
        String collector = state.uprn() == null
                ? null
                : bins.councilCollectingAt(state.uprn()).orElse(null);
        String council = collector != null ? collector : replies.councilId;
        return bins.council(council)
                .map(Council::binCollectionsUrl)
                .filter(url -> !url.isBlank())
                .orElse(properties.binCollectionsUrl());
    }

    static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
    }

    DialogueState answerBinDays(Replies replies, DialogueState state, PropertyAddress property) {
        ZoneId zone = ZoneId.of(properties.timeZone());
        LocalDate today = LocalDate.now(clock.withZone(zone));
        DialogueState known = state.postcode(property.postcode().value())
                .property(property.uprn(), property.address())
                .awaiting(DialogueState.Awaiting.NOTHING)
                .helped();
        List<NextCollection> collections;
        try {
            collections = bins.nextCollections(property.uprn(), today);
        } catch (CollectionSourceUnavailable down) {
            // The council's collection service is down: say so plainly, keep the address for a retry, and
            // offer the web page and a person instead of a generic apology.
            replies.add(new BotReply(
                    replies.text("bins.serviceDown", property.address()),
                    List.of(),
                    List.of(new Link(replies.text("bins.link"), binsPage(replies, known))),
                    List.of(
                            new QuickReply(replies.text("bins.tryAgain"), replies.text("button.binDay.payload")),
                            personButton(replies))));
            return known;
        }
        if (state.task() == DialogueState.Task.MISSED_BIN) {
            return reportMissedBin(replies, known, property, collections, today);
        }
        if (collections.isEmpty()) {
            replies.say("bins.noRounds", property.address());
            return known;
        }
        Set<String> asked = WasteStreams.mentioned(replies.residentWords, collections);
        List<NextCollection> answered =
                collections.stream().filter(c -> asked.contains(c.stream())).toList();
        if (!asked.isEmpty() && answered.isEmpty()) {
            replies.say("bins.noSuchStream", property.address());
        } else if (!answered.isEmpty()) {
            // "Is my green bin tomorrow?": answer that bin, not every bin.
            collections = answered;
        }
        List<String> lines = collections.stream()
                .map(c -> (c.following() == null
                                ? replies.text(
                                        "bins.lineLast", c.binNameIn(replies.locale), day(replies, c.date(), today))
                                : replies.text(
                                        "bins.line",
                                        c.binNameIn(replies.locale),
                                        day(replies, c.date(), today),
                                        day(replies, c.following(), today)))
                        + change(replies, c.change()))
                .toList();
        replies.add(new BotReply(
                intro(replies, known, property),
                lines,
                List.of(
                        new Link(replies.text("bins.link"), binsPage(replies, known)),
                        // A year of this property's collections, bank-holiday changes included, for the
                        // resident's phone calendar: the chat server's own bin-day API serves it.
                        new Link(
                                replies.text("bins.calendar"),
                                "/api/bins/" + property.uprn() + "/calendar.ics"
                                        + ("cy".equals(replies.locale.getLanguage()) ? "?lang=cy" : ""))),
                List.of()));
        if (reminders.offered(replies.councilId, replies.locale.getLanguage()).isPresent()) {
            replies.underLast(null, remindButton(replies));
        }
        return known;
    }

    static QuickReply remindButton(Replies replies) {
        return new QuickReply(replies.text("bins.remind"), replies.text("bins.remind.payload"));
    }

    /**
     * How the bot names where the bin days it gave are for: "2 Mill Lane, Millbrook, MB1 1AA", or "2, 4 and 6
     * Mill Lane, Millbrook, MB1 1AA" at a postcode whose addresses share the rounds; empty when those are too many
     * or on several streets to name, and none of them may be picked out as the resident's.
     */
    Optional<String> collectionsFor(Replies replies, DialogueState state, PropertyAddress property) {
        List<PropertyAddress> sharing = addressesAt(replies, state)
                .filter(PostcodeLookup.Addresses::sameRounds)
                .map(PostcodeLookup.Addresses::properties)
                .filter(all -> all.contains(property))
                .orElse(List.of(property));
        if (sharing.size() == 1) {
            return Optional.of(property.address() + ", " + property.postcode());
        }
        if (sharing.size() <= NAMED_TOGETHER) {
            Optional<String> together = sameStreet(replies, sharing, HOUSE_NUMBER, " ")
                    .or(() -> sameStreet(replies, sharing, HOUSE_NAME, ", "));
            if (together.isPresent()) {
                return Optional.of(together.get() + ", " + property.postcode());
            }
        }
        return Optional.empty();
    }

    /**
     * "Your next bin collections at 2, 4 and 6 Mill Lane, Millbrook, MB1 1AA": where every address at the
     * postcode is on the same rounds the bot asked no address, so it names them all, and the resident at
     * number 4 sees their own house rather than a neighbour's.
     */
    private String intro(Replies replies, DialogueState state, PropertyAddress property) {
        return collectionsFor(replies, state, property)
                .map(named -> replies.text("bins.answerIntro", named))
                // Several streets, or a long street: none of the addresses is picked out as if it were theirs.
                .orElseGet(() -> replies.text("bins.answerIntroEveryAddress", property.postcode()));
    }

    /**
     * "2, 4 and 6 Mill Lane, Millbrook" or "Tŷ Gwyn and Bryn Awel, Lôn yr Afon": the addresses named
     * together, when each is its number or name (the pattern's first group) and the same rest (its second).
     */
    private static Optional<String> sameStreet(
            Replies replies, List<PropertyAddress> addresses, Pattern split, String joined) {
        List<String> names = new ArrayList<>();
        String street = null;
        for (PropertyAddress address : addresses) {
            Matcher parts = split.matcher(address.address());
            if (!parts.matches() || (street != null && !street.equals(parts.group(2)))) {
                return Optional.empty();
            }
            names.add(parts.group(1));
            street = parts.group(2);
        }
        String listed =
                replies.text("bins.andList", String.join(", ", names.subList(0, names.size() - 1)), names.getLast());
        return Optional.of(listed + joined + street);
    }

    /**
     * Records a missed bin once it is clear which bin: checks it was really due (and says so when it was
     * not), and gives the resident a reference the contact centre can also see.
     */
    DialogueState reportMissedBin(
            Replies replies,
            DialogueState state,
            PropertyAddress property,
            List<NextCollection> collections,
            LocalDate today) {
        Set<String> streams = WasteStreams.mentioned(replies.residentWords, collections);
        if (streams.isEmpty() && state.wantedStream() != null) {
            // Named when the resident first said it was missed, before we knew the address.
            streams = Set.of(state.wantedStream());
        }
        if (streams.size() != 1 && collections.size() != 1) {
            List<QuickReply> choices = collections.stream()
                    .map(c -> new QuickReply(
                            c.binNameIn(replies.locale),
                            replies.text("bins.missedPayload", c.binNameIn(replies.locale))))
                    .toList();
            replies.add(BotReply.text(replies.text("bins.whichMissed")).withButtons(choices));
            return state;
        }
        String stream = streams.size() == 1 ? streams.iterator().next() : collections.getFirst().stream();
        DateTimeFormatter format = DateTimeFormatter.ofPattern("EEEE d MMMM", replies.locale);
        DialogueState done = state.task(DialogueState.Task.BIN_DAY).wanting(null);
        return switch (bins.reportMissed(property.uprn(), stream, today, replies.conversationId)) {
            case MissedBin.Reported reported -> {
                replies.say(
                        "bins.missedReported",
                        reported.binNameIn(replies.locale),
                        reported.dueDate().format(format),
                        reported.reference());
                yield done.reported(reported.reference());
            }
            case MissedBin.AlreadyReported already -> {
                replies.say(
                        "bins.missedAlready",
                        already.binNameIn(replies.locale),
                        already.dueDate().format(format),
                        already.reference());
                yield done.reported(already.reference());
            }
            case MissedBin.NotDue notDue -> {
                String next = notDue.nextCollection() == null ? "-" : day(replies, notDue.nextCollection(), today);
                if (notDue.lastCollection() == null) {
                    replies.say("bins.missedNotDueYet", notDue.binNameIn(replies.locale), next);
                } else {
                    replies.say(
                            "bins.missedNotDue",
                            notDue.binNameIn(replies.locale),
                            notDue.lastCollection().format(format),
                            next);
                }
                yield done;
            }
            case MissedBin.NoSuchBin ignored -> {
                replies.say("bins.noSuchStream", property.address());
                yield done;
            }
        };
    }

    /** Says when and why a collection is not on its usual day, so nobody puts their bin out for nothing. */
    static String change(Replies replies, NextCollection.Change change) {
        if (change == null) {
            return "";
        }
        String usual = change.usualDate().format(DateTimeFormatter.ofPattern("EEEE d MMMM", replies.locale));
        return replies.text(change.cancelled() ? "bins.cancelled" : "bins.moved", usual, change.reason(replies.locale));
    }

    String day(Replies replies, LocalDate date, LocalDate today) {
        String formatted = date.format(DateTimeFormatter.ofPattern("EEEE d MMMM", replies.locale));
        if (date.equals(today)) {
            return replies.text("bins.today", formatted);
        }
        if (date.equals(today.plusDays(1))) {
            return replies.text("bins.tomorrow", formatted);
        }
        return formatted;
    }
}
