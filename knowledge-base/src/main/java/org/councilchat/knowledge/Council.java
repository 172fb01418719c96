package org.councilchat.knowledge;

/** A UK local authority, as a resident needs to know it: its name and website. */
public record Council(String gssCode, String name, String website) {}
