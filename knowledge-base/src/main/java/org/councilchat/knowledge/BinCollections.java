package org.councilchat.knowledge;

import java.io.Reader;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.councilchat.councils.Councils;
import org.councilchat.knowledge.areas.CouncilDirectory;
import org.councilchat.knowledge.bins.BinDataCsv;
import org.councilchat.knowledge.bins.BinRound;
import org.councilchat.knowledge.bins.BinRoundRepository;
import org.councilchat.knowledge.bins.CollectionCalendar;
import org.councilchat.knowledge.bins.CollectionCalendars;
import org.councilchat.knowledge.bins.CollectionException;
import org.councilchat.knowledge.bins.CollectionSource;
import org.councilchat.knowledge.bins.MissedBinRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bin collection days by postcode, computed from the rounds of the council that collects there. Each council of
 * the deployment has its own rounds and properties (a county has none); a resident on one council's site giving a
 * postcode another of them collects is answered from that council's, and told whose they are.
 */
@Service
public class BinCollections {

    /** A missed bin can be reported up to this many days after it was due. */
    private static final int REPORTING_WINDOW_DAYS = 3;

    private final BinRoundRepository rounds;
    private final CollectionCalendars calendars;
    private final CouncilDirectory councils;
    private final Councils served;
    private final MissedBinRepository missed;
    private final CollectionSource source;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    /** Telling nobody of missed bins reported: for tests and tools. */
    public BinCollections(
            BinRoundRepository rounds,
            CollectionCalendars calendars,
            CouncilDirectory councils,
            Councils served,
            MissedBinRepository missed,
            CollectionSource source,
            Clock clock) {
        this(rounds, calendars, councils, served, missed, source, clock, event -> {});
    }

    @Autowired
    public BinCollections(
            BinRoundRepository rounds,
            CollectionCalendars calendars,
            CouncilDirectory councils,
            Councils served,
            MissedBinRepository missed,
            CollectionSource source,
            Clock clock,
            ApplicationEventPublisher events) {
        this.events = events;
        this.rounds = rounds;
        this.calendars = calendars;
        this.councils = councils;
        this.served = served;
        this.missed = missed;
        this.source = source;
        this.clock = clock;
    }

    /**
     * The name of the bank holiday on {@code day} in the deployment's division (the calendar bin collections
     * follow), if it is one; other services, such as the contact centre's opening hours, use the same calendar.
     */
    public Optional<String> bankHoliday(LocalDate day) {
        return calendars.deployment().bankHoliday(day);
    }

    /** As {@link #bankHoliday(LocalDate)}, in the division this council keeps (its own setting, else the deployment's). */
    public Optional<String> bankHoliday(String councilId, LocalDate day) {
        return calendars.of(councilId).bankHoliday(day);
    }

    /**
     * A resident says a bin was not collected. When a collection of that stream was due at the property in
     * the last few days it is recorded (once per collection) with a reference; otherwise the resident is told
     * it was not due, with the last and next dates.
     */
    @Transactional
    public MissedBin reportMissed(String uprn, String stream, LocalDate today, String conversationId) {
        Optional<BinRound> round = rounds.roundsFor(uprn).stream()
                .filter(r -> r.stream().equals(stream))
                .findFirst();
        if (round.isEmpty()) {
            return new MissedBin.NoSuchBin(stream);
        }
        BinRound bin = round.get();
        CollectionCalendar calendar = calendarAt(uprn);
        Map<LocalDate, CollectionException> exceptions = rounds.exceptionsFor(bin.id());
        LocalDate lastDue = calendar.upcoming(bin, exceptions, today.minusWeeks(bin.intervalWeeks() + 1L), 4).stream()
                .filter(c -> !c.cancelled() && !c.date().isAfter(today))
                .map(CollectionCalendar.Collection::date)
                .max(LocalDate::compareTo)
                .orElse(null);
        if (lastDue == null || lastDue.isBefore(today.minusDays(REPORTING_WINDOW_DAYS))) {
            LocalDate next = calendar.upcoming(bin, exceptions, today.plusDays(1), 1).stream()
                    .filter(c -> !c.cancelled())
                    .map(CollectionCalendar.Collection::date)
                    .findFirst()
                    .orElse(null);
            return new MissedBin.NotDue(bin.name(), lastDue, next, bin.welshNameOrMade());
        }
        Optional<String> earlier = missed.referenceFor(uprn, bin.id(), lastDue);
        if (earlier.isPresent()) {
            return new MissedBin.AlreadyReported(earlier.get(), bin.name(), lastDue, bin.welshNameOrMade());
        }
        PropertyAddress property = rounds.property(uprn).orElseThrow();
        String council = rounds.councilOf(uprn).orElseThrow();
        String reference = missed.record(
                council, uprn, property.address(), bin, lastDue, conversationId, OffsetDateTime.now(clock));
        events.publishEvent(new MissedBinReported(
                reference, council, uprn, property.address(), bin.name(), lastDue, conversationId));
        return new MissedBin.Reported(reference, bin.name(), lastDue, bin.welshNameOrMade());
    }

