package org.councilchat.handoff;

/** A resident left a message (or disclosed a risk out of hours) and it is now a case in the inbox. */
public record CaseOpened(ResidentCase opened) {}
