package org.councilchat.engine;

/**
 * Something a resident named in a message, in Rasa's shape: what kind of thing it is, its normal form, and
 * where it was in the message ({@code start} inclusive, {@code end} exclusive, in characters), so it can be
 * highlighted or redacted.
 *
 * @param entity the kind: {@code postcode}, {@code date}, {@code waste_stream}, {@code council_tax_account},
 *     {@code house_number}, {@code email} or {@code phone_number}
 * @param value the normal form: "MB1 1AA", "2026-12-25", "garden", "+447700900123"
 * @param extractor the component that found it
 */
public record Entity(String entity, String value, int start, int end, String extractor) {}