    /** What a typed postcode means for bin collections by any council of this deployment (the first that collects there). */
    public PostcodeLookup lookup(String typed) {
        return lookup(null, typed);
    }

    /**
     * Works out what a resident of this council (null: of none in particular) typed as a postcode means for bin
     * collections: this council's properties there, else another council's of this deployment, else the council
     * the postcode tables name.
     */
    public PostcodeLookup lookup(String councilId, String typed) {
        var postcode = Postcode.parseCorrectingSlips(typed);
        if (postcode.isEmpty()) {
            return Postcode.isOutwardOnly(typed)
                    ? new PostcodeLookup.PartialPostcode(typed.strip().toUpperCase(Locale.ROOT))
                    : new PostcodeLookup.NotAPostcode(typed, rounds.collectedAmong(Postcode.nearMisses(typed)));
        }
        return lookup(councilId, postcode.get());
    }

    /**
     * Whether a council of this deployment collects bins in an outward code ("MB2"), so that a resident who
     * typed only that is asked for the rest of their postcode rather than matched to some other topic.
     */
    public boolean collectsInOutwardCode(String typed) {
        return Postcode.isOutwardOnly(typed) && rounds.collectsInOutward(typed);
    }

    public PostcodeLookup lookup(Postcode postcode) {
        return lookup(null, postcode);
    }

    public PostcodeLookup lookup(String councilId, Postcode postcode) {
        List<String> collecting = rounds.councilsCollectingAt(postcode);
        if (collecting.isEmpty()) {
            Council servedBy = councils.councilFor(postcode).orElse(null);
            // A postcode the tables place elsewhere is real; one they do not know was most likely mistyped.
            List<Postcode> near =
                    servedBy == null ? rounds.collectedAmong(Postcode.nearMisses(postcode.value())) : List.of();
            return new PostcodeLookup.NotInArea(postcode, servedBy, near);
        }
        // The resident's own council where it collects there; otherwise the deployment's councils in their order.
        String collector = collecting.contains(councilId)
                ? councilId
                : served.all().stream()
                        .map(council -> council.id())
                        .filter(collecting::contains)
                        .findFirst()
                        .orElse(collecting.getFirst());
        List<PropertyAddress> properties = rounds.propertiesAt(collector, postcode);
        Map<String, TreeSet<String>> roundIds = rounds.roundIdsAt(collector, postcode);
        boolean sameRounds = new HashSet<Collection<String>>(roundIds.values()).size() == 1;
        return new PostcodeLookup.Addresses(postcode, properties, sameRounds, served.of(collector));
    }

    /**
     * The next collection of each stream at a property, earliest first, counting {@code today} itself.
     * A round that has ended is left out; one with a single collection left has no {@code following}.
     */
    public List<NextCollection> nextCollections(String uprn, LocalDate today) {
        return rounds.property(uprn)
                .map(property -> source.nextCollections(property, today))
                .orElse(List.of());
    }

    /** The council of this deployment that collects bins from this property. */
    public Optional<String> councilCollectingAt(String uprn) {
        return rounds.councilOf(uprn);
    }

    /** A council of this deployment, by id (empty for null or one not configured). */
    public Optional<org.councilchat.councils.Council> council(String councilId) {
        return served.find(councilId);
    }

