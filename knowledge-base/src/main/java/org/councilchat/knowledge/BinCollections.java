package org.councilchat.knowledge;

import java.io.Reader;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.councilchat.knowledge.bins.BinDataCsv;
import org.councilchat.knowledge.bins.BinRound;
import org.councilchat.knowledge.bins.BinRoundRepository;
import org.springframework.stereotype.Service;

/** Bin collection days by postcode, computed from the council's rounds. */
@Service
public class BinCollections {

    private final BinRoundRepository rounds;

    public BinCollections(BinRoundRepository rounds) {
        this.rounds = rounds;
    }

    /** Works out what a resident's typed postcode means for bin collections. */
    public PostcodeLookup lookup(String typed) {
        var postcode = Postcode.parse(typed);
        if (postcode.isEmpty()) {
            return Postcode.isOutwardOnly(typed)
                    ? new PostcodeLookup.PartialPostcode(typed.strip().toUpperCase(Locale.ROOT))
                    : new PostcodeLookup.NotAPostcode(typed);
        }
        return lookup(postcode.get());
    }

    public PostcodeLookup lookup(Postcode postcode) {
        List<PropertyAddress> properties = rounds.propertiesAt(postcode);
        if (properties.isEmpty()) {
            return new PostcodeLookup.NotInArea(postcode);
        }
        Map<String, TreeSet<String>> roundIds = rounds.roundIdsAt(postcode);
        boolean sameRounds = new HashSet<Collection<String>>(roundIds.values()).size() == 1;
        return new PostcodeLookup.Addresses(postcode, properties, sameRounds);
    }

    /** The next collection of each stream at a property, earliest first, counting {@code today} itself. */
    public List<NextCollection> nextCollections(String uprn, LocalDate today) {
        return rounds.roundsFor(uprn).stream()
                .map(round -> next(round, today))
                .sorted(Comparator.comparing(NextCollection::date).thenComparing(NextCollection::binName))
                .toList();
    }

    /** Replaces all rounds and properties at once; residents see the old data or the new, never a mix. */
    public void replaceAll(BinData data) {
        rounds.replaceAll(data.rounds(), data.properties());
    }

    /**
     * Reads, checks and imports rounds and properties CSV files (formats in README). Nothing is imported
     * unless everything is valid.
     *
     * @throws BinDataInvalid listing every problem with its file and line
     */
    public BinData importCsv(Reader roundsCsv, String roundsName, Reader propertiesCsv, String propertiesName) {
        BinData data = BinDataCsv.read(roundsCsv, roundsName, propertiesCsv, propertiesName);
        replaceAll(data);
        return data;
    }

    public long propertyCount() {
        return rounds.countProperties();
    }

    private static NextCollection next(BinRound round, LocalDate today) {
        LocalDate date = round.nextOnOrAfter(today);
        return new NextCollection(round.name(), round.stream(), date, round.nextOnOrAfter(date.plusDays(1)));
    }
}
