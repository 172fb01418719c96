package org.councilchat.knowledge.bins;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.councilchat.knowledge.NextCollection;
import org.councilchat.knowledge.PropertyAddress;

/** Next collections computed from the council's rounds in our database, with bank holidays and exceptions. */
public final class RoundsCollectionSource implements CollectionSource {

    private final BinRoundRepository rounds;
    private final CollectionCalendars calendars;

    public RoundsCollectionSource(BinRoundRepository rounds, CollectionCalendars calendars) {
        this.rounds = rounds;
        this.calendars = calendars;
    }

    @Override
    public List<NextCollection> nextCollections(PropertyAddress property, LocalDate today) {
        // The bank holidays and rule of the council that collects there.
        CollectionCalendar calendar =
                calendars.of(rounds.councilOf(property.uprn()).orElse(null));
        return rounds.roundsFor(property.uprn()).stream()
                .flatMap(round -> next(calendar, round, rounds.exceptionsFor(round.id()), today).stream())
                .sorted(Comparator.comparing(NextCollection::date).thenComparing(NextCollection::binName))
                .toList();
    }

    private static Optional<NextCollection> next(
            CollectionCalendar calendar,
            BinRound round,
            Map<LocalDate, CollectionException> exceptions,
            LocalDate today) {
        List<CollectionCalendar.Collection> upcoming = calendar.upcoming(round, exceptions, today, 2);
        List<CollectionCalendar.Collection> collected =
                upcoming.stream().filter(c -> !c.cancelled()).toList();
        if (collected.isEmpty()) {
            return Optional.empty();
        }
        CollectionCalendar.Collection first = collected.getFirst();
        NextCollection.Change change;
        if (first.changed()) {
            change = new NextCollection.Change(first.usualDate(), false, first.reason());
        } else {
            change = upcoming.stream()
                    .takeWhile(c -> c != first)
                    .filter(CollectionCalendar.Collection::cancelled)
                    .findFirst()
                    .map(c -> new NextCollection.Change(c.usualDate(), true, c.reason()))
                    .orElse(null);
        }
        return Optional.of(new NextCollection(
                round.name(),
                round.stream(),
                round.colour(),
                first.date(),
                collected.size() > 1 ? collected.get(1).date() : null,
                change,
                round.subscriptionOnly(),
                round.welshNameOrMade()));
    }
}