    /** The property with this UPRN, if the council collects from it. */
    public Optional<PropertyAddress> property(String uprn) {
        return rounds.property(uprn);
    }

    /**
     * Every collection at a property from {@code from} up to and including {@code until}, in date order, for
     * a calendar. Cancelled collections are left out.
     */
    public List<ScheduledCollection> collectionsBetween(String uprn, LocalDate from, LocalDate until) {
        List<ScheduledCollection> all = new ArrayList<>();
        CollectionCalendar calendar = calendarAt(uprn);
        for (BinRound round : rounds.roundsFor(uprn)) {
            int most = (int) (ChronoUnit.DAYS.between(from, until) / (7L * round.intervalWeeks())) + 2;
            for (CollectionCalendar.Collection c :
                    calendar.upcoming(round, rounds.exceptionsFor(round.id()), from, most)) {
                if (!c.cancelled() && !c.date().isAfter(until)) {
                    NextCollection.Change change =
                            c.changed() ? new NextCollection.Change(c.usualDate(), false, c.reason()) : null;
                    all.add(new ScheduledCollection(
                            round.name(), round.stream(), c.date(), change, round.welshNameOrMade()));
                }
            }
        }
        all.sort(Comparator.comparing(ScheduledCollection::date).thenComparing(ScheduledCollection::binName));
        return all;
    }

    /** The calendar of the council that collects from this property. */
    private CollectionCalendar calendarAt(String uprn) {
        return calendars.of(rounds.councilOf(uprn).orElse(null));
    }

    /**
     * Replaces all rounds and properties of the first council at once; residents see the old data or the new,
     * never a mix.
     */
    public void replaceAll(BinData data) {
        replaceAll(served.byDefault().id(), data, BinImportProgress.SILENT);
    }

    /**
     * Replaces all rounds and properties of one council at once, telling {@code progress} as the rows go in; the
     * other councils' stay.
     *
     * @throws BinDataInvalid when a round id or a UPRN is another council's already; nothing is imported
     */
    public void replaceAll(String councilId, BinData data, BinImportProgress progress) {
        if (served.find(councilId).isEmpty()) {
            throw new BinDataInvalid(List.of("There is no council '" + councilId + "' in council-chat.councils "
                    + served.ids() + "; name the council whose bins these are"));
        }
        rounds.replaceAll(councilId, data.rounds(), data.properties(), data.exceptions(), progress);
    }

    /**
     * Reads, checks and imports rounds and properties CSV files (formats in README) as the first council's.
     * Nothing is imported unless everything is valid.
     *
     * @throws BinDataInvalid listing every problem with its file and line
     */
    public BinData importCsv(Reader roundsCsv, String roundsName, Reader propertiesCsv, String propertiesName) {
        return importCsv(roundsCsv, roundsName, propertiesCsv, propertiesName, null, null);
    }

    /** As {@link #importCsv(Reader, String, Reader, String)} with an exceptions file (null for none). */
    public BinData importCsv(
            Reader roundsCsv,
            String roundsName,
            Reader propertiesCsv,
            String propertiesName,
            Reader exceptionsCsv,
            String exceptionsName) {
        return importCsv(
                served.byDefault().id(),
                roundsCsv,
                roundsName,
                propertiesCsv,
                propertiesName,
                exceptionsCsv,
                exceptionsName,
                BinImportProgress.SILENT);
    }

    /**
     * As {@link #importCsv(Reader, String, Reader, String, Reader, String)}, as this council's rounds and
     * properties (replacing its own only), reporting progress.
     */
    public BinData importCsv(
            String councilId,
            Reader roundsCsv,
            String roundsName,
            Reader propertiesCsv,
            String propertiesName,
            Reader exceptionsCsv,
            String exceptionsName,
            BinImportProgress progress) {
        BinData data =
                BinDataCsv.read(roundsCsv, roundsName, propertiesCsv, propertiesName, exceptionsCsv, exceptionsName);
        replaceAll(councilId, data, progress);
        return data;
    }

    public long propertyCount() {
        return rounds.countProperties();
    }

    /** How many properties this council collects bins from (none for a county). */
    public long propertyCount(String councilId) {
        return rounds.countProperties(councilId);
    }
}
