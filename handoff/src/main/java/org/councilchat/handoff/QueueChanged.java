package org.councilchat.handoff;

import java.util.List;

/** The agent queue changed; {@code waiting} is the whole queue after the change, first in line first. */
public record QueueChanged(List<WaitingChat> waiting) {}
