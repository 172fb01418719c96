package org.councilchat.handoff;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of conversations and the agent queue ({@code council-chat.handoff.*}).
 *
 * @param maxMessageLength the longest message, in characters, a resident or agent may send
 * @param maxChatsPerAgent how many chats one agent may have at once
 * @param agentGracePeriod how long an agent's chats wait for them after their console's last connection drops,
 *     before going back to the front of the queue
 * @param skills the services (skills) an agent may pass a chat back to the queue for
 */
@ConfigurationProperties("council-chat.handoff")
public record HandoffProperties(
        @DefaultValue("2000") int maxMessageLength,
        @DefaultValue("3") int maxChatsPerAgent,
        @DefaultValue("60s") Duration agentGracePeriod,

        @DefaultValue({
            "waste",
            "council-tax",
            "housing",
            "parking",
            "planning",
            "libraries",
            "registrations",
            "environmental-health"
        })
        List<String> skills) {}
