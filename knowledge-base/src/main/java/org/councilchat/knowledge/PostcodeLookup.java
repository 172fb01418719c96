package org.councilchat.knowledge;

import java.util.List;

/** What the council knows about what a resident typed as a postcode. */
public sealed interface PostcodeLookup {

    /**
     * Not a postcode at all; {@code didYouMean} lists the postcodes the councils collect at that are one slip of
     * the keyboard away (a letter missed out or added, changed or swapped), nearest first, or none.
     */
    record NotAPostcode(String typed, List<Postcode> didYouMean) implements PostcodeLookup {
        public NotAPostcode {
            didYouMean = List.copyOf(didYouMean);
        }

        public NotAPostcode(String typed) {
            this(typed, List.of());
        }
    }

    /** Only the first half ("SW1A"): the resident needs to give the full postcode. */
    record PartialPostcode(String outward) implements PostcodeLookup {}

    /**
     * A well-formed postcode with no properties on the council's rounds; {@code servedBy} is the council
     * that does serve it when the postcode tables know, otherwise null; {@code didYouMean} the postcodes the
     * councils collect at one slip away, when the tables do not know it (so it was most likely mistyped).
     */
    record NotInArea(Postcode postcode, Council servedBy, List<Postcode> didYouMean) implements PostcodeLookup {
        public NotInArea {
            didYouMean = List.copyOf(didYouMean);
        }

        public NotInArea(Postcode postcode, Council servedBy) {
            this(postcode, servedBy, List.of());
        }
    }

    /**
     * The properties at the postcode; {@code sameRounds} is true when they all share the same rounds.
     * {@code collectedBy} is the council of this deployment whose rounds they are: another than the resident's
     * when the postcode is a neighbour's in the same shared service.
     */
    record Addresses(
            Postcode postcode,
            List<PropertyAddress> properties,
            boolean sameRounds,
            org.councilchat.councils.Council collectedBy)
            implements PostcodeLookup {
        public Addresses {
            properties = List.copyOf(properties);
        }
    }
}
