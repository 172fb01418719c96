package org.councilchat.engine.dialogue;

import java.util.Map;

/**
 * Each council's contact-centre hours: its own where its settings give them (a Scottish council keeps Scotland's
 * bank holidays, a council may answer on Saturdays), else the deployment's.
 *
 * @param deployment the hours of {@code council-chat.engine.contact-centre}
 * @param byCouncil the hours of the councils that set their own, by council id
 */
public record CouncilOpeningHours(ContactCentreHours deployment, Map<String, ContactCentreHours> byCouncil) {

    public CouncilOpeningHours {
        byCouncil = Map.copyOf(byCouncil);
    }

    /** The same hours for every council. */
    public static CouncilOpeningHours everywhere(ContactCentreHours hours) {
        return new CouncilOpeningHours(hours, Map.of());
    }

    /** The hours this council's advisers answer; the deployment's for null or a council without its own. */
    public ContactCentreHours of(String councilId) {
        return councilId == null ? deployment : byCouncil.getOrDefault(councilId, deployment);
    }
}
