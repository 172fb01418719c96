package org.councilchat.knowledge;

import java.util.List;
import org.councilchat.knowledge.bins.BinRound;
import org.councilchat.knowledge.bins.BinRoundRepository.PropertyRounds;

/** A whole, validated set of rounds and properties, ready to replace what the council has now. */
public record BinData(List<BinRound> rounds, List<PropertyRounds> properties) {

    public BinData {
        rounds = List.copyOf(rounds);
        properties = List.copyOf(properties);
    }
}
