package org.councilchat.knowledge;

/** A property the council collects from, identified by its UPRN (Unique Property Reference Number). */
public record PropertyAddress(String uprn, String address, Postcode postcode) {}
