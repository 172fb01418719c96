package org.councilchat.knowledge;

import java.util.List;
import org.councilchat.knowledge.bins.BinRound;
import org.councilchat.knowledge.bins.BinRoundRepository.PropertyRounds;
import org.councilchat.knowledge.bins.CollectionException;

/** A whole, validated set of rounds and properties, ready to replace what the council has now. */
public record BinData(List<BinRound> rounds, List<PropertyRounds> properties, List<CollectionException> exceptions) {

    public BinData {
        rounds = List.copyOf(rounds);
        properties = List.copyOf(properties);
        exceptions = List.copyOf(exceptions);
    }
}
