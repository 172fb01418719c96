package org.councilchat.handoff;

/** Staff closed a message a resident left, saying what was done. */
public record CaseClosed(ResidentCase closed, String staffName, String outcome) {}
