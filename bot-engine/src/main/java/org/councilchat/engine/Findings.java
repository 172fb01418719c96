package org.councilchat.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the bot has learned in a conversation, handed to an agent so the resident is never asked again.
 * Absent facts are null.
 *
 * @param safeguarding the kind of risk the resident disclosed (self-harm, domestic-abuse, ...), if any
 * @param caseReference the reference of a message the resident left for the contact centre, if any
 * @param topic the intent of the resident's last request about a council service, which asking for a person,
 *     thanks or small talk do not replace; null when they asked about nothing the bot recognised
 * @param service the council service the resident's last question belongs to ({@code waste}, {@code council-tax},
 *     ...), which routes a handoff to advisers with that skill; null for small talk or when unclear
 */
public record Findings(
        String intent,
        Double confidence,
        String postcode,
        String address,
        String uprn,
        String answeredFaqId,
        String missedBinReference,
        String safeguarding,
        String caseReference,
        String service,
        String topic) {

    public static final Findings NONE = new Findings(null, null, null, null, null, null, null, null, null, null, null);

    /** The known facts as display-ready fields, in a stable order. */
    public Map<String, String> asFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        put(fields, "safeguarding", safeguarding);
        put(fields, "topic", topic);
        put(fields, "intent", intent);
        put(fields, "service", service);
        put(fields, "confidence", confidence == null ? null : String.format("%.2f", confidence));
        put(fields, "postcode", postcode);
        put(fields, "address", address);
        put(fields, "uprn", uprn);
        put(fields, "answeredFaq", answeredFaqId);
        put(fields, "missedBinReport", missedBinReference);
        put(fields, "caseReference", caseReference);
        return fields;
    }

    private static void put(Map<String, String> fields, String key, String value) {
        if (value != null) {
            fields.put(key, value);
        }
    }
}
