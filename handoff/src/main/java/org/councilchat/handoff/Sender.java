package org.councilchat.handoff;

/** Who wrote a message in a transcript. */
public enum Sender {
    RESIDENT,
    BOT,
    AGENT,
    SYSTEM
}
