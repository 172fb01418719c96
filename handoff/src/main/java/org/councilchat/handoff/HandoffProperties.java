package org.councilchat.handoff;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of conversations and the agent queue ({@code council-chat.handoff.*}).
 *
 * @param maxMessageLength the longest message, in characters, a resident or agent may send
 */
@ConfigurationProperties("council-chat.handoff")
public record HandoffProperties(@DefaultValue("2000") int maxMessageLength) {}
