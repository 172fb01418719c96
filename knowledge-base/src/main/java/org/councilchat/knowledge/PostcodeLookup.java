package org.councilchat.knowledge;

import java.util.List;

/** What the council knows about what a resident typed as a postcode. */
public sealed interface PostcodeLookup {

    /** Not a postcode at all. */
    record NotAPostcode(String typed) implements PostcodeLookup {}

    /** Only the first half ("SW1A"): the resident needs to give the full postcode. */
    record PartialPostcode(String outward) implements PostcodeLookup {}

    /**
     * A well-formed postcode with no properties on the council's rounds; {@code servedBy} is the council
     * that does serve it when the postcode tables know, otherwise null.
     */
    record NotInArea(Postcode postcode, Council servedBy) implements PostcodeLookup {}

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
