package org.councilchat.knowledge.bins;

import java.time.LocalDate;
import java.util.List;
import org.councilchat.knowledge.CollectionSourceUnavailable;
import org.councilchat.knowledge.NextCollection;
import org.councilchat.knowledge.PropertyAddress;

/**
 * Where next collection dates come from: the council's rounds in our database (the default), or a service
 * the council already runs, such as a UKBinCollectionData server.
 */
public interface CollectionSource {

    /**
     * The next collection of each bin at the property, earliest first.
     *
     * @throws CollectionSourceUnavailable when the source cannot be reached or answers nonsense
     */
    List<NextCollection> nextCollections(PropertyAddress property, LocalDate today);
}
